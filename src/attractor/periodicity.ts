// A periodic component under noise. Measurement noise fills the small scales
// of phase space, so a noisy sine has no low-dimensional determinism to show
// the false-neighbour and correlation-dimension tests, yet its autocorrelation
// keeps coming back, period after period, to the share of the variance that the
// cycle carries. Chaos and coloured noise lose that memory: Lorenz x within a
// period, a resonant (narrow-band) noise a little more each period.
import { autocorrelation, variance } from './spectrum';

export interface PeriodicComponent {
  /** Period in samples: the lag of the autocorrelation's first peak after it goes negative. */
  period: number;
  /** Share of the variance that repeats with that period: the lowest of the peaks near 1, 2, ... `periods` periods. */
  share: number;
  /** Periods checked (the peaks near k * period for k = 1 .. periods). */
  periods: number;
  /** The lowest peak over the first one: 1 when the cycle never fades, lower when it does. */
  persistence: number;
}

/** Fewest periods the data must hold beyond the checked lags for the component to be measured. */
const MIN_PERIODS = 4;
const MAX_PERIODS = 10;
/** Lags are checked up to this share of the data, where the unbiased estimate still rests on 2/3 of the pairs. */
const LAG_SHARE = 1 / 3;

/**
 * Autocorrelation of the `dimension` interleaved coordinates of `values` as one
 * process (covariances summed over the coordinates, over the summed variance),
 * corrected for the pairs a lag loses (the unbiased estimate), up to `maxLag`.
 */
function unbiasedAutocorrelation(values: Float64Array, dimension: number, maxLag: number): Float64Array {
  const count = Math.floor(values.length / dimension);
  const total = new Float64Array(maxLag + 1);
  let summedVariance = 0;
  const coordinate = new Float64Array(count);
  for (let c = 0; c < dimension; c++) {
    for (let i = 0; i < count; i++) coordinate[i] = values[i * dimension + c];
    const v = variance(coordinate);
    const r = autocorrelation(coordinate, maxLag);
    for (let k = 0; k <= maxLag; k++) total[k] += v * r[k];
    summedVariance += v;
  }
  for (let k = 0; k <= maxLag; k++) total[k] = summedVariance > 0 ? (total[k] / summedVariance) * (count / (count - k)) : 0;
  return total;
}

/**
 * The strongest evidence of a cycle in the data, or undefined when there is no
 * period to speak of (the autocorrelation never returns above zero) or the
 * data hold fewer than 12 periods (4 checked, within a third of the data).
 */
export function periodicComponent(values: Float64Array, dimension = 1): PeriodicComponent | undefined {
  const count = Math.floor(values.length / dimension);
  const maxLag = Math.floor(count * LAG_SHARE);
  if (maxLag < 2) return undefined;
  const r = unbiasedAutocorrelation(values, dimension, maxLag);
  let lag = 1;
  while (lag <= maxLag && r[lag] > 0) lag++;
  while (lag <= maxLag && r[lag] <= 0) lag++;
  let period = 0;
  for (let best = -Infinity; lag <= maxLag && r[lag] > 0; lag++) {
    if (r[lag] > best) {
      best = r[lag];
      period = lag;
    }
  }
  if (period === 0) return undefined;
  const periods = Math.min(MAX_PERIODS, Math.floor(maxLag / period - 0.25));
  if (periods < MIN_PERIODS) return undefined;
  // The peak near each multiple, within a quarter period of it: an estimated period
  // off by a fraction of a sample must not miss the peak ten periods on.
  const peaks: number[] = [];
  for (let k = 1; k <= periods; k++) {
    let peak = -Infinity;
    const from = Math.max(1, Math.round((k - 0.25) * period));
    const to = Math.min(maxLag, Math.round((k + 0.25) * period));
    for (let j = from; j <= to; j++) peak = Math.max(peak, r[j]);
    peaks.push(peak);
  }
  const share = Math.min(...peaks);
  return { period, share: Math.max(0, share), periods, persistence: peaks[0] > 0 ? Math.max(0, share) / peaks[0] : 0 };
}
