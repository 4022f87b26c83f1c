// The embedding dimension by false nearest neighbours (Kennel, Brown &
// Abarbanel 1992), with neighbours from the wasm k-d tree.
import { f64View, i32View, withScratch } from '../memory';
import { type NumericSeries } from '../validate';
import { estimateDelay } from './delay';
import { embedInScratch } from './delay-vectors';
import { optionalInteger, readOptions, safelyScaled, toScalarSeries } from './input';
import { findNeighbours } from './neighbours';
import { defaultTheiler } from './spectrum';

/** Largest embedding dimension tried by the false-nearest-neighbour search. */
export const MAX_EMBEDDING_DIMENSION = 10;
/** Kennel et al.'s thresholds: distance growth factor and size relative to the attractor. */
const FNN_DISTANCE_RATIO = 15;
const FNN_ATTRACTOR_RATIO = 2;
/** The dimension is the first one with fewer than this fraction of false neighbours. */
export const FNN_ACCEPTED_FRACTION = 0.01;
/** Fewest points (beyond two Theiler windows) a dimension needs to be tested. */
const MIN_TESTED_POINTS = 16;

export interface FalseNeighbourOptions {
  /** Delay in samples. Default: estimateDelay(series). */
  delay?: number;
  /** Largest dimension to test (default 10). */
  maxDimension?: number;
  /** Neighbours closer than this in time are not candidates. Default: the mean period. */
  theiler?: number;
}

/**
 * Fraction of false nearest neighbours for m = 1 .. maxDimension (index m - 1):
 * neighbours in m dimensions whose distance grows by more than a factor 15 in
 * dimension m + 1, or becomes more than twice the attractor's size (its
 * standard deviation). Stops early once `stopBelow` is reached.
 */
export function falseNeighbourFractions(
  x: Float64Array, delay: number, maxDimension: number, theiler: number, stopBelow = -1,
): number[] {
  const n = x.length;
  let average = 0;
  for (let i = 0; i < n; i++) average += x[i];
  average /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (x[i] - average) ** 2;
  const attractorSize = Math.sqrt(variance / n);
  const fractions: number[] = [];
  for (let m = 1; m <= maxDimension; m++) {
    const count = n - m * delay; // points that also have an (m + 1)-th coordinate
    if (count < MIN_TESTED_POINTS + 2 * theiler) break;
    const fraction = withScratch((s) => {
      const series = s.f64(x);
      const { points } = embedInScratch(s, series, n, m, delay);
      const found = findNeighbours(s, points, count, m, theiler);
      const neighbour = i32View(found.neighbour, count);
      const distance2 = f64View(found.distance2, count);
      let falseCount = 0;
      let valid = 0;
      for (let i = 0; i < count; i++) {
        const j = neighbour[i];
        if (j < 0) continue;
        valid++;
        const extra = Math.abs(x[i + m * delay] - x[j + m * delay]);
        const grows = extra / Math.sqrt(distance2[i]) > FNN_DISTANCE_RATIO; // neighbours are never the same state
        const tooFar = Math.sqrt(distance2[i] + extra * extra) > FNN_ATTRACTOR_RATIO * attractorSize;
        if (grows || tooFar) falseCount++;
      }
      return valid > 0 ? falseCount / valid : 1;
    });
    fractions.push(fraction);
    if (fraction < stopBelow) break;
  }
  return fractions;
}

/** The embedding dimension implied by false-neighbour fractions (index m - 1). */
export function dimensionFromFractions(fractions: number[]): number {
  for (let m = 1; m <= fractions.length; m++) if (fractions[m - 1] < FNN_ACCEPTED_FRACTION) return m;
  // Never clean (noise, or too little data): the dimension with the fewest false neighbours.
  let best = 0;
  for (let m = 1; m < fractions.length; m++) if (fractions[m] < fractions[best]) best = m;
  return best + 1;
}

/** The series and the options of the false-nearest-neighbour functions, checked (options read first: see readOptions). */
function resolveFalseNeighbourInput(series: NumericSeries, options: FalseNeighbourOptions | undefined, where: string) {
  const o = readOptions(options, ['delay', 'maxDimension', 'theiler'], where);
  const x = safelyScaled(toScalarSeries(series, where)).values;
  const delay = optionalInteger(o.delay, 'options.delay', where, 1) ?? estimateDelay(x);
  const maxDimension = optionalInteger(o.maxDimension, 'options.maxDimension', where, 1) ?? MAX_EMBEDDING_DIMENSION;
  const theiler = optionalInteger(o.theiler, 'options.theiler', where, 0) ?? defaultTheiler(x);
  return { x, delay, maxDimension, theiler };
}

/**
 * Fractions of false nearest neighbours (Kennel et al. 1992) for embedding
 * dimensions 1 .. maxDimension (fractions[m - 1]), and the dimension they imply.
 * Dimensions whose embedding leaves too few points are left out.
 */
export function falseNearestNeighbours(series: NumericSeries, options?: FalseNeighbourOptions): { fractions: number[]; dimension: number } {
  const where = 'falseNearestNeighbours';
  const { x, delay, maxDimension, theiler } = resolveFalseNeighbourInput(series, options, where);
  const fractions = falseNeighbourFractions(x, delay, maxDimension, theiler);
  return { fractions, dimension: fractions.length === 0 ? 1 : dimensionFromFractions(fractions) };
}

/**
 * Embedding dimension by false nearest neighbours (Kennel et al. 1992): the
 * smallest m with fewer than 1% false neighbours, tried up to options.maxDimension
 * (default 10); when none gets there, the m with the fewest.
 */
export function estimateDimension(series: NumericSeries, options?: FalseNeighbourOptions): number {
  const where = 'estimateDimension';
  const { x, delay, maxDimension, theiler } = resolveFalseNeighbourInput(series, options, where);
  const fractions = falseNeighbourFractions(x, delay, maxDimension, theiler, FNN_ACCEPTED_FRACTION);
  return fractions.length === 0 ? 1 : dimensionFromFractions(fractions);
}
