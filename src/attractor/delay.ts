// The embedding delay: the first minimum of the average mutual information
// (Fraser & Swinney 1986), else the autocorrelation's 1/e time.
import { withScratch } from '../memory';
import { type NumericSeries } from '../validate';
import { safelyScaled, toScalarSeries } from './input';
import { autocorrelation, meanPeriod } from './spectrum';

/** Number of bins for n values: about sqrt(n / 10), between 4 and 32. */
function binCount(n: number): number {
  return Math.max(4, Math.min(32, Math.floor(Math.sqrt(n / 10))));
}

/**
 * Runs `body` with I(x(t); x(t + lag)) in nats for one lag at a time, from a
 * joint histogram of `bins` equally populated, linearly split bins (kernels in
 * assembly/attractor/mutual-information.ts); the binning is done once.
 */
function withMutualInformation<T>(series: Float64Array, bins: number, body: (at: (lag: number) => number) => T): T {
  const n = series.length;
  return withScratch((s) => {
    const values = s.f64(series);
    const order = s.i32(n);
    const spare = s.i32(n);
    const lower = s.i32(n);
    const upperWeight = s.f64(n);
    const work = s.f64(bins * bins + 2 * bins);
    s.kernels.sortIndicesByKey(values, n, order, spare);
    s.kernels.splitBins(order, n, bins, lower, upperWeight);
    return body((lag) => s.kernels.mutualInformation(lower, upperWeight, n, bins, lag, work));
  });
}

/** Average mutual information I(x(t); x(t + lag)) in nats for lag = 0 .. maxLag. */
export function averageMutualInformation(series: Float64Array, maxLag: number): { information: Float64Array; bins: number } {
  const bins = binCount(series.length);
  const information = withMutualInformation(series, bins, (at) => Float64Array.from({ length: maxLag + 1 }, (_, lag) => at(lag)));
  return { information, bins };
}

/**
 * Delay for embedding: the first minimum of the average mutual information
 * (Fraser & Swinney 1986); otherwise the first lag where the autocorrelation
 * falls below 1/e (1 when it never does).
 *
 * A minimum is a lag whose information is no higher than its neighbours' and
 * within 1% of the fall so far (I(0) - I(lag)) of the lowest value within 5% of
 * the mean period on both sides. The window keeps the small ripples that binning
 * leaves on the descending information of a periodic signal from counting; the
 * 1% keeps a flat stretch with ripples of a thousandth of a nat (Lorenz x near
 * 0.18 time units) from being skipped for a deeper minimum half a period later.
 * It must also exceed (B - 1)^2 / N, twice the estimator's bias for independent
 * data: a minimum on that floor (noise, or a chaotic map whose information is
 * gone after a few steps) is no minimum.
 */
export function estimateDelay(series: NumericSeries): number {
  const x = safelyScaled(toScalarSeries(series, 'estimateDelay')).values;
  const n = x.length;
  if (n < 8) return 1;
  const period = meanPeriod(x);
  const finitePeriod = Number.isFinite(period) ? period : 16;
  const reach = Math.max(1, Math.round(0.05 * finitePeriod));
  const maxLag = Math.max(1, Math.min(Math.floor(n / 4) - reach, Math.max(16, Math.ceil(2 * finitePeriod))));
  // Lags are computed as the search reaches them: the first minimum usually lies
  // within a tenth of the 2 mean periods searched.
  const bins = binCount(n);
  const floor = (bins - 1) ** 2 / n;
  const minimum = withMutualInformation(x, bins, (at) => {
    const information = new Float64Array(maxLag + reach + 1).fill(NaN);
    const info = (lag: number) => (Number.isNaN(information[lag]) ? (information[lag] = at(lag)) : information[lag]);
    for (let lag = 1; lag <= maxLag; lag++) {
      const here = info(lag);
      if (here > info(lag - 1) || here > info(lag + 1)) continue;
      let lowest = here;
      for (let k = Math.max(0, lag - reach); k <= lag + reach; k++) lowest = Math.min(lowest, info(k));
      if (here - lowest > 0.01 * (info(0) - here)) continue;
      return here > floor ? lag : 0;
    }
    return 0;
  });
  if (minimum > 0) return minimum;
  const acf = autocorrelation(x, Math.floor(n / 4));
  for (let lag = 1; lag < acf.length; lag++) if (acf[lag] < 1 / Math.E) return lag;
  return 1;
}
