// Dynamic time warping: distance in O(min(n, m)) memory, and the warping path
// from a banded cost matrix. Kernels: assembly/dtw.ts.
import { withScratch, i32View } from '../memory';
import { toSeries, type NumericSeries } from '../validate';
import { bandRadius, resolveDtwOptions, type DtwOptions } from '../dtw-options';

export type { DtwCost, DtwOptions } from '../dtw-options';

export interface DtwPathResult {
  /** Infinity when the cost overflows (for example |x - y| above ~1.8e308, or above ~1.3e154 squared). */
  distance: number;
  /** Aligned index pairs [i in a, j in b], from [0, 0] to [n - 1, m - 1]; empty when the distance is Infinity. */
  path: Array<[number, number]>;
}

/** A path needs the banded matrix in memory; beyond this many cells ask for a band. */
const MAX_PATH_CELLS = 2 ** 27; // 1 GiB of f64

/**
 * DTW distance between two series: the least total cost of a monotone
 * alignment of every point of `a` with every point of `b`.
 */
export function dtw(a: NumericSeries, b: NumericSeries, options?: DtwOptions): number {
  const where = 'dtw';
  // Options first: a getter cannot then change data that have been checked.
  const { squared, abandonAbove, window } = resolveDtwOptions(options, where);
  const x = toSeries(a, 'a', where);
  const y = toSeries(b, 'b', where);
  const w = bandRadius(window, x.length, y.length, where);
  return dtwChecked(x, y, w, squared, abandonAbove);
}

/** DTW on already-checked input; the shorter series becomes the row. */
export function dtwChecked(x: Float64Array, y: Float64Array, w: number, squared: boolean, abandonAbove: number): number {
  const [long, short] = x.length >= y.length ? [x, y] : [y, x];
  return withScratch((s, k) => {
    const pLong = s.f64(long);
    const pShort = s.f64(short);
    const rows = s.f64(2 * (short.length + 1));
    return k.dtwDistance(pLong, long.length, pShort, short.length, w, squared, abandonAbove, rows);
  });
}

/**
 * DTW distance and the optimal warping path (diagonal steps preferred on ties).
 * When the point costs overflow to Infinity (finite inputs beyond about 1e308
 * apart, or 1e154 with the squared cost) no path has a finite cost: the result
 * is `{ distance: Infinity, path: [] }`.
 */
export function dtwPath(a: NumericSeries, b: NumericSeries, options?: Omit<DtwOptions, 'abandonAbove'>): DtwPathResult {
  const where = 'dtwPath';
  const { squared, window } = resolveDtwOptions(options, where);
  const x = toSeries(a, 'a', where);
  const y = toSeries(b, 'b', where);
  const n = x.length;
  const m = y.length;
  const w = bandRadius(window, n, m, where);
  const cells = n * Math.min(2 * w + 1, m);
  if (cells > MAX_PATH_CELLS) {
    throw new RangeError(
      `${where}: a path over ${n} x ${m} points needs ${cells} matrix cells (limit ${MAX_PATH_CELLS}); pass options.window to narrow the band`,
    );
  }
  return withScratch((s, k) => {
    const pa = s.f64(x);
    const pb = s.f64(y);
    const matrix = s.f64(cells);
    const pathPtr = s.i32(2 * (n + m));
    const distance = k.dtwCostMatrix(pa, n, pb, m, w, squared, matrix);
    if (distance === Infinity) return { distance, path: [] };
    const count = k.dtwBacktrack(matrix, n, m, w, pathPtr);
    const pairs = i32View(pathPtr, 2 * count);
    const path = new Array<[number, number]>(count);
    for (let p = 0; p < count; p++) {
      const q = count - 1 - p; // the kernel writes the path end-first
      path[p] = [pairs[2 * q], pairs[2 * q + 1]];
    }
    return { distance, path };
  });
}
