import { getF64, getI32, setF64, setI32 } from '../memory';
import { squaredDistance } from './distance';

// An implicit k-d tree over `count` points of `dim` f64 coordinates.
//
// The tree is a permutation `order` of the point indices: the node covering
// positions [lo, hi) splits at mid = (lo + hi) >> 1 along splitDim[mid] at
// splitValue[mid], the median of its points along that axis: the points at
// [lo, mid) are <= it and those at [mid, hi) >= it. Ranges of at most LEAF points
// are leaves; every point is in a leaf. A leaf is scanned two points per SIMD
// vector: the tree's coordinates are stored column by column in tree order, so
// a leaf's coordinate c is contiguous.
//
// The nearest-neighbour query skips every candidate j with |i - j| <= theiler:
// points that are close only because they are close in time (Theiler 1986);
// and candidates within `minDistance2` (squared): the same state again, as when
// a periodic signal repeats exactly, whose "separation" is only roundoff.
//
// The answer is the exact nearest neighbour whatever the tree's shape (ties go
// to the earlier point), so the shape is chosen for speed: a node splits its
// cell (the box its ancestors' planes cut out of the points' bounding box) along
// the cell's longest side, which costs nothing to find, at the median of the
// points, found by a quickselect whose partitions do not branch on the data
// (on noisy coordinates every branch would be a coin toss for the CPU).

const LEAF = 12; // measured: 12 beats 6, 8, 16, 24 and 32 on Lorenz and surrogate embeddings of 1 to 4 dimensions

// A tree block (kdTreeBytes of it, 8-byte aligned) holds, in this order:
//   columns     f64 x dim * (count + 2)   coordinate c of the point at tree position k at
//                                   c * (count + 2) + k (two spare entries per column, which
//                                   a leaf's last vector may read)
//   keys        f64 x count         while building: the coordinates being selected on;
//                                   after: i32 x count, each point's tree position
//   splitValue  f64 x count         where the node that splits at a position cuts its axis
//   cell        f64 x 2 dim         while building: the cell being split (low corner, high corner)
//   order       i32 x (count + 2)   the point index at each tree position (and two spare)
//   splitDim    i32 x count         the splitting axis of the node that splits at a position

/** Bytes of a tree block for `count` points of `dimension` coordinates. */
export function kdTreeBytes(count: i32, dimension: i32): usize {
  return (<usize>(count + 2) * <usize>dimension + <usize>(2 * count) + <usize>(2 * dimension)) * 8 + <usize>(2 * count + 2) * 4;
}

// The tree being built (module state, so the recursion stays small).
let points: usize = 0;
let dim: i32 = 0;
let order: usize = 0;
let splitDim: usize = 0;
/** keys[k]: coordinate of point order[k] along the axis being selected on. */
let keys: usize = 0;
/** The cell being split: its low corner at cell[0, dim), its high corner at cell[dim, 2 dim). */
let cell: usize = 0;
/** splitValue[mid]: where the node splitting at mid cuts its axis. */
let splitValue: usize = 0;

/** Points module state at the parts of the tree block (see kdTreeBytes). */
function useTree(tree: usize, count: i32, dimension: i32): usize {
  dim = dimension;
  const columns = tree;
  keys = columns + ((<usize>(count + 2) * <usize>dimension) << 3);
  splitValue = keys + (<usize>count << 3);
  cell = splitValue + (<usize>count << 3);
  order = cell + (<usize>(2 * dimension) << 3);
  splitDim = order + (<usize>(count + 2) << 2);
  return columns;
}

@inline function swapPositions(i: i32, j: i32): void {
  const key = getF64(keys, i);
  setF64(keys, i, getF64(keys, j));
  setF64(keys, j, key);
  const index = getI32(order, i);
  setI32(order, i, getI32(order, j));
  setI32(order, j, index);
}

/**
 * Moves the positions in [from, to) whose key is below `pivot` (or at most
 * `pivot` with `orEqual`) to the front of the range, keeping the rest behind;
 * returns where the rest starts. Every position is swapped, moved or not, and
 * the front grows by the comparison's 0 or 1: no branch on the data.
 */
function partition(from: i32, to: i32, pivot: f64, orEqual: bool): i32 {
  let front = from;
  for (let k = from; k < to; k++) {
    const key = getF64(keys, k);
    swapPositions(front, k);
    front += orEqual ? <i32>(key <= pivot) : <i32>(key < pivot);
  }
  return front;
}

/** Rearranges positions [lo, hi) so that position k holds the k-th smallest key, smaller ones before it, larger after. */
function selectKth(lo: i32, hi: i32, k: i32): void {
  let left = lo;
  let right = hi;
  while (right - left > 1) {
    // Median of three as the pivot keeps sorted runs O(n); the second pass below keeps constant runs O(n).
    const a = getF64(keys, left);
    const b = getF64(keys, (left + right) >> 1);
    const c = getF64(keys, right - 1);
    const pivot = max(min(a, b), min(max(a, b), c));
    const less = partition(left, right, pivot, false);
    if (k < less) {
      right = less;
    } else if (less > left) {
      left = less; // the pivot's key is in the rest, so the next pivot is no smaller: progress
    } else {
      // Nothing below the pivot: move its equals forward, or a constant run would never shrink.
      const equal = partition(less, right, pivot, true); // [less, equal) == pivot, never empty
      if (k < equal) return;
      left = equal;
    }
  }
}

