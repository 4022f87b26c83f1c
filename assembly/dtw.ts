import { getF64, minF64, setF64 } from './memory';

// Dynamic time warping (Sakoe & Chiba 1978) over f64 series in linear memory.
//
// D(i, j) = cost(a[i], b[j]) + min(D(i-1, j-1), D(i-1, j), D(i, j-1)), D(-1, -1) = 0,
// with cost |x - y| or (x - y)^2, and an optional Sakoe-Chiba band |i - j| <= w.
// The caller passes a band radius w >= |n - m| (or w >= max(n, m) for no band),
// so the end cell is always reachable.

@inline export function cellCost(x: f64, y: f64, squared: bool): f64 {
  const d = x - y;
  return squared ? d * d : abs(d);
}

/**
 * DTW distance in O(m) memory: `rows` holds two rows of m + 1 f64s (column 0 is
 * the boundary). Put the shorter series in `b`. Returns +Infinity as soon as a
 * whole row exceeds `abandonAbove` (early abandoning: costs only grow).
 *
 * Rows are computed two at a time: cell (i+1, j) needs (i, j) and (i, j-1),
 * which are still in registers, so row i never goes to memory and the two
 * dependency chains (along row i and along row i+1) run side by side.
 */
export function dtwDistance(
  a: usize, n: i32, b: usize, m: i32,
  w: i32, squared: bool, abandonAbove: f64, rows: usize,
): f64 {
  return dtwWithBounds(a, n, b, m, w, squared, abandonAbove, rows, 0, 0);
}

/**
 * dtwRows, not inlined: the search calls this too rather than inlining the row
 * loops into each of its variants (wasm size).
 */
export function dtwWithBounds(
  a: usize, n: i32, b: usize, m: i32,
  w: i32, squared: bool, abandonAbove: f64, rows: usize,
  rest: usize, restShift: i32,
): f64 {
  return dtwRows(a, n, b, m, w, squared, abandonAbove, rows, rest, restShift);
}

/**
 * The DTW row loop. With `rest` != 0 (the UCR suite's cumulative lower bound),
 * rest[k] bounds the cost still to come once rows 0..k-1-restShift are done
 * (m + 1 entries, rest[m] = 0), and the loop abandons as soon as the row
 * minimum plus that bound passes `abandonAbove`.
 */
@inline export function dtwRows(
  a: usize, n: i32, b: usize, m: i32,
  w: i32, squared: bool, abandonAbove: f64, rows: usize,
  rest: usize, restShift: i32,
): f64 {
  let prev = rows;
  let cur = rows + ((<usize>m + 1) << 3);
  for (let j = 0; j <= m; j++) {
    setF64(prev, j, Infinity);
    setF64(cur, j, Infinity);
  }
  setF64(prev, 0, 0);
  let i = 1;
  if (w >= max(n, m) - 1) {
    // No band: four rows per pass (the band's edges would differ row by row).
    for (; i + 3 <= n; i += 4) {
      // Two inlined copies with a constant cost: no cost branch per cell. The
      // banded passes below take it as a run-time flag (wasm size).
      const rowMin = squared ? rowQuad(a, i, b, m, true, prev, cur) : rowQuad(a, i, b, m, false, prev, cur);
      if (rowMin + stillToCome(rest, i + 4 + restShift, m) > abandonAbove) return Infinity;
      const t = prev; prev = cur; cur = t;
    }
  }
  for (; i < n; i += 2) {
    const rowMin = rowPair(a, i, b, m, w, squared, prev, cur);
    if (rowMin + stillToCome(rest, i + 1 + restShift, m) > abandonAbove) return Infinity;
    const t = prev; prev = cur; cur = t;
  }
  if (i == n) {
    if (singleRow(a, i, b, m, w, squared, prev, cur) > abandonAbove) return Infinity;
    prev = cur;
  }
  return getF64(prev, m);
}

@inline function stillToCome(rest: usize, k: i32, m: i32): f64 {
  return rest == 0 ? 0 : getF64(rest, min(k, m));
}

