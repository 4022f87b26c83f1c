import { getF64, getI32, setF64 } from '../memory';
import { fftInPlace, fftTwiddles } from './spectrum';
import { sortIndicesByKey } from './sort';

// Amplitude-adjusted Fourier-transform surrogates (Theiler et al. 1992) of one
// series: its spectrum with random phases, transformed back, then its own
// values put in the rank order of that. Every surrogate of a series starts from
// the same spectrum and twiddles, so surrogateSpectrum computes them once into
// the work block and each amplitudeAdjustedSurrogate call starts from a copy.
//
// A work block for n values holds 5 * n f64 (re, im, twiddles, the series'
// spectrum: re and im) and 2 * n i32 (order, sort space).

/** The twiddles and the spectrum of the n values at x (n a power of two) into `work`. */
export function surrogateSpectrum(x: usize, n: i32, work: usize): void {
  const re = work;
  const im = re + (<usize>n << 3);
  const twiddles = im + (<usize>n << 3);
  const spectrum = twiddles + (<usize>n << 3);
  memory.copy(re, x, <usize>n << 3);
  memory.fill(im, 0, <usize>n << 3);
  fftTwiddles(twiddles, n);
  fftInPlace(re, im, n, twiddles);
  memory.copy(spectrum, re, <usize>n << 4); // re and im, back to back
}

/**
 * A surrogate of the series whose spectrum `work` holds (surrogateSpectrum):
 * the phases 2 pi * phases[k - 1] for k = 1 .. n/2 - 1, transformed back, then
 * the series' own values (`sorted`, ascending) put in the rank order of that.
 */
export function amplitudeAdjustedSurrogate(sorted: usize, n: i32, phases: usize, work: usize, out: usize): void {
  const re = work;
  const im = re + (<usize>n << 3);
  const twiddles = im + (<usize>n << 3);
  const spectrum = twiddles + (<usize>n << 3);
  const order = spectrum + (<usize>n << 4);
  const spare = order + (<usize>n << 2);
  memory.copy(re, spectrum, <usize>n << 4);
  for (let k = 1; k < n / 2; k++) {
    const amplitude = Math.hypot(getF64(re, k), getF64(im, k));
    const phase = 2 * Math.PI * getF64(phases, k - 1);
    const real = amplitude * Math.cos(phase);
    const imaginary = amplitude * Math.sin(phase);
    setF64(re, k, real);
    setF64(re, n - k, real);
    setF64(im, k, imaginary);
    setF64(im, n - k, -imaginary);
  }
  for (let k = 0; k < n; k++) setF64(im, k, -getF64(im, k)); // the inverse FFT is the forward one on the conjugate
  fftInPlace(re, im, n, twiddles);
  sortIndicesByKey(re, n, order, spare);
  for (let rank = 0; rank < n; rank++) setF64(out, getI32(order, rank), getF64(sorted, rank));
}