function buildRange(lo: i32, hi: i32, keyed: i32): void {
  if (hi - lo <= LEAF) return;
  let axis = 0;
  let longest: f64 = -1;
  for (let c = 0; c < dim; c++) {
    const side = getF64(cell, dim + c) - getF64(cell, c);
    if (side > longest) {
      longest = side;
      axis = c;
    }
  }
  if (axis != keyed) {
    for (let k = lo; k < hi; k++) setF64(keys, k, getF64(points, getI32(order, k) * dim + axis));
  }
  const mid = (lo + hi) >> 1;
  selectKth(lo, hi, mid);
  setI32(splitDim, mid, axis);
  const split = getF64(keys, mid);
  setF64(splitValue, mid, split);
  const high = getF64(cell, dim + axis);
  setF64(cell, dim + axis, split);
  buildRange(lo, mid, axis);
  setF64(cell, dim + axis, high);
  const low = getF64(cell, axis);
  setF64(cell, axis, split);
  buildRange(mid, hi, axis);
  setF64(cell, axis, low);
}

/** Builds the tree over points[0, count) into `tree` (kdTreeBytes(count, dimension) of it). */
function build(pointsPtr: usize, count: i32, tree: usize): void {
  points = pointsPtr;
  for (let c = 0; c < dim; c++) {
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < count; i++) {
      const x = getF64(points, i * dim + c);
      low = min(low, x);
      high = max(high, x);
    }
    setF64(cell, c, low);
    setF64(cell, dim + c, high);
  }
  for (let k = 0; k < count + 2; k++) setI32(order, k, k);
  buildRange(0, count, -1);
  const length = count + 2;
  for (let k = 0; k < count; k++) {
    const index = getI32(order, k);
    for (let c = 0; c < dim; c++) setF64(tree, c * length + k, getF64(points, index * dim + c));
    setI32(keys, index, k); // each point's tree position, where the search starts from
  }
  for (let c = 0; c < dim; c++) {
    setF64(tree, c * length + count, 0);
    setF64(tree, c * length + count + 1, 0);
  }
}

/** Squared distance from the point at `query` (dim consecutive f64) to the tree's point whose first coordinate is at `at`. */
@inline function distanceToColumns(query: usize, at: usize, dim: i32, columnBytes: usize): f64 {
  let d2: f64 = 0;
  for (let c = 0; c < dim; c++) {
    const d = load<f64>(query + (<usize>c << 3)) - load<f64>(at);
    d2 += d * d;
    at += columnBytes;
  }
  return d2;
}

/** Far sides still to visit (positions lo, hi and the squared distance to their plane), and the query's path from the root. */
const MAX_DEPTH = 64;
const PENDING: usize = memory.data(MAX_DEPTH * 2 * 16);
const PATH: usize = memory.data(MAX_DEPTH * 8);

/** Whether a candidate at squared distance d2 beats the best so far: closer, or as close and earlier (so the answer does not depend on the tree's shape). */
@inline function beats(d2: f64, index: i32, minDistance2: f64, best: f64, bestIndex: i32): bool {
  return d2 > minDistance2 && (d2 < best || (d2 == best && index < bestIndex));
}

/**
 * Builds a k-d tree over points[0, count) in `tree` (kdTreeBytes(count,
 * dimension) of scratch) and finds for every point i the nearest other point j with
 * |i - j| > theilerWindow and squared distance > minDistance2: its index in
 * `neighbour` (-1 when there is none) and the squared Euclidean distance in
 * `distance2` (Infinity when there is none).
 *
 * Every query is a point of the tree, so the search starts where the query
 * lies (its leaf) and climbs to the root,
 * crossing an ancestor's plane only if the plane is no farther than the best so
 * far; below, it visits the near side of every plane first and a far side on
 * the same condition. A point beyond such a plane is at least as far as the
 * plane (its difference along the axis is at least the plane's, and rounding is
 * monotonic), so every point closer than the best, or as close, is visited and
 * the answer is exact, ties included. Seeded with a good guess, most queries
 * cross no plane near the root. One loop with explicit stacks, so the best so
 * far lives in locals.
 */