/** Rows i and i+1 (1-based) from row i-1 in `prev`; row i+1 goes to `cur`. Returns its minimum. */
@inline function rowPair(
  a: usize, i: i32, b: usize, m: i32, w: i32, squared: bool, prev: usize, cur: usize,
): f64 {
  const lo1 = max(1, i - w);
  const hi1 = min(m, i + w);
  const lo2 = max(1, i + 1 - w);
  const hi2 = min(m, i + 1 + w);
  // Values kept splatted in v128 lanes, as in rowQuad.
  const ai = v128.load64_splat(a + ((<usize>i - 1) << 3));
  const aNext = v128.load64_splat(a + (<usize>i << 3));
  const inf = f64x2.splat(Infinity);
  let diag1 = v128.load64_splat(prev + ((<usize>lo1 - 1) << 3));
  let left1 = inf;
  let diag2 = inf; // D(i, j-1), outside row i's band at j = lo1
  let left2 = inf; // D(i+1, j-1)
  let rowMin = inf;
  let j = lo1;
  setF64(cur, lo2 - 1, Infinity);
  if (lo2 > lo1) {
    // Row i+1's band starts a column later: only row i has a cell at lo1.
    const up1 = v128.load64_splat(prev + (<usize>j << 3));
    left1 = f64x2.add(f64x2.pmin(f64x2.pmin(diag1, up1), left1), laneCost(ai, v128.load64_splat(b + ((<usize>j - 1) << 3)), squared));
    diag1 = up1;
    diag2 = left1;
    j++;
  }
  for (; j <= hi1; j++) {
    const bj = v128.load64_splat(b + ((<usize>j - 1) << 3));
    const up1 = v128.load64_splat(prev + (<usize>j << 3));
    const v1 = f64x2.add(f64x2.pmin(f64x2.pmin(diag1, up1), left1), laneCost(ai, bj, squared));
    const v2 = f64x2.add(f64x2.pmin(f64x2.pmin(diag2, v1), left2), laneCost(aNext, bj, squared));
    v128.store64_lane(cur + (<usize>j << 3), v2, 0);
    rowMin = f64x2.pmin(rowMin, v2);
    diag1 = up1;
    left1 = v1;
    diag2 = v1;
    left2 = v2;
  }
  if (hi2 > hi1) {
    // Row i+1's band ends a column later: above it row i is outside its band.
    const v2 = f64x2.add(f64x2.pmin(diag2, left2), laneCost(aNext, v128.load64_splat(b + ((<usize>hi2 - 1) << 3)), squared));
    v128.store64_lane(cur + (<usize>hi2 << 3), v2, 0);
    rowMin = f64x2.pmin(rowMin, v2);
  }
  if (hi2 < m) setF64(cur, hi2 + 1, Infinity); // the next rows read one cell further right
  return f64x2.extract_lane(rowMin, 0);
}

/**
 * Rows i..i+3 (1-based) of the full matrix (no band) from row i-1 in `prev`;
 * row i+3 goes to `cur`. Returns its minimum. Four dependency chains, one per
 * row, advance side by side along j, so the add-and-min latency of one row's
 * recurrence overlaps with the other three's. Every value is kept splatted in
 * both lanes of a v128: pmin, add and the cost then need no lane moves (the
 * splat-min-extract of minF64 cost a third more instructions per cell).
 */
@inline function rowQuad(
  a: usize, i: i32, b: usize, m: i32, squared: bool, prev: usize, cur: usize,
): f64 {
  const a0 = v128.load64_splat(a + ((<usize>i - 1) << 3));
  const a1 = v128.load64_splat(a + (<usize>i << 3));
  const a2 = v128.load64_splat(a + ((<usize>i + 1) << 3));
  const a3 = v128.load64_splat(a + ((<usize>i + 2) << 3));
  const inf = f64x2.splat(Infinity);
  // left_k = D(i+k, j-1); the boundary column (j = 0) is Infinity below row 0.
  let diag0 = v128.load64_splat(prev);
  let left0 = inf, left1 = inf, left2 = inf, left3 = inf;
  let rowMin = inf;
  for (let j = 1; j <= m; j++) {
    const bj = v128.load64_splat(b + ((<usize>j - 1) << 3));
    const up0 = v128.load64_splat(prev + (<usize>j << 3));
    // D(i+k, j) = cost + min(D(i+k-1, j-1), D(i+k-1, j), D(i+k, j-1)): for k >= 1
    // the first is the old left_{k-1}, the second the new v_{k-1}.
    const v0 = f64x2.add(f64x2.pmin(f64x2.pmin(diag0, up0), left0), laneCost(a0, bj, squared));
    const v1 = f64x2.add(f64x2.pmin(f64x2.pmin(left0, v0), left1), laneCost(a1, bj, squared));
    const v2 = f64x2.add(f64x2.pmin(f64x2.pmin(left1, v1), left2), laneCost(a2, bj, squared));
    const v3 = f64x2.add(f64x2.pmin(f64x2.pmin(left2, v2), left3), laneCost(a3, bj, squared));
    v128.store64_lane(cur + (<usize>j << 3), v3, 0);
    rowMin = f64x2.pmin(rowMin, v3);
    diag0 = up0;
    left0 = v0; left1 = v1; left2 = v2; left3 = v3;
  }
  setF64(cur, 0, Infinity);
  return f64x2.extract_lane(rowMin, 0);
}

