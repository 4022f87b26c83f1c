// Spectral helpers for choosing embedding parameters: the mean period
// (Rosenstein et al. 1993 use it as the Theiler window) and the autocorrelation.

/** In-place iterative radix-2 FFT; the length must be a power of two. */
export function fftInPlace(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const r = re[i];
      re[i] = re[j];
      re[j] = r;
      const m = im[i];
      im[i] = im[j];
      im[j] = m;
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = (-2 * Math.PI) / size;
    const half = size >> 1;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const a = start + k;
        const b = a + half;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

/** Largest FFT length: 2^30 (a larger one could not be held in wasm memory anyway). */
const MAX_FFT_LENGTH = 2 ** 30;

/** The smallest power of two >= n; a RangeError above 2^30 (never a shift that wraps to 0 and loops). */
export function nextPowerOfTwo(n: number): number {
  if (!(n <= MAX_FFT_LENGTH)) throw new RangeError(`nextPowerOfTwo: an FFT of ${n} points is more than the limit of ${MAX_FFT_LENGTH}`);
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * The mean, kept within the values' range: the rounded sum of a constant such
 * as 0.1 over n is not exactly 0.1, and its round-off would pass for a signal
 * (a spectrum, a period) where there is none (#17.16).
 */
function mean(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let i = from; i < to; i++) {
    const x = values[i];
    sum += x;
    if (x < low) low = x;
    if (x > high) high = x;
  }
  return Math.min(high, Math.max(low, sum / (to - from)));
}

/** Population variance (divided by n). */
export function variance(values: Float64Array): number {
  const average = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - average) ** 2;
  return sum / values.length;
}

/**
 * Adds the Hann-windowed periodogram of one coordinate (every `stride`-th value
 * from `offset`, mean removed) to `power` (bins 0 .. size/2 of a size-point FFT).
 */
function addPeriodogram(values: Float64Array, offset: number, stride: number, count: number, power: Float64Array): void {
  const size = (power.length - 1) * 2;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let sum = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = values[offset + i * stride];
    sum += x;
    if (x < low) low = x;
    if (x > high) high = x;
  }
  const average = Math.min(high, Math.max(low, sum / count)); // see mean()
  for (let i = 0; i < count; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / count);
    re[i] = (values[offset + i * stride] - average) * hann;
  }
  fftInPlace(re, im);
  for (let k = 0; k < power.length; k++) power[k] += re[k] * re[k] + im[k] * im[k];
}

/**
 * The mean period in samples: the reciprocal of the power-weighted mean
 * frequency of the spectrum, summed over the `dimension` interleaved
 * coordinates of `values` (dimension 1 for a plain series). Returns Infinity
 * for a signal without any variation.
 */
export function meanPeriod(values: Float64Array, dimension = 1): number {
  const count = Math.floor(values.length / dimension);
  const size = nextPowerOfTwo(count);
  const power = new Float64Array(size / 2 + 1);
  for (let c = 0; c < dimension; c++) addPeriodogram(values, c, dimension, count, power);
  let weighted = 0;
  let total = 0;
  for (let k = 1; k < power.length; k++) {
    weighted += (k / size) * power[k];
    total += power[k];
  }
  return total > 0 && weighted > 0 ? total / weighted : Infinity;
}

/** Autocorrelation r(0 .. maxLag) of a series (biased estimator, r(0) = 1), by FFT. */
export function autocorrelation(series: Float64Array, maxLag: number): Float64Array {
  const n = series.length;
  const size = nextPowerOfTwo(2 * n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const average = mean(series);
  for (let i = 0; i < n; i++) re[i] = series[i] - average;
  fftInPlace(re, im);
  for (let k = 0; k < size; k++) {
    re[k] = re[k] * re[k] + im[k] * im[k];
    im[k] = 0;
  }
  fftInPlace(re, im); // the power spectrum is real and even, so a forward FFT is the inverse up to 1/size
  const lags = Math.min(maxLag, n - 1);
  const out = new Float64Array(lags + 1);
  if (re[0] === 0) return out.fill(1);
  for (let k = 0; k <= lags; k++) out[k] = re[k] / re[0];
  return out;
}

/** Theiler window used when none is given: the mean period, in whole samples (at least 1). */
export function defaultTheiler(values: Float64Array, dimension = 1): number {
  const period = meanPeriod(values, dimension);
  return Number.isFinite(period) ? Math.max(1, Math.round(period)) : 1;
}
