// Delay embedding and the automatic choice of its parameters: the delay from
// the first minimum of the average mutual information (Fraser & Swinney 1986),
// the dimension from false nearest neighbours (Kennel, Brown & Abarbanel 1992).
import { f64View, i32View, withScratch, type Scratch } from '../memory';
import { checkOptions, type NumericSeries } from '../validate';
import { optionalInteger, toScalarSeries } from './input';
import { findNeighbours } from './neighbours';
import { autocorrelation, meanPeriod } from './spectrum';

export interface EmbedOptions {
  /** Embedding dimension m >= 1. Default: estimateDimension(series, { delay }). */
  dimension?: number;
  /** Delay tau >= 1 in samples. Default: estimateDelay(series). */
  delay?: number;
}

export interface Embedding {
  /** Delay vectors, row-major: row i is [x(i), x(i + delay), ..., x(i + (dimension - 1) delay)]. */
  points: Float64Array;
  /** Number of rows: series.length - (dimension - 1) * delay. */
  count: number;
  dimension: number;
  delay: number;
}

/** Largest embedding dimension tried by the false-nearest-neighbour search. */
export const MAX_EMBEDDING_DIMENSION = 10;
/** Kennel et al.'s thresholds: distance growth factor and size relative to the attractor. */
const FNN_DISTANCE_RATIO = 15;
const FNN_ATTRACTOR_RATIO = 2;
/** The dimension is the first one with fewer than this fraction of false neighbours. */
const FNN_ACCEPTED_FRACTION = 0.01;
/** Fewest delay vectors an embedding needs to be worth analysing. */
export const MIN_EMBEDDED_POINTS = 16;

/** Points needed to have `count` delay vectors of dimension m and delay tau. */
export function pointsNeeded(count: number, dimension: number, delay: number): number {
  return count + (dimension - 1) * delay;
}

/** Embeds the series at `series` (n f64 in wasm memory) into a new scratch block. */
export function embedInScratch(s: Scratch, series: number, n: number, dimension: number, delay: number): { points: number; count: number } {
  const count = n - (dimension - 1) * delay;
  const points = s.f64(count * dimension);
  s.kernels.delayEmbed(series, n, dimension, delay, points);
  return { points, count };
}

/** Delay embedding of a series; dimension and delay are estimated when not given. */
export function embed(series: NumericSeries, options?: EmbedOptions): Embedding {
  const where = 'embed';
  const x = toScalarSeries(series, where);
  const o = checkOptions(options, where);
  const delay = optionalInteger(o.delay, 'options.delay', where, 1) ?? estimateDelay(x);
  const dimension = optionalInteger(o.dimension, 'options.dimension', where, 1) ?? estimateDimension(x, { delay });
  const needed = pointsNeeded(1, dimension, delay);
  if (x.length < needed) {
    throw new RangeError(
      `${where}: series has ${x.length} points; dimension ${dimension} with delay ${delay} needs at least ${needed}`,
    );
  }
  return withScratch((s) => {
    const pSeries = s.f64(x);
    const { points, count } = embedInScratch(s, pSeries, x.length, dimension, delay);
    return { points: f64View(points, count * dimension).slice(), count, dimension, delay };
  });
}

/** Theiler window used when none is given: the mean period, in whole samples (at least 1). */
export function defaultTheiler(values: Float64Array, dimension = 1): number {
  const period = meanPeriod(values, dimension);
  return Number.isFinite(period) ? Math.max(1, Math.round(period)) : 1;
}

/**
 * Each value's position among equally populated bins, from its rank, split
 * linearly between the two nearest bin centres (B-spline binning of order 2,
 * Daub et al. 2004): the histogram then varies smoothly with the lag instead of
 * rippling as a periodic signal's points cross sharp bin edges.
 */
function splitBins(series: Float64Array, bins: number): { lower: Int32Array; upperWeight: Float64Array } {
  const n = series.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => series[a] - series[b]);
  const lower = new Int32Array(n);
  const upperWeight = new Float64Array(n);
  for (let rank = 0; rank < n; rank++) {
    const position = Math.min(bins - 1, Math.max(0, ((rank + 0.5) * bins) / n - 0.5));
    const low = Math.min(bins - 2, Math.floor(position));
    lower[order[rank]] = low;
    upperWeight[order[rank]] = position - low;
  }
  return { lower, upperWeight };
}

/**
 * Average mutual information I(x(t); x(t + lag)) in nats for lag = 0 .. maxLag,
 * from a joint histogram of `bins` equally populated, linearly split bins.
 */
