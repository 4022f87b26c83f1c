// Regime classification from the invariants: does a signal settle, cycle, or
// behave chaotically, or is it noise? Confidence is the share of independent
// views (other embedding dimensions, each half of the data) that reach the
// same verdict as the majority.
import { InsufficientDataError } from '../errors';
import { checkNumber } from '../validate';
import { estimateDelay } from './delay';
import { falseNeighbourEvidence, gatherEvidence, signalEvidence, type Evidence, type SignalEvidence } from './evidence';
import { isPhasePoints, optionalInteger, readOptions, safelyScaled, toPointCloud, toScalarSeries, type AttractorInput, type PointCloud } from './input';
import { EMBEDDING_OPTION_KEYS, type EmbeddingOptions, type PhaseSpace } from './phase-space';
import { reasonsFor, regimeOf, type AttractorType } from './regime';
import { defaultTheiler } from './spectrum';
import { surrogateTest, type SurrogateTest } from './surrogates';

export type { AttractorType } from './regime';

export interface ClassifyOptions extends EmbeddingOptions {
  /** Sampling interval, for reporting the exponent per unit of time. Default 1. */
  dt?: number;
}

/** One analysis of the data (an embedding dimension, or a part of the series). */
export interface AttractorView {
  label: string;
  type: AttractorType;
  /** Largest Lyapunov exponent per unit of time. */
  lyapunovExponent: number;
  correlationDimension: number;
}

export interface AttractorClassification {
  type: AttractorType;
  /** Largest Lyapunov exponent per unit of time (from the main view: the whole data at the chosen dimension). */
  lyapunovExponent: number;
  /** Correlation dimension D2 (main view). */
  correlationDimension: number;
  /** Share of the views that agree with `type`, in (0, 1]. */
  confidence: number;
  /** The evidence, in words. */
  reasons: string[];
  /** Embedding dimension (the points' dimension when points were given). */
  dimension: number;
  /** Embedding delay in samples; 0 for points given in phase space. */
  delay: number;
  theiler: number;
  /** Mean period of the signal in samples (reciprocal mean frequency of the spectrum). */
  meanPeriod: number;
  views: AttractorView[];
}

// The classifier reports only dimensionless numbers, so its phase spaces keep the data's safe scale to themselves.
function seriesSpace(series: Float64Array, dimension: number, delay: number, theiler: number): PhaseSpace {
  return { series, dimension, delay, theiler, count: series.length - (dimension - 1) * delay, scale: 1 };
}

function cloudSpace(cloud: PointCloud, from: number, to: number, theiler: number): PhaseSpace {
  const values = cloud.values.subarray(from * cloud.dimension, to * cloud.dimension);
  return { cloud: { values, count: to - from, dimension: cloud.dimension }, dimension: cloud.dimension, delay: 0, theiler, count: to - from, scale: 1 };
}

export const CLASSIFY_OPTION_KEYS = [...EMBEDDING_OPTION_KEYS, 'dt'] as const;

interface PlannedView {
  label: string;
  space: PhaseSpace;
  values: Float64Array;
  valueDimension: number;
  fnn?: Evidence['falseNeighbours'];
  surrogates?: SurrogateTest;
}

/** Checked data to classify: a scalar series, or points in phase space. */
export type ClassifiableData = { series: Float64Array; cloud?: undefined } | { cloud: PointCloud; series?: undefined };

/**
 * Classifies the attractor behind a series (delay-embedded) or points in
 * phase space as a fixed point, a limit cycle, chaos, or noise ('stochastic'),
 * from the largest Lyapunov exponent, the correlation dimension, false nearest
 * neighbours and whether the signal settles.
 */
export function classifyAttractor(input: AttractorInput, options?: ClassifyOptions): AttractorClassification {
  const where = 'classifyAttractor';
  const o = readOptions(options, CLASSIFY_OPTION_KEYS, where); // before the data: see readOptions
  const data: ClassifiableData = isPhasePoints(input) ? { cloud: toPointCloud(input, where) } : { series: toScalarSeries(input, where) };
  return classifyData(data, o, where);
}

