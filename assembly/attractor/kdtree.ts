import { getF64, getI32, setF64, setI32 } from '../memory';
import { squaredDistance } from './distance';

// An implicit k-d tree over `count` points of `dim` f64 coordinates.
//
// The tree is a permutation `order` of the point indices: the node covering
// positions [lo, hi) splits at mid = (lo + hi) >> 1 along splitDim[mid] (the
// coordinate with the widest spread there), with every point left of mid <= the
// mid point and every point right of it >= along that coordinate. Ranges of at
// most LEAF points are leaves, scanned linearly. `treePoints` holds the points'
// coordinates in tree order, so a leaf scan reads contiguous memory.
//
// The nearest-neighbour query skips every candidate j with |i - j| <= theiler:
// points that are close only because they are close in time (Theiler 1986);
// and candidates within `minDistance2` (squared): the same state again, as when
// a periodic signal repeats exactly, whose "separation" is only roundoff.

const LEAF = 8;

// The tree being built or searched (module state, so the recursions stay small).
let points: usize = 0;
let dim: i32 = 0;
let order: usize = 0;
let splitDim: usize = 0;
let treePoints: usize = 0;

/** Coordinate `axis` of the point at tree position k (the building works on treePoints, in place). */
@inline function coordinate(position: i32, axis: i32): f64 {
  return getF64(treePoints, position * dim + axis);
}

/** Exchanges positions i and j: their indices in `order` and their rows of treePoints. */
@inline function swapPositions(i: i32, j: i32): void {
  const t = getI32(order, i);
  setI32(order, i, getI32(order, j));
  setI32(order, j, t);
  const a = treePoints + (<usize>(i * dim) << 3);
  const b = treePoints + (<usize>(j * dim) << 3);
  for (let c = 0; c < dim; c++) {
    const x = load<f64>(a + (<usize>c << 3));
    store<f64>(a + (<usize>c << 3), load<f64>(b + (<usize>c << 3)));
    store<f64>(b + (<usize>c << 3), x);
  }
}

/**
 * Rearranges positions [lo, hi) so that position k holds the k-th smallest along
 * `axis` (Hoare's select), moving the rows of treePoints with their indices so
 * the scans read contiguous memory.
 */
function selectAlong(lo: i32, hi: i32, k: i32, axis: i32): void {
  let left = lo;
  let right = hi - 1;
  while (right > left) {
    // Median of three as the pivot keeps sorted and constant runs O(n).
    const a = coordinate(left, axis);
    const b = coordinate((left + right) >> 1, axis);
    const c = coordinate(right, axis);
    const pivot = max(min(a, b), min(max(a, b), c));
    let i = left;
    let j = right;
    while (i <= j) {
      while (coordinate(i, axis) < pivot) i++;
      while (coordinate(j, axis) > pivot) j--;
      if (i <= j) {
        swapPositions(i, j);
        i++;
        j--;
      }
    }
    // Now [left, j] <= pivot <= [i, right], and everything between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function widestAxis(lo: i32, hi: i32): i32 {
  let best = 0;
  let bestSpread: f64 = -1;
  for (let axis = 0; axis < dim; axis++) {
    let low = Infinity;
    let high = -Infinity;
    for (let k = lo; k < hi; k++) {
      const x = coordinate(k, axis);
      low = min(low, x);
      high = max(high, x);
    }
    if (high - low > bestSpread) {
      bestSpread = high - low;
      best = axis;
    }
  }
  return best;
}

function buildRange(lo: i32, hi: i32): void {
  if (hi - lo <= LEAF) return;
  const mid = (lo + hi) >> 1;
  const axis = widestAxis(lo, hi);
  selectAlong(lo, hi, mid, axis);
  setI32(splitDim, mid, axis);
  buildRange(lo, mid);
  buildRange(mid + 1, hi);
}

/**
 * Builds the tree over points[0, count): fills `order` (count i32),
 * `splitDim` (count i32) and `treePoints` (count * dim f64).
 */
export function kdBuild(pointsPtr: usize, count: i32, dimension: i32, orderPtr: usize, splitPtr: usize, treePtr: usize): void {
  points = pointsPtr;
  dim = dimension;
  order = orderPtr;
  splitDim = splitPtr;
  treePoints = treePtr;
  for (let k = 0; k < count; k++) setI32(order, k, k);
  memory.copy(treePoints, points, <usize>(count * dim) << 3);
  buildRange(0, count);
}

// The query being answered.
let query: usize = 0; // pointer to the query's coordinates
let queryIndex: i32 = 0;
let theiler: i32 = 0;
let sameState2: f64 = 0;
let bestDistance2: f64 = Infinity;
let bestIndex: i32 = -1;

@inline function consider(position: i32): void {
  const index = getI32(order, position);
  if (abs(index - queryIndex) <= theiler) return;
  const at = treePoints + (<usize>(position * dim) << 3);
  const d2 = squaredDistance(query, at, dim);
  if (d2 <= sameState2) return;
  // Ties go to the earlier point, so the answer does not depend on the tree's shape.
  if (d2 < bestDistance2 || (d2 == bestDistance2 && index < bestIndex)) {
    bestDistance2 = d2;
    bestIndex = index;
  }
}

/** Takes point `index` as the best so far when it qualifies (as consider() would). */
function seed(index: i32): void {
  if (abs(index - queryIndex) <= theiler) return;
  const at = points + (<usize>(index * dim) << 3);
  const d2 = squaredDistance(query, at, dim);
  if (d2 <= sameState2) return;
  bestDistance2 = d2;
  bestIndex = index;
}

function searchRange(lo: i32, hi: i32): void {
  if (hi - lo <= LEAF) {
    for (let k = lo; k < hi; k++) consider(k);
    return;
  }
  const mid = (lo + hi) >> 1;
  const axis = getI32(splitDim, mid);
  const diff = load<f64>(query + (<usize>axis << 3)) - getF64(treePoints, mid * dim + axis);
  consider(mid);
  // Near side first; the far side only if the splitting plane is closer than the best so far.
  if (diff < 0) {
    searchRange(lo, mid);
    if (diff * diff <= bestDistance2) searchRange(mid + 1, hi);
  } else {
    searchRange(mid + 1, hi);
    if (diff * diff <= bestDistance2) searchRange(lo, mid);
  }
}

/**
 * For every point i of a built tree, the nearest other point j with
 * |i - j| > theilerWindow and squared distance > minDistance2: its index in
 * `neighbour` (-1 when there is none) and the squared Euclidean distance in
 * `distance2` (Infinity when there is none).
 */
export function kdNearestOutsideWindow(
  pointsPtr: usize, count: i32, dimension: i32, orderPtr: usize, splitPtr: usize, treePtr: usize,
  theilerWindow: i32, minDistance2: f64, neighbour: usize, distance2: usize,
): void {
  points = pointsPtr;
  dim = dimension;
  order = orderPtr;
  splitDim = splitPtr;
  treePoints = treePtr;
  theiler = theilerWindow;
  sameState2 = minDistance2;
  for (let i = 0; i < count; i++) {
    query = points + (<usize>(i * dim) << 3);
    queryIndex = i;
    // Seed with the successor of the previous point's neighbour: along a trajectory it is
    // usually close, so the search starts with a small radius and prunes more of the tree.
    // The answer does not change (the search still visits every closer or equally close point).
    const previous = bestIndex;
    bestDistance2 = Infinity;
    bestIndex = -1;
    if (previous >= 0 && previous + 1 < count) seed(previous + 1);
    searchRange(0, count);
    setI32(neighbour, i, bestIndex);
    setF64(distance2, i, bestDistance2);
  }
}
