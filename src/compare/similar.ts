// Subsequence matching by DTW: every window of the series as long as the pattern
// whose DTW distance to the pattern is within a threshold.
import { withScratch } from '../memory';
import { checkNumber, toSeries, type NumericSeries } from '../validate';
import { bandRadius, resolveDtwOptions, type DtwOptions } from './dtw';

export interface Match {
  /** Start of the matching window in the series. */
  index: number;
  /** DTW distance of the window to the pattern. */
  distance: number;
}

export type SimilarOptions = Omit<DtwOptions, 'abandonAbove'>;

/**
 * Every start index whose window (pattern.length points) is within `threshold`
 * of the pattern by DTW, sorted by distance, then index.
 */
export function findSimilar(
  series: NumericSeries,
  pattern: NumericSeries,
  threshold: number,
  options?: SimilarOptions,
): Match[] {
  return scanWindows('findSimilar', series, pattern, threshold, options, false);
}

/** True when some window of the series is within `threshold` of the pattern. */
export function detectPattern(
  series: NumericSeries,
  pattern: NumericSeries,
  threshold: number,
  options?: SimilarOptions,
): boolean {
  return scanWindows('detectPattern', series, pattern, threshold, options, true).length > 0;
}

function scanWindows(
  where: string,
  seriesIn: NumericSeries,
  patternIn: NumericSeries,
  threshold: number,
  options: SimilarOptions | undefined,
  stopAtFirst: boolean,
): Match[] {
  const series = toSeries(seriesIn, 'series', where);
  const pattern = toSeries(patternIn, 'pattern', where);
  checkNumber(threshold, 'threshold', where, { min: 0, infinite: true });
  const m = pattern.length;
  if (m > series.length) {
    throw new RangeError(`${where}: pattern (${m} points) is longer than series (${series.length} points)`);
  }
  const { squared, window } = resolveDtwOptions(options, where);
  const w = bandRadius(window, m, m, where);
  const matches: Match[] = [];
  withScratch((s, k) => {
    const pSeries = s.f64(series);
    const pPattern = s.f64(pattern);
    const rows = s.f64(2 * (m + 1));
    for (let start = 0; start + m <= series.length; start++) {
      const d = k.dtwDistance(pSeries + start * 8, m, pPattern, m, w, squared ? 1 : 0, threshold, rows);
      if (d <= threshold) {
        matches.push({ index: start, distance: d });
        if (stopAtFirst) break;
      }
    }
  });
  return matches.sort((p, q) => p.distance - q.distance || p.index - q.index);
}
