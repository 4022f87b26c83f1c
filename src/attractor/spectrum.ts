// Spectral helpers for choosing embedding parameters: the mean period
// (Rosenstein et al. 1993 use it as the Theiler window) and the autocorrelation.
// The numerics are the kernels in assembly/attractor/spectrum.ts; this layer
// sizes the FFT, copies data in and reads results.
import { f64View, withScratch } from '../memory';

/** Largest FFT length: 2^30 (a larger one could not be held in wasm memory anyway). */
const MAX_FFT_LENGTH = 2 ** 30;

/** The smallest power of two >= n; a RangeError above 2^30 (never a shift that wraps to 0 and loops). */
export function nextPowerOfTwo(n: number): number {
  if (!(n <= MAX_FFT_LENGTH)) throw new RangeError(`nextPowerOfTwo: an FFT of ${n} points is more than the limit of ${MAX_FFT_LENGTH}`);
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Population variance (divided by n) about the mean (kept within the values' range: exactly 0 for a constant). */
export function variance(values: Float64Array): number {
  return withScratch((s) => s.kernels.populationVariance(s.f64(values), values.length));
}

/**
 * The mean period in samples: the reciprocal of the power-weighted mean
 * frequency of the Hann-windowed periodogram, summed over the `dimension`
 * interleaved coordinates of `values` (dimension 1 for a plain series). Returns
 * Infinity for a signal without any variation.
 */
export function meanPeriod(values: Float64Array, dimension = 1): number {
  const count = Math.floor(values.length / dimension);
  const size = nextPowerOfTwo(count);
  const bins = size / 2 + 1;
  return withScratch((s) => {
    const data = s.f64(values);
    const work = s.f64(3 * size);
    const powerAt = s.f64(bins);
    f64View(powerAt, bins).fill(0);
    for (let c = 0; c < dimension; c++) s.kernels.addHannPeriodogram(data + 8 * c, dimension, count, size, work, powerAt);
    const power = f64View(powerAt, bins);
    let weighted = 0;
    let total = 0;
    for (let k = 1; k < bins; k++) {
      weighted += (k / size) * power[k];
      total += power[k];
    }
    return total > 0 && weighted > 0 ? total / weighted : Infinity;
  });
}

/** Autocorrelation r(0 .. maxLag) of a series (biased estimator, r(0) = 1; all 1 for a constant), by FFT. */
export function autocorrelation(series: Float64Array, maxLag: number): Float64Array {
  const n = series.length;
  const size = nextPowerOfTwo(2 * n);
  const lags = Math.min(maxLag, n - 1);
  return withScratch((s) => {
    const data = s.f64(series);
    const work = s.f64(3 * size);
    const out = s.f64(lags + 1);
    s.kernels.autocorrelationByFFT(data, n, size, work, out, lags);
    return f64View(out, lags + 1).slice();
  });
}

/** Theiler window used when none is given: the mean period, in whole samples (at least 1). */
export function defaultTheiler(values: Float64Array, dimension = 1): number {
  const period = meanPeriod(values, dimension);
  return Number.isFinite(period) ? Math.max(1, Math.round(period)) : 1;
}
