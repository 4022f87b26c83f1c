// DTW's options (cost, band, early abandoning), resolved in one place for every
// part that runs DTW: compare's dtw/dtwPath, search's findSimilar and the
// StreamMatcher.
import { checkChoice, checkNumber, checkOptions } from './validate';

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