/** Classifies checked data with options already read (readOptions with CLASSIFY_OPTION_KEYS). */
export function classifyData(given: ClassifiableData, o: Partial<Record<(typeof CLASSIFY_OPTION_KEYS)[number], unknown>>, where: string): AttractorClassification {
  const data: ClassifiableData = given.cloud
    ? { cloud: { ...given.cloud, values: safelyScaled(given.cloud.values).values } }
    : { series: safelyScaled(given.series).values };
  const dt = o.dt === undefined ? 1 : checkNumber(o.dt, 'options.dt', where);
  if (!(dt > 0)) throw new RangeError(`${where}: options.dt must be > 0, got ${dt}`);
  const views = data.cloud ? planCloudViews(data.cloud, o, where) : planSeriesViews(data.series, o, where);
  const results: Array<{ view: PlannedView; evidence: Evidence; type: AttractorType }> = [];
  // The embedding views of one series share its signal evidence (spectrum, autocorrelation, ...).
  const signals = new Map<Float64Array, SignalEvidence>();
  for (const view of views) {
    let evidence: Evidence;
    try {
      let signal = signals.get(view.values);
      if (!signal) signals.set(view.values, (signal = signalEvidence(view.values, view.valueDimension)));
      evidence = gatherEvidence(view.space, signal, dt, where, view.fnn, view.surrogates);
    } catch (error) {
      // The main view's "too short" error is the caller's; a half that is too short just does not vote.
      if (results.length === 0 || !(error instanceof InsufficientDataError)) throw error;
      continue;
    }
    results.push({ view, evidence, type: regimeOf(evidence) });
  }
  const main = results[0];
  const votes = new Map<AttractorType, number>();
  for (const r of results) votes.set(r.type, (votes.get(r.type) ?? 0) + 1);
  let type = main.type;
  for (const [candidate, count] of votes) if (count > votes.get(type)!) type = candidate;
  const agreeing = votes.get(type)!;
  return {
    type,
    lyapunovExponent: main.evidence.exponent,
    correlationDimension: main.evidence.d2,
    confidence: agreeing / results.length,
    reasons: reasonsFor(type, main.evidence, results.map((r) => ({ label: r.view.label, type: r.type }))),
    dimension: main.view.space.dimension,
    delay: main.view.space.delay,
    theiler: main.view.space.theiler,
    meanPeriod: main.evidence.period,
    views: results.map((r) => ({
      label: r.view.label,
      type: r.type,
      lyapunovExponent: r.evidence.exponent,
      correlationDimension: r.evidence.d2,
    })),
  };
}

/** Points: all of them first, then each half and the middle half. */
function planCloudViews(cloud: PointCloud, o: Partial<Record<keyof EmbeddingOptions, unknown>>, where: string): PlannedView[] {
  if (o.delay !== undefined) throw new RangeError(`${where}: options.delay applies to a series; points are already in phase space`);
  if (o.dimension !== undefined && o.dimension !== cloud.dimension) {
    throw new RangeError(`${where}: options.dimension is ${o.dimension} but the points have dimension ${cloud.dimension}`);
  }
  const theiler = optionalInteger(o.theiler, 'options.theiler', where, 0) ?? defaultTheiler(cloud.values, cloud.dimension);
  const n = cloud.count;
  const half = Math.floor(n / 2);
  const quarter = Math.floor(n / 4);
  const view = (label: string, from: number, to: number): PlannedView => {
    const space = cloudSpace(cloud, from, to, theiler);
    return { label, space, values: space.cloud!.values, valueDimension: cloud.dimension };
  };
  return [view('all points', 0, n), view('first half', 0, half), view('second half', half, n), view('middle half', quarter, quarter + half)];
}

/** Series: the chosen embedding first, then one and two dimensions more, then each half at the chosen dimension. */
function planSeriesViews(series: Float64Array, o: Partial<Record<keyof EmbeddingOptions, unknown>>, where: string): PlannedView[] {
  const theiler = optionalInteger(o.theiler, 'options.theiler', where, 0) ?? defaultTheiler(series);
  const delay = optionalInteger(o.delay, 'options.delay', where, 1) ?? estimateDelay(series);
  const givenDimension = optionalInteger(o.dimension, 'options.dimension', where, 1);
  const fnn = falseNeighbourEvidence(series, delay, theiler);
  const dimension = givenDimension ?? fnn?.dimension ?? 1;
  // One surrogate test per stretch of data, at the chosen embedding (the extra dimensions share it).
  const surrogates = surrogateTest(series, dimension, delay, theiler);
  const views: PlannedView[] = [0, 1, 2].map((extra) => ({
    label: `embedding dimension ${dimension + extra}`,
    space: seriesSpace(series, dimension + extra, delay, theiler),
    values: series,
    valueDimension: 1,
    fnn,
    surrogates,
  }));
  const half = Math.floor(series.length / 2);
  for (const [label, part] of [['first half', series.subarray(0, half)], ['second half', series.subarray(half)]] as const) {
    views.push({
      label,
      space: seriesSpace(part, dimension, delay, theiler),
      values: part,
      valueDimension: 1,
      fnn: falseNeighbourEvidence(part, delay, theiler),
      surrogates: surrogateTest(part, dimension, delay, theiler),
    });
  }
  return views;
}
