// Largest Lyapunov exponent by Rosenstein, Collins & De Luca (1993).
import { withScratch } from '../memory';
import { InsufficientDataError } from '../errors';
import { checkNumber } from '../validate';
import { divergenceCurve } from './divergence';
import { binaryExponent, readOptions, type AttractorInput } from './input';
import { fitLine, straightestRegion, type Region } from './linear-region';
import { describeSpace, EMBEDDING_OPTION_KEYS, resolvePhaseSpace, spaceInScratch, type EmbeddingOptions, type PhaseSpace } from './phase-space';

export interface LyapunovOptions extends EmbeddingOptions {
  /**
   * Steps to follow each neighbour pair. Default: 4 Theiler windows (at least
   * 20), doubled while the divergence has not levelled off, up to half the points.
   */
  horizon?: number;
  /** Sampling interval: the exponent is per unit of time = per step / dt. Default 1. */
  dt?: number;
  /** Steps [start, end] to fit the slope over. Default: chosen from the curve (see linear-region.ts). */
  fitRange?: [number, number];
}

export interface LyapunovResult {
  /** Largest Lyapunov exponent per unit of time (NaN when the points never separate, e.g. a constant signal). */
  exponent: number;
  /** Mean ln(distance) of neighbour pairs after k steps, k = 0 .. horizon - 1. */
  divergence: Float64Array;
  /** Steps [start, end] (inclusive) whose least-squares slope is the exponent (times dt). */
  fitRange: [number, number];
  dimension: number;
  /** Embedding delay in samples; 0 for points given in phase space. */
  delay: number;
  theiler: number;
  horizon: number;
  dt: number;
}

/** Reference points needed beyond two Theiler windows, so that every one has candidate neighbours. */
const MIN_REFERENCE_MARGIN = 16;
const MIN_HORIZON = 2;
const MIN_AUTO_HORIZON = 20;
/** Share of the rise of the divergence (in log distance) where growth is still exponential. */
const EXPONENTIAL_SHARE = 0.5;
/** The part of the region in the lower half of the rise is only used when it spans at least this many steps. */
const MIN_FIT_STEPS = 8;
/** The horizon counts as long enough once the last quarter of the curve rises at under this share of the fitted rate. */
const LEVELLED_OFF = 0.25;

/** Changes of the mean log divergence below this many nats (5%) are no change: a flat curve. */
const FLAT_NATS = 0.05;

/** Rules for the linear region: 40 blocks, 3 at least, slopes within 20%, flat = within 0.05 nats over the horizon. */
function regionRules(horizon: number) {
  return { blocks: 40, minBlocks: 3, relativeTolerance: 0.2, absoluteTolerance: FLAT_NATS / horizon, flatChange: FLAT_NATS };
}

function referencesNeeded(theiler: number): number {
  return 2 * theiler + MIN_REFERENCE_MARGIN;
}

/** Phase-space points that a horizon needs. */
function pointsNeededFor(space: PhaseSpace, horizon: number): number {
  return horizon - 1 + referencesNeeded(space.theiler);
}

function tooShort(where: string, space: PhaseSpace, horizon: number): InsufficientDataError {
  const needed = pointsNeededFor(space, horizon);
  const what = space.cloud
    ? `dimension ${space.dimension}`
    : `dimension ${space.dimension}, delay ${space.delay}`;
  const total = space.cloud ? needed : needed + (space.dimension - 1) * space.delay;
  return new InsufficientDataError(
    `${where}: ${describeSpace(space)}; ${what}, horizon ${horizon} and Theiler window ${space.theiler} need at least ${total}${space.cloud ? ' points' : ''}`,
    total,
    space.cloud ? space.count : space.series!.length,
  );
}

/** Finite prefix of the divergence curve (a step where no pair separated is NaN). */
function finitePrefix(curve: Float64Array): number {
  let n = 0;
  while (n < curve.length && Number.isFinite(curve[n])) n++;
  return n;
}

function steps(length: number): Float64Array {
  return Float64Array.from({ length }, (_, k) => k);
}

/**
 * The linear region of the divergence curve (undefined when it has fewer than
 * 2 finite values): the straightest long stretch of the whole curve, fitted
 * only where it lies in the lower half of the curve's rise (in log distance,
 * from the first step to the highest level). Higher up the separations approach
 * the size of the attractor and the growth bends over long before the curve
 * looks flat; a straight stretch is still found over the whole curve, so a short
 * steep transient at the start cannot pass for it.
 */
export function linearRegionOf(divergence: Float64Array): Region | undefined {
  const usable = finitePrefix(divergence);
  if (usable < 2) return undefined;
  const k = steps(usable);
  const y = divergence.subarray(0, usable);
  const region = straightestRegion(k, y, regionRules(usable)) ?? { from: 0, to: usable - 1, ...fitLine(k, y, 0, usable - 1) };
  let top = -Infinity;
  for (let i = 0; i < usable; i++) top = Math.max(top, y[i]);
  if (!(region.slope > 0) || top - y[0] <= FLAT_NATS) return region;
  const ceiling = y[0] + EXPONENTIAL_SHARE * (top - y[0]);
  let to = region.from;
  while (to < region.to && y[to + 1] <= ceiling) to++;
  if (to - region.from + 1 < MIN_FIT_STEPS) return region;
  return { from: region.from, to, ...fitLine(k, y, region.from, to) };
}

