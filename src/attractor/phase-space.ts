// Resolves what an analysis runs on: a scalar series with its embedding
// parameters (given or estimated), or points already in phase space; and puts
// those points into wasm memory for the kernels.
import { type Scratch } from '../memory';
import { estimateDelay } from './delay';
import { embedInScratch } from './delay-vectors';
import { estimateDimension } from './false-neighbours';
import { isPhasePoints, optionalInteger, readOptions, safelyScaled, toPointCloud, toScalarSeries, type AttractorInput, type PointCloud } from './input';
import { defaultTheiler } from './spectrum';

export interface EmbeddingOptions {
  /** Embedding dimension (series only). Default: false nearest neighbours. */
  dimension?: number;
  /** Embedding delay in samples (series only). Default: first minimum of the average mutual information. */
  delay?: number;
  /** Pairs closer than this many steps in time are never neighbours. Default: the mean period of the spectrum. */
  theiler?: number;
}

export interface PhaseSpace {
  /** The scalar series to delay-embed, or undefined for given points. */
  series?: Float64Array;
  /** Given phase-space points, or undefined for a series. */
  cloud?: PointCloud;
  dimension: number;
  /** Embedding delay in samples; 0 for points given in phase space. */
  delay: number;
  theiler: number;
  /** Number of phase-space points. */
  count: number;
  /** The power of two the data were multiplied by to keep squared distances finite (see safelyScaled); 1 mostly. */
  scale: number;
}

export const EMBEDDING_OPTION_KEYS = ['dimension', 'delay', 'theiler'] as const;

/** Checks the input and options and fills in every parameter that was not given. */
export function resolvePhaseSpace(input: AttractorInput, options: EmbeddingOptions | undefined, where: string): PhaseSpace {
  const o = readOptions(options, EMBEDDING_OPTION_KEYS, where); // before the data: see readOptions
  if (isPhasePoints(input)) {
    const given = toPointCloud(input, where);
    const { values, scale } = safelyScaled(given.values);
    const cloud = { ...given, values };
    if (o.delay !== undefined) {
      throw new RangeError(`${where}: options.delay applies to a series; points are already in phase space`);
    }
    if (o.dimension !== undefined && o.dimension !== cloud.dimension) {
      throw new RangeError(`${where}: options.dimension is ${o.dimension} but the points have dimension ${cloud.dimension}`);
    }
    const theiler = optionalInteger(o.theiler, 'options.theiler', where, 0) ?? defaultTheiler(cloud.values, cloud.dimension);
    return { cloud, dimension: cloud.dimension, delay: 0, theiler, count: cloud.count, scale };
  }
  const { values: series, scale } = safelyScaled(toScalarSeries(input, where));
  const delay = optionalInteger(o.delay, 'options.delay', where, 1);
  const dimension = optionalInteger(o.dimension, 'options.dimension', where, 1);
  const theiler = optionalInteger(o.theiler, 'options.theiler', where, 0);
  const resolvedTheiler = theiler ?? defaultTheiler(series);
  const resolvedDelay = delay ?? estimateDelay(series);
  const resolvedDimension =
    dimension ?? estimateDimension(series, { delay: resolvedDelay, theiler: resolvedTheiler });
  const count = series.length - (resolvedDimension - 1) * resolvedDelay;
  return { series, dimension: resolvedDimension, delay: resolvedDelay, theiler: resolvedTheiler, count, scale };
}

/** The phase-space points in a scratch block (row-major, space.count rows). */
export function pointsInScratch(s: Scratch, space: PhaseSpace): number {
  if (space.cloud) return s.f64(space.cloud.values);
  const series = space.series!;
  return embedInScratch(s, s.f64(series), series.length, space.dimension, space.delay).points;
}

/** How the points were obtained, for error messages. */
export function describeSpace(space: PhaseSpace): string {
  return space.cloud
    ? `${space.count} points of dimension ${space.dimension}`
    : `series has ${space.series!.length} points`;
}
