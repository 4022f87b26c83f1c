// TemporalComparator: the comparison and search functions behind one
// content-keyed LRU cache, for callers that compare the same sequences again and
// again. It stands above compare/ and search/ and uses only their index.ts.
import { checkNumber, checkOptions, toSeries, type NumericSeries } from '../validate';
import { ContentCache, type CacheStats } from './content-cache';
import { dtw, editDistance, lcs, tokenize, type DtwOptions, type TokenSequence } from '../compare/index';
import { detectPattern, findSimilar, type Match, type SearchOptions } from '../search/index';

export interface ComparatorOptions {
  /** Most results kept (least recently used go first). 0 turns caching off. Default 1000. */
  cacheSize?: number;
}

export type { CacheStats };

/** Options as part of a cache key: every field, in a fixed order. */
function optionsKey(options: object | undefined): string {
  if (!options) return '';
  return Object.entries(options)
    .sort(([p], [q]) => (p < q ? -1 : 1))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(',');
}

export class TemporalComparator {
  private readonly cache: ContentCache<number | boolean | Match[]>;

  constructor(options?: ComparatorOptions) {
    const o = checkOptions(options, 'TemporalComparator');
    const size = o.cacheSize === undefined ? 1000 : checkNumber(o.cacheSize, 'options.cacheSize', 'TemporalComparator', { min: 0, integer: true });
    this.cache = new ContentCache(size);
  }

  dtw(a: NumericSeries, b: NumericSeries, options?: DtwOptions): number {
    const x = toSeries(a, 'a', 'dtw');
    const y = toSeries(b, 'b', 'dtw');
    return this.cache.getOrCompute(`dtw/${optionsKey(options)}`, [x, y], () => dtw(x, y, options)) as number;
  }

  lcs(a: TokenSequence, b: TokenSequence): number {
    // Both results depend only on which tokens are equal, so the id sequences are the key.
    return this.cache.getOrCompute('lcs', tokenize(a, b, 'lcs'), () => lcs(a, b)) as number;
  }

  editDistance(a: TokenSequence, b: TokenSequence): number {
    return this.cache.getOrCompute('edit', tokenize(a, b, 'editDistance'), () => editDistance(a, b)) as number;
  }

  findSimilar(series: NumericSeries, pattern: NumericSeries, threshold: number, options?: SearchOptions): Match[] {
    const s = toSeries(series, 'series', 'findSimilar');
    const p = toSeries(pattern, 'pattern', 'findSimilar');
    const key = `similar/${threshold}/${optionsKey(options)}`;
    const matches = this.cache.getOrCompute(key, [s, p], () => findSimilar(s, p, threshold, options)) as Match[];
    return matches.map((match) => ({ ...match })); // callers may mutate what they get
  }

  detectPattern(series: NumericSeries, pattern: NumericSeries, threshold: number, options?: SearchOptions): boolean {
    const s = toSeries(series, 'series', 'detectPattern');
    const p = toSeries(pattern, 'pattern', 'detectPattern');
    const key = `detect/${threshold}/${optionsKey(options)}`;
    return this.cache.getOrCompute(key, [s, p], () => detectPattern(s, p, threshold, options)) as boolean;
  }

  /** Cache hits, misses, size and hit rate since construction or the last clear(). */
  stats(): CacheStats {
    return this.cache.stats();
  }

  /** Empties the cache and resets the statistics. */
  clear(): void {
    this.cache.clear();
  }
}
