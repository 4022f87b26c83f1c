// Options of findSimilar / detectPattern and their checks. They are read once,
// before the data are checked (readSearchOptions), so an option getter cannot
// change data that have been checked; the plan for a pattern length follows.
import { bandRadius, resolveDtwOptions, type DtwCost } from '../dtw-options';
import { checkAbortSignal, checkBoolean, checkFunction, checkNumber, checkOptions } from '../validate';

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

export interface ResolvedSearch extends SearchSettings {
  m: number;
  /** Band radius in points. */
  r: number;
  /** Two windows conflict when their starts are closer than this (m - exclusion); 0 = never. */
  conflictGap: number;
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

/** The settings applied to a pattern of m points. */
export function planSearch(where: string, m: number, settings: SearchSettings): ResolvedSearch {
  const { exclusion } = settings;
  return {
    ...settings,
    m,
    r: bandRadius(settings.window, m, m, where),
    conflictGap: exclusion === undefined ? 0 : Math.max(0, m - exclusion),
  };
}
