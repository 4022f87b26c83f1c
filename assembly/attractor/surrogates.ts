import { getF64, getI32, setF64 } from '../memory';
import { fftInPlace, fftTwiddles } from './spectrum';
import { sortIndicesByKey } from './sort';

/**
 * An amplitude-adjusted Fourier-transform surrogate (Theiler et al. 1992) of the
 * n values at x (n a power of two): the series' spectrum with the phases
 * 2 pi * phases[k - 1] for k = 1 .. n/2 - 1, transformed back, then the series'
 * own values (`sorted`, ascending) put in the rank order of that. `work` holds
 * 3 * n f64 (re, im, twiddles) and 2 * n i32 (order, sort space).
 */
export function amplitudeAdjustedSurrogate(x: usize, sorted: usize, n: i32, phases: usize, work: usize, out: usize): void {
  const re = work;
  const im = re + (<usize>n << 3);
  const twiddles = im + (<usize>n << 3);
  const order = twiddles + (<usize>n << 3);
  const spare = order + (<usize>n << 2);
  memory.copy(re, x, <usize>n << 3);
  memory.fill(im, 0, <usize>n << 3);
  fftTwiddles(twiddles, n);
  fftInPlace(re, im, n, twiddles);
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
