// Options of findSimilar / detectPattern and their checks.
import { bandRadius, resolveDtwOptions, type DtwCost } from '../dtw-options';
import { checkNumber, checkOptions } from '../validate';

export interface SearchOptions {
  /** Sakoe-Chiba band radius: whole points, or a fraction in (0, 1) of the pattern length. Default: no band. */
  window?: number;
  /** Cost per aligned pair: |x - y| (default) or (x - y)^2. */
  cost?: DtwCost;
  /** Z-normalise the pattern and every window (mean 0, standard deviation 1; a flat window becomes all zeros). */
  normalize?: boolean;
  /** Return only the best `limit` matches. */
  limit?: number;
  /**
   * Suppress a match that overlaps a better one by more than this many points,
   * so each occurrence is reported once. 0: no overlap at all. Default: keep all.
   */
  exclusion?: number;
}

export interface ResolvedSearch {
  m: number;
  /** Band radius in points. */
  r: number;
  squared: boolean;
  normalize: boolean;
  threshold: number;
  limit: number;
  /** Two windows conflict when their starts are closer than this (m - exclusion); 0 = never. */
  conflictGap: number;
}

export function resolveSearch(where: string, m: number, threshold: number, options: (SearchOptions & { stats?: boolean }) | undefined): ResolvedSearch {
  checkNumber(threshold, 'threshold', where, { min: 0, infinite: true });
  const o = checkOptions(options, where);
  const { squared, window } = resolveDtwOptions({ window: o.window, cost: o.cost }, where);
  if (o.normalize !== undefined && typeof o.normalize !== 'boolean') {
    throw new TypeError(`${where}: options.normalize must be a boolean, got ${typeof o.normalize}`);
  }
  const limit = o.limit === undefined ? Infinity : checkNumber(o.limit, 'options.limit', where, { min: 1, integer: true, infinite: true });
  const exclusion = o.exclusion === undefined ? undefined : checkNumber(o.exclusion, 'options.exclusion', where, { min: 0, integer: true });
  return {
    m,
    r: bandRadius(window, m, m, where),
    squared,
    normalize: o.normalize ?? false,
    threshold,
    limit,
    conflictGap: exclusion === undefined ? 0 : Math.max(0, m - exclusion),
  };
}
