// The embedding delay: the first minimum of the average mutual information
// (Fraser & Swinney 1986), else the autocorrelation's 1/e time.
import { type NumericSeries } from '../validate';
import { safelyScaled, toScalarSeries } from './input';
import { autocorrelation, meanPeriod } from './spectrum';

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

/** Number of bins for n values: about sqrt(n / 10), between 4 and 32. */
function binCount(n: number): number {
  return Math.max(4, Math.min(32, Math.floor(Math.sqrt(n / 10))));
}

/**
 * I(x(t); x(t + lag)) in nats for one lag at a time, from a joint histogram of
 * `bins` equally populated, linearly split bins; the binning is done once.
 */
function mutualInformationByLag(series: Float64Array, bins: number): (lag: number) => number {
  const n = series.length;
  const { lower, upperWeight } = splitBins(series, bins);
  const joint = new Float64Array(bins * bins);
  const px = new Float64Array(bins);
  const py = new Float64Array(bins);
  return (lag) => {
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
    return mi / pairs;
  };
}

/** Average mutual information I(x(t); x(t + lag)) in nats for lag = 0 .. maxLag. */
export function averageMutualInformation(series: Float64Array, maxLag: number): { information: Float64Array; bins: number } {
  const bins = binCount(series.length);
  const at = mutualInformationByLag(series, bins);
  return { information: Float64Array.from({ length: maxLag + 1 }, (_, lag) => at(lag)), bins };
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
  const at = mutualInformationByLag(x, bins);
  const information = new Float64Array(maxLag + reach + 1).fill(NaN);
  const info = (lag: number) => (Number.isNaN(information[lag]) ? (information[lag] = at(lag)) : information[lag]);
  const floor = (bins - 1) ** 2 / n;
  for (let lag = 1; lag <= maxLag; lag++) {
    const here = info(lag);
    if (here > info(lag - 1) || here > info(lag + 1)) continue;
    let lowest = here;
    for (let k = Math.max(0, lag - reach); k <= lag + reach; k++) lowest = Math.min(lowest, info(k));
    if (here - lowest > 0.01 * (info(0) - here)) continue;
    if (here > floor) return lag;
    break;
  }
  const acf = autocorrelation(x, Math.floor(n / 4));
  for (let lag = 1; lag < acf.length; lag++) if (acf[lag] < 1 / Math.E) return lag;
  return 1;
}