export function averageMutualInformation(series: Float64Array, maxLag: number): { information: Float64Array; bins: number } {
  const n = series.length;
  const bins = Math.max(4, Math.min(32, Math.floor(Math.sqrt(n / 10))));
  const { lower, upperWeight } = splitBins(series, bins);
  const joint = new Float64Array(bins * bins);
  const px = new Float64Array(bins);
  const py = new Float64Array(bins);
  const information = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    const pairs = n - lag;
    joint.fill(0);
    px.fill(0);
    py.fill(0);
    for (let t = 0; t < pairs; t++) {
      const a = lower[t];
      const b = lower[t + lag];
      const wa = upperWeight[t];
      const wb = upperWeight[t + lag];
      joint[a * bins + b] += (1 - wa) * (1 - wb);
      joint[a * bins + b + 1] += (1 - wa) * wb;
      joint[(a + 1) * bins + b] += wa * (1 - wb);
      joint[(a + 1) * bins + b + 1] += wa * wb;
      px[a] += 1 - wa;
      px[a + 1] += wa;
      py[b] += 1 - wb;
      py[b + 1] += wb;
    }
    let mi = 0;
    for (let a = 0; a < bins; a++) {
      for (let b = 0; b < bins; b++) {
        const c = joint[a * bins + b];
        if (c > 0) mi += c * Math.log((c * pairs) / (px[a] * py[b]));
      }
    }
    information[lag] = mi / pairs;
  }
  return { information, bins };
}

/**
 * Delay for embedding: the first minimum of the average mutual information
 * (Fraser & Swinney 1986); otherwise the first lag where the autocorrelation
 * falls below 1/e (1 when it never does).
 *
 * A minimum must be the lowest value within 5% of the mean period on both
 * sides, so the small ripples that binning leaves on the flat information of a
 * periodic signal do not count, and it must exceed (B - 1)^2 / N, twice the
 * estimator's bias for independent data: a minimum on that floor (noise, or a
 * chaotic map whose information is gone after a few steps) is no minimum.
 */
export function estimateDelay(series: NumericSeries): number {
  const x = toScalarSeries(series, 'estimateDelay');
  const n = x.length;
  if (n < 8) return 1;
  const period = meanPeriod(x);
  const finitePeriod = Number.isFinite(period) ? period : 16;
  const reach = Math.max(1, Math.round(0.05 * finitePeriod));
  const maxLag = Math.max(1, Math.min(Math.floor(n / 4) - reach, Math.max(16, Math.ceil(2 * finitePeriod))));
  const { information, bins } = averageMutualInformation(x, maxLag + reach);
  const floor = (bins - 1) ** 2 / n;
  for (let lag = 1; lag <= maxLag; lag++) {
    let lowest = true;
    for (let k = Math.max(0, lag - reach); k <= lag + reach && lowest; k++) {
      if (k !== lag && information[k] < information[lag]) lowest = false;
    }
    if (!lowest) continue;
    if (information[lag] > floor) return lag;
    break;
  }
  const acf = autocorrelation(x, Math.floor(n / 4));
  for (let lag = 1; lag < acf.length; lag++) if (acf[lag] < 1 / Math.E) return lag;
  return 1;
}

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
    if (count < MIN_EMBEDDED_POINTS + 2 * theiler) break;
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

/** Options shared by the false-nearest-neighbour functions, checked. */
function resolveFalseNeighbourOptions(x: Float64Array, options: FalseNeighbourOptions | undefined, where: string) {
  const o = checkOptions(options, where);
  const delay = optionalInteger(o.delay, 'options.delay', where, 1) ?? estimateDelay(x);
  const maxDimension = optionalInteger(o.maxDimension, 'options.maxDimension', where, 1) ?? MAX_EMBEDDING_DIMENSION;
  const theiler = optionalInteger(o.theiler, 'options.theiler', where, 0) ?? defaultTheiler(x);
  return { delay, maxDimension, theiler };
}

/**
 * Fractions of false nearest neighbours (Kennel et al. 1992) for embedding
 * dimensions 1 .. maxDimension (fractions[m - 1]), and the dimension they imply.
 * Dimensions whose embedding leaves too few points are left out.
 */
export function falseNearestNeighbours(series: NumericSeries, options?: FalseNeighbourOptions): { fractions: number[]; dimension: number } {
  const where = 'falseNearestNeighbours';
  const x = toScalarSeries(series, where);
  const { delay, maxDimension, theiler } = resolveFalseNeighbourOptions(x, options, where);
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
  const x = toScalarSeries(series, where);
  const { delay, maxDimension, theiler } = resolveFalseNeighbourOptions(x, options, where);
  const fractions = falseNeighbourFractions(x, delay, maxDimension, theiler, FNN_ACCEPTED_FRACTION);
  return fractions.length === 0 ? 1 : dimensionFromFractions(fractions);
}
