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

/**
 * Points column by column, for the kernels that read consecutive points with
 * SIMD: coordinate c of point j at data[c * stride + j]. A delay embedding is
 * its series with stride = delay.
 */
export interface Columns {
  data: number;
  stride: number;
}

/** Row-major points (count rows of `dimension` coordinates) transposed into a scratch block of columns. */
export function cloudColumns(s: Scratch, values: Float64Array, count: number, dimension: number): Columns {
  const columns = new Float64Array(count * dimension);
  for (let i = 0; i < count; i++) for (let c = 0; c < dimension; c++) columns[c * count + i] = values[i * dimension + c];
  return { data: s.f64(columns), stride: count };
}

/** The phase-space points column by column in a scratch block (see Columns). */
export function columnsInScratch(s: Scratch, space: PhaseSpace): Columns {
  if (space.cloud) return cloudColumns(s, space.cloud.values, space.count, space.dimension);
  return { data: s.f64(space.series!), stride: space.delay };
}

/** The phase-space points in scratch blocks: row-major (space.count rows) and column by column. */
export function spaceInScratch(s: Scratch, space: PhaseSpace): { points: number; columns: Columns } {
  if (space.cloud) return { points: s.f64(space.cloud.values), columns: columnsInScratch(s, space) };
  const series = space.series!;
  const data = s.f64(series);
  const { points } = embedInScratch(s, data, series.length, space.dimension, space.delay);
  return { points, columns: { data, stride: space.delay } };
}

/** How the points were obtained, for error messages. */
export function describeSpace(space: PhaseSpace): string {
  return space.cloud
    ? `${space.count} points of dimension ${space.dimension}`
    : `series has ${space.series!.length} points`;
}
