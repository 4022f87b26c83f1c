// findSimilar / detectPattern: exact DTW subsequence search, pruned like the UCR suite.
import { withScratch } from '../memory';
import { toSeries, type NumericSeries } from '../validate';
import { resolveSearch, type SearchOptions } from './options';
import { scanSeries, temporarySource, type SearchStats, type SeriesSource } from './scan';
import type { Match } from './selection';

export interface SearchResult {
  matches: Match[];
  stats: SearchStats;
}

/**
 * Every start index whose window (pattern.length points) is within `threshold`
 * of the pattern by DTW, sorted by distance, then index — exactly what a sliding
 * DTW finds, but pruned by LB_KimFL, LB_Keogh both ways and early-abandoning DTW.
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
  const values = toSeries(series, 'series', 'findSimilar');
  return withScratch((s) => searchSource('findSimilar', temporarySource(values, s), pattern, threshold, options, false));
}

/** True when some window of the series is within `threshold` of the pattern (stops at the first). */
export function detectPattern(series: NumericSeries, pattern: NumericSeries, threshold: number, options?: Omit<SearchOptions, 'limit' | 'exclusion'>): boolean {
  const values = toSeries(series, 'series', 'detectPattern');
  return withScratch((s) => {
    const result = searchSource('detectPattern', temporarySource(values, s), pattern, threshold, options, true);
    return (result as Match[]).length > 0;
  });
}

/** The search on any series in wasm memory (a temporary copy, or a resident series). */
export function searchSource(
  where: string,
  source: SeriesSource,
  patternIn: NumericSeries,
  threshold: number,
  options: (SearchOptions & { stats?: boolean }) | undefined,
  stopAtFirst: boolean,
): Match[] | SearchResult {
  const pattern = toSeries(patternIn, 'pattern', where);
  if (pattern.length > source.length) {
    throw new RangeError(`${where}: pattern (${pattern.length} points) is longer than series (${source.length} points)`);
  }
  const plan = resolveSearch(where, pattern.length, threshold, options);
  const result = scanSeries(source, pattern, plan, stopAtFirst);
  return options?.stats ? result : result.matches;
}
