// findSimilar / detectPattern: exact DTW subsequence search, pruned like the UCR suite.
import { withScratch } from '../memory';
import { toSeries, type NumericSeries } from '../validate';
import { readSearchOptions } from '../dtw-options';
import { planSearch, type SearchOptions, type SearchSettings } from './options';
import { scanSeries, temporarySource, type SearchStats, type SeriesSource } from './scan';
import type { Match } from './selection';

export interface SearchResult {
  matches: Match[];
  stats: SearchStats;
}

/**
 * Every start index whose window (pattern.length points) is within `threshold`
 * of the pattern by DTW, sorted by distance, then index — exactly what a sliding
 * DTW finds, but pruned by LB_Kim (hierarchical), LB_Keogh both ways and early-abandoning DTW.
 * With `{ stats: true }` it returns `{ matches, stats }`.
 */
export function findSimilar(series: NumericSeries, pattern: NumericSeries, threshold: number, options?: SearchOptions & { stats?: false }): Match[];
export function findSimilar(series: NumericSeries, pattern: NumericSeries, threshold: number, options: SearchOptions & { stats: true }): SearchResult;
export function findSimilar(
  series: NumericSeries,
  pattern: NumericSeries,
  threshold: number,
  options?: SearchOptions & { stats?: boolean },
): Match[] | SearchResult {
  const where = 'findSimilar';
  const settings = readSearchOptions(where, threshold, options);
  const values = toSeries(series, 'series', where);
  return withScratch((s) => searchAnswer(searchSource(where, () => temporarySource(values, s), pattern, settings, false), settings));
}

/** True when some window of the series is within `threshold` of the pattern (stops at the first). */
export function detectPattern(
  series: NumericSeries,
  pattern: NumericSeries,
  threshold: number,
  options?: Omit<SearchOptions, 'limit' | 'exclusion'>,
): boolean {
  const where = 'detectPattern';
  const settings = readSearchOptions(where, threshold, options);
  const values = toSeries(series, 'series', where);
  return withScratch((s) => searchSource(where, () => temporarySource(values, s), pattern, settings, true).matches.length > 0);
}

/**
 * The search on any series in wasm memory (a temporary copy, or a resident
 * series), with options already read: `source` is asked for only after the
 * pattern has been checked, so nothing can invalidate it before the scan.
 */
export function searchSource(
  where: string,
  source: () => SeriesSource,
  patternIn: NumericSeries,
  settings: SearchSettings,
  stopAtFirst: boolean,
): SearchResult {
  const pattern = toSeries(patternIn, 'pattern', where);
  const data = source();
  if (pattern.length > data.length) {
    throw new RangeError(`${where}: pattern (${pattern.length} points) is longer than series (${data.length} points)`);
  }
  return scanSeries(data, pattern, planSearch(where, pattern.length, settings), stopAtFirst);
}

/** What findSimilar returns for these settings: the matches, or matches and statistics. */
export function searchAnswer(result: SearchResult, settings: SearchSettings): Match[] | SearchResult {
  return settings.stats ? result : result.matches;
}
