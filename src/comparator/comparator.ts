// TemporalComparator: the comparison and search functions behind one
// content-keyed LRU cache, for callers that compare the same sequences again and
// again. It stands above compare/ and search/ and uses only their index.ts.
//
// Options are resolved (read once and checked) before anything else, and the
// cache key is made of the resolved values: options from getters or prototypes
// count like own fields, and the computation runs on exactly what was keyed.
import { checkNumber, checkOptions, toSeries, type NumericSeries } from '../validate';
import { readSearchOptions, resolveDtwOptions, type SearchSettings } from '../dtw-options';
import { ContentCache, type CacheStats } from './content-cache';
import { dtw, editDistance, lcs, tokenize, type DtwOptions, type TokenSequence } from '../compare/index';
import { detectPattern, findSimilar, type Match, type SearchOptions, type SearchResult } from '../search/index';

export interface ComparatorOptions {
  /** Most results kept (least recently used go first). 0 turns caching off. Default 1000. */
  cacheSize?: number;
}

export type { CacheStats };

type Cached = number | boolean | Match[] | SearchResult;

/** The search settings that decide a result (progress and abort do not), as a key and as plain options. */
function searchKey(settings: SearchSettings): [string, SearchOptions] {
  const { threshold, window, squared, normalize, limit, exclusion, stats } = settings;
  const options = { window, cost: squared ? 'squared' : 'absolute', normalize, limit, exclusion } as const;
  return [`${threshold}/${window}/${squared}/${normalize}/${limit}/${exclusion}/${stats}`, options];
}

const copyMatches = (matches: Match[]): Match[] => matches.map((match) => ({ ...match }));

export class TemporalComparator {
  private readonly cache: ContentCache<Cached>;

  constructor(options?: ComparatorOptions) {
    const o = checkOptions(options, 'TemporalComparator');
    const size = o.cacheSize === undefined ? 1000 : checkNumber(o.cacheSize, 'options.cacheSize', 'TemporalComparator', { min: 0, integer: true });
    this.cache = new ContentCache(size);
  }

  dtw(a: NumericSeries, b: NumericSeries, options?: DtwOptions): number {
    const { squared, abandonAbove, window } = resolveDtwOptions(options, 'dtw');
    const x = toSeries(a, 'a', 'dtw');
    const y = toSeries(b, 'b', 'dtw');
    const resolved: DtwOptions = { window, cost: squared ? 'squared' : 'absolute', abandonAbove };
    return this.cache.getOrCompute(`dtw/${window}/${squared}/${abandonAbove}`, [x, y], () => dtw(x, y, resolved)) as number;
  }

  lcs(a: TokenSequence, b: TokenSequence): number {
    // Both results depend only on which tokens are equal, so the id sequences are the key.
    return this.cache.getOrCompute('lcs', tokenize(a, b, 'lcs'), () => lcs(a, b)) as number;
  }

  editDistance(a: TokenSequence, b: TokenSequence): number {
    return this.cache.getOrCompute('edit', tokenize(a, b, 'editDistance'), () => editDistance(a, b)) as number;
  }

  /** Same as findSimilar; with `{ stats: true }` the `{ matches, stats }` of the computation that filled the cache. */
  findSimilar(series: NumericSeries, pattern: NumericSeries, threshold: number, options?: SearchOptions & { stats?: false }): Match[];
  findSimilar(series: NumericSeries, pattern: NumericSeries, threshold: number, options: SearchOptions & { stats: true }): SearchResult;
  findSimilar(series: NumericSeries, pattern: NumericSeries, threshold: number, options?: SearchOptions & { stats?: boolean }): Match[] | SearchResult {
    const where = 'findSimilar';
    const settings = readSearchOptions(where, threshold, options);
    const s = toSeries(series, 'series', where);
    const p = toSeries(pattern, 'pattern', where);
    const [key, resolved] = searchKey(settings);
    const { onProgress, signal } = settings;
    if (settings.stats) {
      const result = this.cache.getOrCompute(`similar/${key}`, [s, p], () =>
        findSimilar(s, p, threshold, { ...resolved, onProgress, signal, stats: true }),
      ) as SearchResult;
      return { matches: copyMatches(result.matches), stats: { ...result.stats } }; // callers may mutate what they get
    }
    const matches = this.cache.getOrCompute(`similar/${key}`, [s, p], () => findSimilar(s, p, threshold, { ...resolved, onProgress, signal }));
    return copyMatches(matches as Match[]);
  }

  detectPattern(series: NumericSeries, pattern: NumericSeries, threshold: number, options?: Omit<SearchOptions, 'limit' | 'exclusion'>): boolean {
    const where = 'detectPattern';
    const settings = readSearchOptions(where, threshold, options);
    const s = toSeries(series, 'series', where);
    const p = toSeries(pattern, 'pattern', where);
    const [key, { window, cost, normalize }] = searchKey(settings);
    const { onProgress, signal } = settings;
    return this.cache.getOrCompute(`detect/${key}`, [s, p], () =>
      detectPattern(s, p, threshold, { window, cost, normalize, onProgress, signal }),
    ) as boolean;
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
