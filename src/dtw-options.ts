// DTW's options (cost, band, early abandoning), resolved in one place for every
// part that runs DTW: compare's dtw/dtwPath, search's findSimilar and the
// StreamMatcher; and the options of a DTW search, read here so that search and
// the TemporalComparator above it (which keys its cache on them) share one reader.
import { checkAbortSignal, checkBoolean, checkFunction, checkNumber, checkOptions, checkChoice } from './validate';

export type DtwCost = 'absolute' | 'squared';

export interface DtwOptions {
  /**
   * Sakoe-Chiba band radius: a whole number of points, or a fraction in (0, 1)
   * of the longer series. Widened to |n - m| when the lengths differ, so a path
   * always exists. Default: no band.
   */
  window?: number;
  /** Cost of aligning x with y: |x - y| (default) or (x - y)^2, summed along the path (no square root). */
  cost?: DtwCost;
  /** Early abandoning: give up and return Infinity once the distance is sure to exceed this. */
  abandonAbove?: number;
}

const COSTS: readonly DtwCost[] = ['absolute', 'squared'];

/** Resolves the `window` option into a band radius in points for lengths n and m. */
export function bandRadius(window: number | undefined, n: number, m: number, where: string): number {
  const longest = Math.max(n, m);
  if (window === undefined) return longest;
  checkNumber(window, 'options.window', where, { min: 0 });
  let points: number;
  if (window > 0 && window < 1) points = Math.ceil(window * longest);
  else if (Number.isInteger(window)) points = window;
  else {
    throw new RangeError(
      `${where}: options.window must be a whole number of points or a fraction in (0, 1), got ${window}`,
    );
  }
  return Math.min(longest, Math.max(points, Math.abs(n - m)));
}

export interface ResolvedDtwOptions {
  squared: boolean;
  abandonAbove: number;
}

export function resolveDtwOptions(options: DtwOptions | undefined, where: string): ResolvedDtwOptions & { window?: number } {
  const o = checkOptions(options, where);
  const cost = o.cost === undefined ? 'absolute' : checkChoice(o.cost, COSTS, 'options.cost', where);
  const abandonAbove =
    o.abandonAbove === undefined
      ? Infinity
      : checkNumber(o.abandonAbove, 'options.abandonAbove', where, { min: 0, infinite: true });
  return { squared: cost === 'squared', abandonAbove, window: o.window };
}

export interface SearchOptions {
  /** Sakoe-Chiba band radius: whole points, or a fraction in (0, 1) of the pattern length. Default: no band. */
  window?: number;
  /** Cost per aligned pair: |x - y| (default) or (x - y)^2. */
  cost?: DtwCost;
  /**
   * Z-normalise the pattern and every window (mean 0, standard deviation 1). A
   * window whose standard deviation is at most 1e-14 of its mean's magnitude is
   * flat and becomes all zeros.
   */
  normalize?: boolean;
  /** Return only the best `limit` matches. */
  limit?: number;
  /**
   * Suppress a match that overlaps a better one by more than this many points,
   * so each occurrence is reported once. 0: no overlap at all. Default: keep all.
   */
  exclusion?: number;
  /**
   * Called between chunks of 8,192 windows with the windows scanned so far and
   * the total (done === total after the last chunk unless the search stopped early).
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Checked before the search and between chunks: once aborted, the search
   * throws `signal.reason` and frees its memory. The search is synchronous, so
   * only an abort from onProgress (or before the call) can take effect.
   */
  signal?: AbortSignal;
}

/** The options as read, once; nothing about the data yet. */
export interface SearchSettings {
  threshold: number;
  window?: number;
  squared: boolean;
  normalize: boolean;
  limit: number;
  exclusion?: number;
  stats: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export function readSearchOptions(
  where: string,
  threshold: number,
  options: (SearchOptions & { stats?: boolean }) | undefined,
): SearchSettings {
  checkNumber(threshold, 'threshold', where, { min: 0, infinite: true });
  const o = checkOptions(options, where);
  // Each option is read exactly once: a getter sees one read, and what it returns is what is used.
  const { window: windowIn, cost, normalize, limit, exclusion, stats, onProgress, signal } = o;
  const { squared, window } = resolveDtwOptions({ window: windowIn, cost }, where);
  return {
    threshold,
    window, // checked with the lengths, by planSearch
    squared,
    normalize: normalize === undefined ? false : checkBoolean(normalize, 'options.normalize', where),
    limit: limit === undefined ? Infinity : checkNumber(limit, 'options.limit', where, { min: 1, integer: true, infinite: true }),
    exclusion: exclusion === undefined ? undefined : checkNumber(exclusion, 'options.exclusion', where, { min: 0, integer: true }),
    stats: stats === undefined ? false : checkBoolean(stats, 'options.stats', where),
    onProgress: onProgress === undefined ? undefined : checkFunction<(done: number, total: number) => void>(onProgress, 'options.onProgress', where),
    signal: signal === undefined ? undefined : checkAbortSignal(signal, 'options.signal', where),
  };
}
