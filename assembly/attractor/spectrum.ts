import { getF64, setF64 } from '../memory';

// The spectrum of a series: a radix-2 FFT over precomputed twiddle factors, the
// Hann-windowed periodogram (for the mean period) and the autocorrelation
// (Wiener-Khinchin: the inverse transform of the power spectrum).
//
// Work blocks hold three f64 arrays of the FFT's length n, back to back: the
// real parts, the imaginary parts and the twiddles (cos at [0, n/2), sin at
// [n/2, n)). The twiddle for stage size s and index k is entry k * (n / s) of
// the table for n, whose angle (-2 pi / n) * (k n / s) equals (-2 pi / s) * k
// exactly (the factors are powers of two), so every stage reads the factor it
// would compute itself, with one cos and one sin per entry instead of per butterfly.
// Math here is AssemblyScript's, compiled into the module: the same bits in every engine.

/** Fills twiddles[0, n) for an n-point FFT (see above). */
export function fftTwiddles(twiddles: usize, n: i32): void {
  const half = n >> 1;
  const angle = (-2 * Math.PI) / n;
  for (let k = 0; k < half; k++) {
    setF64(twiddles, k, Math.cos(angle * k));
    setF64(twiddles, half + k, Math.sin(angle * k));
  }
}

/** In-place iterative radix-2 FFT of (re, im), n a power of two, with twiddles for n. */
export function fftInPlace(re: usize, im: usize, n: i32, twiddles: usize): void {
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const r = getF64(re, i);
      setF64(re, i, getF64(re, j));
      setF64(re, j, r);
      const m = getF64(im, i);
      setF64(im, i, getF64(im, j));
      setF64(im, j, m);
    }
  }
  const half = n >> 1;
  for (let size = 2; size <= n; size <<= 1) {
    const halfSize = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < halfSize; k++) {
        const wr = getF64(twiddles, k * step);
        const wi = getF64(twiddles, half + k * step);
        const a = start + k;
        const b = a + halfSize;
        const tr = getF64(re, b) * wr - getF64(im, b) * wi;
        const ti = getF64(re, b) * wi + getF64(im, b) * wr;
        setF64(re, b, getF64(re, a) - tr);
        setF64(im, b, getF64(im, a) - ti);
        setF64(re, a, getF64(re, a) + tr);
        setF64(im, a, getF64(im, a) + ti);
      }
    }
  }
}

/**
 * Mean of count values `stride` apart, kept within their range: the rounded
 * mean of a constant such as 0.1 is not exactly 0.1, and its round-off would
 * pass for a signal where there is none.
 */
export function clampedMean(values: usize, stride: i32, count: i32): f64 {
  let sum: f64 = 0;
  let low: f64 = Infinity;
  let high: f64 = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = getF64(values, i * stride);
    sum += x;
    low = select<f64>(x, low, x < low);
    high = select<f64>(x, high, x > high);
  }
  const mean = sum / count;
  return select<f64>(high, select<f64>(low, mean, mean < low), mean > high);
}

/** Population variance (divided by n) about the clamped mean. */
export function populationVariance(values: usize, n: i32): f64 {
  const mean = clampedMean(values, 1, n);
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const d = getF64(values, i) - mean;
    sum += d * d;
  }
  return sum / n;
}

/**
 * Adds the Hann-windowed periodogram of count values `stride` apart (mean
 * removed) to power[0, size/2] (a size-point FFT, zero-padded). `work` holds
 * 3 * size f64 (re, im, twiddles).
 */
export function addHannPeriodogram(values: usize, stride: i32, count: i32, size: i32, work: usize, power: usize): void {
  const re = work;
  const im = work + (<usize>size << 3);
  const twiddles = im + (<usize>size << 3);
  memory.fill(re, 0, <usize>size << 4);
  const mean = clampedMean(values, stride, count);
  for (let i = 0; i < count; i++) {
    const hann = 0.5 - 0.5 * Math.cos((2 * Math.PI * (<f64>i + 0.5)) / count);
    setF64(re, i, (getF64(values, i * stride) - mean) * hann);
  }
  fftTwiddles(twiddles, size);
  fftInPlace(re, im, size, twiddles);
  const bins = (size >> 1) + 1;
  for (let k = 0; k < bins; k++) {
    const r = getF64(re, k);
    const m = getF64(im, k);
    setF64(power, k, getF64(power, k) + (r * r + m * m));
  }
}

/**
 * Autocorrelation r(0 .. lags) of n values (biased estimator, r(0) = 1; all 1
 * for a constant) into out, by an FFT of `size` >= 2n points; `work` holds
 * 3 * size f64 (re, im, twiddles).
 */
export function autocorrelationByFFT(series: usize, n: i32, size: i32, work: usize, out: usize, lags: i32): void {
  const re = work;
  const im = work + (<usize>size << 3);
  const twiddles = im + (<usize>size << 3);
  memory.fill(re, 0, <usize>size << 4);
  const mean = clampedMean(series, 1, n);
  for (let i = 0; i < n; i++) setF64(re, i, getF64(series, i) - mean);
  fftTwiddles(twiddles, size);
  fftInPlace(re, im, size, twiddles);
  for (let k = 0; k < size; k++) {
    const r = getF64(re, k);
    const m = getF64(im, k);
    setF64(re, k, r * r + m * m);
    setF64(im, k, 0);
  }
  fftInPlace(re, im, size, twiddles); // the power spectrum is real and even: the forward FFT is the inverse up to 1/size
  const zero = getF64(re, 0);
  for (let k = 0; k <= lags; k++) setF64(out, k, zero == 0 ? 1 : getF64(re, k) / zero);
}
