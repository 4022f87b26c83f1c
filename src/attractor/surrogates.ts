// Is there nonlinear determinism, or could linear noise with the same spectrum
// have made this series? (Theiler et al. 1992, "Testing for nonlinearity in time
// series: the method of surrogate data".) Resonant noise passes the false-
// neighbour test, since it is smooth, and its neighbours drift apart, so by the
// exponent alone it looks chaotic. Predicting each point from its nearest
// neighbour's future tells it apart: chaos and limit cycles predict far better
// than surrogates that share the series' power spectrum and values but have
// random Fourier phases; linear noise predicts no better than its surrogates.
import { f64View, i32View, withScratch, type Scratch } from '../memory';
import { seededRandom } from '../random';
import { embedInScratch } from './delay-vectors';
import { findNeighbours } from './neighbours';

export interface SurrogateTest {
  /** RMS error of predicting `horizon` steps ahead from the nearest neighbour, over the series' standard deviation. */
  error: number;
  /** The same for each surrogate. */
  surrogateErrors: number[];
  /** Points of the series tested (the longest power of two; surrogates need the FFT's length). */
  length: number;
  horizon: number;
}

const SURROGATES = 9;
/** Fewest points to test; fewer leave too few neighbours to predict from. */
const MIN_LENGTH = 128;
/** Fixed seed: the same series always gets the same surrogates and verdict. */
const SEED = 0x5eed;

/**
 * The segment of `length` points whose ends meet best (value and slope), so that
 * the FFT's periodic wrap-around adds no jump of its own to the surrogates.
 */
function bestSegment(x: Float64Array, length: number): Float64Array {
  let best = 0;
  let bestMismatch = Infinity;
  const step = Math.max(1, Math.floor((x.length - length) / 256));
  for (let start = 0; start + length <= x.length; start += step) {
    const end = start + length - 1;
    const mismatch = (x[end] - x[start]) ** 2 + (x[end] - x[end - 1] - (x[start + 1] - x[start])) ** 2;
    if (mismatch < bestMismatch) {
      bestMismatch = mismatch;
      best = start;
    }
  }
  return x.subarray(best, best + length);
}

/**
 * `each` of `count` amplitude-adjusted Fourier-transform surrogates (Theiler et
 * al. 1992): the series' spectrum with random phases, then its own values put
 * in the rank order of that (kernels in assembly/attractor/surrogates.ts; the
 * spectrum is computed once for all of them). `sorted` is the series' values in
 * ascending order. `each` gets the surrogate where it lies in wasm memory (n
 * f64, overwritten by the next one) and a scratch of its own.
 */
export function withSurrogates<T>(
  x: Float64Array, sorted: Float64Array, random: () => number, count: number, each: (s: Scratch, at: number) => T,
): T[] {
  const n = x.length;
  const phases = new Float64Array(n / 2 - 1);
  return withScratch((s) => {
    const sortedAt = s.f64(sorted);
    const phasesAt = s.f64(phases.length);
    const work = s.alloc(5 * n * 8 + 2 * n * 4);
    const out = s.f64(n);
    s.kernels.surrogateSpectrum(s.f64(x), n, work);
    return Array.from({ length: count }, () => {
      for (let k = 0; k < phases.length; k++) phases[k] = random(); // a plain loop: Float64Array.from with a callback is several times slower
      f64View(phasesAt, phases.length).set(phases);
      s.kernels.amplitudeAdjustedSurrogate(sortedAt, n, phasesAt, work, out);
      return withScratch((inner) => each(inner, out));
    });
  });
}

/**
 * RMS error of the nearest neighbour's value `horizon` steps on, over the
 * standard deviation, for the n values at `xAt` in wasm memory.
 */
function predictionError(s: Scratch, xAt: number, n: number, dimension: number, delay: number, theiler: number, horizon: number): number {
  const count = n - (dimension - 1) * delay - horizon; // points that have a future to predict
  const spread2 = s.kernels.populationVariance(xAt, n);
  if (!(spread2 > 0)) return NaN;
  const { points } = embedInScratch(s, xAt, n - horizon, dimension, delay);
  const neighbour = i32View(findNeighbours(s, points, count, dimension, theiler).neighbour, count);
  const x = f64View(xAt, n);
  const last = (dimension - 1) * delay + horizon;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < count; i++) {
    const j = neighbour[i];
    if (j < 0) continue;
    sum += (x[i + last] - x[j + last]) ** 2;
    pairs++;
  }
  return pairs > 0 ? Math.sqrt(sum / pairs / spread2) : NaN;
}

/**
 * Nearest-neighbour prediction `delay` steps ahead in the given embedding, of
 * the series and of 9 surrogates; undefined when the series is too short.
 */
export function surrogateTest(series: Float64Array, dimension: number, delay: number, theiler: number): SurrogateTest | undefined {
  let length = 1;
  while (length * 2 <= series.length) length *= 2;
  const horizon = Math.max(1, delay);
  if (length < MIN_LENGTH || length - (dimension - 1) * delay - horizon < MIN_LENGTH / 2 + 2 * theiler) return undefined;
  const x = bestSegment(series, length);
  const predict = (s: Scratch, at: number) => predictionError(s, at, length, dimension, delay, theiler, horizon);
  const error = withScratch((s) => predict(s, s.f64(x)));
  if (!Number.isFinite(error)) return undefined;
  const sorted = Float64Array.from(x).sort();
  const surrogateErrors = withSurrogates(x, sorted, seededRandom(SEED), SURROGATES, predict);
  return { error, surrogateErrors, length, horizon };
}