/** True when the curve has stopped rising: its last quarter rises at less than a quarter of the fitted rate. */
function levelledOff(divergence: Float64Array, region: Region | undefined): boolean {
  if (!region || region.slope <= 0) return true;
  const usable = finitePrefix(divergence);
  const from = Math.floor((usable * 3) / 4);
  if (usable - from < 2) return true;
  return fitLine(steps(usable), divergence, from, usable - 1).slope < LEVELLED_OFF * region.slope;
}

/**
 * Largest Lyapunov exponent of a series (delay-embedded) or of points in phase
 * space, by Rosenstein et al. (1993): the nearest neighbour of every point
 * outside a Theiler window, the mean log distance of those pairs over `horizon`
 * steps, and the least-squares slope of its linear region.
 */
export function lyapunovExponent(input: AttractorInput, options?: LyapunovOptions): LyapunovResult {
  const where = 'lyapunovExponent';
  const o = readOptions(options, [...EMBEDDING_OPTION_KEYS, 'dt', 'horizon', 'fitRange'], where);
  const dt = o.dt === undefined ? 1 : checkNumber(o.dt, 'options.dt', where);
  if (!(dt > 0)) throw new RangeError(`${where}: options.dt must be > 0, got ${dt}`);
  const horizonOption =
    o.horizon === undefined ? undefined : checkNumber(o.horizon, 'options.horizon', where, { integer: true, min: MIN_HORIZON });
  const fitRange = o.fitRange === undefined ? undefined : checkFitRange(o.fitRange, where);
  const space = resolvePhaseSpace(input, o as EmbeddingOptions, where);
  return lyapunovOfSpace(space, { horizon: horizonOption, dt, fitRange }, where);
}

export function checkFitRange(value: unknown, where: string): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new TypeError(`${where}: options.fitRange must be an array [start, end] of two step numbers`);
  }
  const start = checkNumber(value[0], 'options.fitRange[0]', where, { integer: true, min: 0 });
  const end = checkNumber(value[1], 'options.fitRange[1]', where, { integer: true, min: start + 1 });
  return [start, end];
}

/** Rosenstein on a resolved phase space (the classifier calls this for several embeddings). */
export function lyapunovOfSpace(
  space: PhaseSpace,
  settings: { horizon?: number; dt: number; fitRange?: [number, number] },
  where: string,
): LyapunovResult {
  const { dt, fitRange } = settings;
  const available = space.count - referencesNeeded(space.theiler) + 1; // longest horizon the points allow
  let horizon: number;
  if (settings.horizon !== undefined) {
    horizon = settings.horizon;
    if (horizon > available) throw tooShort(where, space, horizon);
    if (fitRange && fitRange[1] >= horizon) {
      throw new RangeError(`${where}: options.fitRange ends at step ${fitRange[1]}, beyond the horizon (${horizon} steps)`);
    }
  } else {
    const longest = Math.min(available, Math.max(MIN_AUTO_HORIZON, Math.floor(space.count / 2)));
    horizon = Math.min(longest, Math.max(MIN_AUTO_HORIZON, 4 * space.theiler, fitRange ? fitRange[1] + 1 : 0));
    if (horizon < MIN_AUTO_HORIZON || (fitRange && fitRange[1] >= horizon)) {
      throw tooShort(where, space, Math.max(MIN_AUTO_HORIZON, fitRange ? fitRange[1] + 1 : 0));
    }
  }
  return withScratch((s) => {
    const { points, columns } = spaceInScratch(s, space);
    let divergence = divergenceCurve(s, points, columns, space.count, space.dimension, space.theiler, horizon).divergence;
    let region = fitRange ? fitOver(divergence, fitRange) : linearRegionOf(divergence);
    if (settings.horizon === undefined && !fitRange) {
      const longest = Math.min(available, Math.floor(space.count / 2));
      while (!levelledOff(divergence, region) && horizon * 2 <= longest) {
        horizon *= 2;
        divergence = divergenceCurve(s, points, columns, space.count, space.dimension, space.theiler, horizon).divergence;
        region = linearRegionOf(divergence);
      }
    }
    // The curve in the caller's units (ln of their distances); the slope does not depend on them.
    if (space.scale !== 1) divergence = divergence.map((v) => v - binaryExponent(space.scale) * Math.LN2);
    return {
      exponent: region ? region.slope / dt : NaN,
      divergence,
      fitRange: region ? [region.from, region.to] : [0, 0],
      dimension: space.dimension,
      delay: space.delay,
      theiler: space.theiler,
      horizon,
      dt,
    };
  });
}

function fitOver(divergence: Float64Array, [start, end]: [number, number]): Region | undefined {
  for (let k = start; k <= end; k++) if (!Number.isFinite(divergence[k])) return undefined;
  return { from: start, to: end, ...fitLine(steps(divergence.length), divergence, start, end) };
}