/** cellCost on both lanes. */
@inline function laneCost(x: v128, y: v128, squared: bool): v128 {
  const d = f64x2.sub(x, y);
  return squared ? f64x2.mul(d, d) : f64x2.abs(d);
}

/** Row i (1-based) from row i-1 in `prev` into `cur`. Returns its minimum. */
@inline function singleRow(
  a: usize, i: i32, b: usize, m: i32, w: i32, squared: bool, prev: usize, cur: usize,
): f64 {
  const lo = max(1, i - w);
  const hi = min(m, i + w);
  const ai = getF64(a, i - 1);
  let left = Infinity; // D(i, lo - 1): outside the band, or the boundary column
  let diag = getF64(prev, lo - 1);
  let rowMin = Infinity;
  for (let j = lo; j <= hi; j++) {
    const up = getF64(prev, j);
    const v = minF64(minF64(diag, up), left) + cellCost(ai, getF64(b, j - 1), squared);
    setF64(cur, j, v);
    rowMin = minF64(rowMin, v);
    left = v;
    diag = up;
  }
  setF64(cur, lo - 1, Infinity);
  if (hi < m) setF64(cur, hi + 1, Infinity);
  return rowMin;
}

// The banded cumulative-cost matrix keeps row i's cells j in [lo(i), hi(i)] with
// lo(i) = max(0, i - w), hi(i) = min(m - 1, i + w), at matrix[i * stride + j - lo(i)],
// stride = min(2w + 1, m). Without a band (w >= m) that is the plain n x m matrix.

@inline function bandCell(matrix: usize, stride: i32, w: i32, m: i32, i: i32, j: i32): f64 {
  if (i < 0 || j < 0) return (i < 0 && j < 0) ? 0 : Infinity;
  const lo = max(0, i - w);
  if (j < lo || j > min(m - 1, i + w)) return Infinity;
  return getF64(matrix, i * stride + j - lo);
}

/** Fills the banded cumulative-cost matrix (n * min(2w + 1, m) f64s) and returns the distance. */
export function dtwCostMatrix(
  a: usize, n: i32, b: usize, m: i32, w: i32, squared: bool, matrix: usize,
): f64 {
  const stride = min(2 * w + 1, m);
  for (let i = 0; i < n; i++) {
    const lo = max(0, i - w);
    const hi = min(m - 1, i + w);
    const ai = getF64(a, i);
    const row = i * stride - lo;
    for (let j = lo; j <= hi; j++) {
      const best = min(
        min(bandCell(matrix, stride, w, m, i - 1, j - 1), bandCell(matrix, stride, w, m, i - 1, j)),
        bandCell(matrix, stride, w, m, i, j - 1),
      );
      setF64(matrix, row + j, best + cellCost(ai, getF64(b, j), squared));
    }
  }
  return bandCell(matrix, stride, w, m, n - 1, m - 1);
}

/**
 * Walks the matrix from (n-1, m-1) back to (0, 0), preferring the diagonal on
 * ties, and writes the (i, j) pairs end-first into `path` (i32 pairs, room for
 * n + m pairs). Returns the number of pairs.
 *
 * Every step stays inside (0, 0)..(n-1, m-1): on row 0 only left steps, on column
 * 0 only up steps, so at most n + m - 1 pairs are written whatever the matrix
 * holds (a cost that overflowed to Infinity makes every comparison a tie).
 */
export function dtwBacktrack(matrix: usize, n: i32, m: i32, w: i32, path: usize): i32 {
  const stride = min(2 * w + 1, m);
  let i = n - 1;
  let j = m - 1;
  let count = 0;
  while (true) {
    store<i32>(path + (<usize>count << 3), i);
    store<i32>(path + (<usize>count << 3) + 4, j);
    count++;
    if (i == 0 && j == 0) break;
    if (i == 0) { j--; continue; }
    if (j == 0) { i--; continue; }
    const diag = bandCell(matrix, stride, w, m, i - 1, j - 1);
    const up = bandCell(matrix, stride, w, m, i - 1, j);
    const left = bandCell(matrix, stride, w, m, i, j - 1);
    if (diag <= up && diag <= left) { i--; j--; }
    else if (up <= left) { i--; }
    else { j--; }
  }
  return count;
}