export function kdNearestOutsideWindow(
  pointsPtr: usize, count: i32, dimension: i32, tree: usize,
  theilerWindow: i32, minDistance2: f64, neighbour: usize, distance2: usize,
): void {
  const columns = useTree(tree, count, dimension);
  build(pointsPtr, count, tree);
  const columnBytes = <usize>(count + 2) << 3;
  const window = i32x4.splat(theilerWindow);
  const sameState = f64x2.splat(minDistance2);
  const none = f64x2.splat(Infinity);
  const lanes = i32x4(0, 1, 2, 3);
  const positionPtr = keys;
  const orderPtr = order;
  const splitPtr = splitDim;
  const splitValues = splitValue;
  const rowBytes = <usize>dimension << 3;
  let previous: i32 = -1;
  for (let i = 0; i < count; i++) {
    const query = pointsPtr + <usize>i * rowBytes;
    const self = i32x4.splat(i);
    let best: f64 = Infinity;
    let bestIndex: i32 = -1;
    // Seed with the successor of the previous point's neighbour: along a trajectory it is
    // usually close, so the search starts with a small radius and prunes more of the tree.
    // The answer does not change (the search still visits every closer or equally close point).
    const seed = previous + 1;
    if (previous >= 0 && seed < count && abs(seed - i) > theilerWindow) {
      const d2 = squaredDistance(query, pointsPtr + <usize>seed * rowBytes, dimension);
      if (d2 > minDistance2) {
        best = d2;
        bestIndex = seed;
      }
    }
    // The path from the root to the query's leaf.
    const position = getI32(positionPtr, i);
    let lo = 0;
    let hi = count;
    let levels = 0;
    while (hi - lo > LEAF) {
      const mid = (lo + hi) >> 1;
      store<i32>(PATH + (<usize>levels << 3), lo);
      store<i32>(PATH + (<usize>levels << 3), hi, 4);
      levels++;
      // lo = mid on the right, hi = mid on the left, without a branch (the side is a coin toss).
      const right = -<i32>(position >= mid);
      lo += (mid - lo) & right;
      hi = mid + ((hi - mid) & right);
    }
    // The query's leaf first.
    store<i32>(PENDING, lo);
    store<i32>(PENDING, hi, 4);
    store<f64>(PENDING, 0, 8);
    let pending = 1;
    while (true) {
      // Search the pending subtrees, nearest plane last pushed, first searched.
      while (pending > 0) {
        pending--;
        let entry = PENDING + (<usize>pending << 4);
        if (load<f64>(entry, 8) > best) continue;
        lo = load<i32>(entry);
        hi = load<i32>(entry, 4);
        // Down the near sides to a leaf, keeping the far sides.
        while (hi - lo > LEAF) {
          const mid = (lo + hi) >> 1;
          const axis = getI32(splitPtr, mid);
          const diff = load<f64>(query + (<usize>axis << 3)) - getF64(splitValues, mid);
          entry = PENDING + (<usize>pending << 4);
          if (diff < 0) {
            store<i32>(entry, mid);
            store<i32>(entry, hi, 4);
            hi = mid;
          } else {
            store<i32>(entry, lo);
            store<i32>(entry, mid, 4);
            lo = mid;
          }
          store<f64>(entry, diff * diff, 8);
          pending++;
        }
        // The leaf's closest candidate, two points per vector (a lane that does not count holds
        // Infinity); only a leaf that holds one as close as the best is scanned again for its index.
        let closest = none;
        const end = i32x4.splat(hi);
        for (let k = lo; k < hi; k += 2) {
          let at = columns + (<usize>k << 3);
          let d = f64x2.sub(v128.load64_splat(query), v128.load(at));
          let d2 = f64x2.mul(d, d);
          for (let c = 1; c < dimension; c++) {
            at += columnBytes;
            d = f64x2.sub(v128.load64_splat(query + (<usize>c << 3)), v128.load(at));
            d2 = f64x2.add(d2, f64x2.mul(d, d));
          }
          const indices = v128.load64_zero(orderPtr + (<usize>k << 2));
          const outside = i32x4.gt_s(i32x4.abs(i32x4.sub(indices, self)), window);
          const inLeaf = i32x4.lt_s(i32x4.add(i32x4.splat(k), lanes), end);
          const counts = v128.and(i64x2.extend_low_i32x4_s(v128.and(outside, inLeaf)), f64x2.gt(d2, sameState));
          closest = f64x2.pmin(closest, v128.bitselect(d2, none, counts));
        }
        if (min(f64x2.extract_lane(closest, 0), f64x2.extract_lane(closest, 1)) <= best) {
          for (let k = lo; k < hi; k++) {
            const index = getI32(orderPtr, k);
            if (abs(index - i) <= theilerWindow) continue;
            const d2 = distanceToColumns(query, columns + (<usize>k << 3), dimension, columnBytes);
            if (beats(d2, index, minDistance2, best, bestIndex)) {
              best = d2;
              bestIndex = index;
            }
          }
        }
      }
      // One level up: that node's other side, when its plane is close enough.
      if (levels == 0) break;
      levels--;
      lo = load<i32>(PATH + (<usize>levels << 3));
      hi = load<i32>(PATH + (<usize>levels << 3), 4);
      const mid = (lo + hi) >> 1;
      const axis = getI32(splitPtr, mid);
      const diff = load<f64>(query + (<usize>axis << 3)) - getF64(splitValues, mid);
      if (diff * diff > best) continue;
      store<i32>(PENDING, position < mid ? mid : lo);
      store<i32>(PENDING, position < mid ? hi : mid, 4);
      store<f64>(PENDING, diff * diff, 8);
      pending = 1;
    }
    setI32(neighbour, i, bestIndex);
    setF64(distance2, i, best);
    previous = bestIndex;
  }
}
