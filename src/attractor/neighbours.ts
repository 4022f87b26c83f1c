// Nearest neighbours outside a Theiler window, by the k-d tree in
// assembly/attractor/kdtree.ts, over points already in wasm memory.
import { f64View, i32View, withScratch, type Scratch } from '../memory';

export interface NeighbourPointers {
  /** i32 per point: index of the nearest point outside the window, or -1. */
  neighbour: number;
  /** f64 per point: squared distance to it (Infinity when there is none). */
  distance2: number;
}

/**
 * Distances below this fraction of the points' RMS spread are roundoff: such a
 * candidate is the same state again (an exactly repeating signal), not a neighbour.
 */
export const SAME_STATE = 1e-9;

/** Squared distance under which two points count as the same state. */
export function sameStateDistance2(values: Float64Array, count: number, dimension: number): number {
  let total = 0;
  for (let c = 0; c < dimension; c++) {
    let mean = 0;
    for (let i = 0; i < count; i++) mean += values[i * dimension + c];
    mean /= count;
    let variance = 0;
    for (let i = 0; i < count; i++) variance += (values[i * dimension + c] - mean) ** 2;
    total += variance / count;
  }
  return SAME_STATE * SAME_STATE * total;
}

/**
 * Builds a k-d tree over points[0, count) at `points` and finds every point's
 * nearest neighbour j with |i - j| > theiler that is not the same state.
 */
export function findNeighbours(s: Scratch, points: number, count: number, dimension: number, theiler: number): NeighbourPointers {
  const minDistance2 = sameStateDistance2(f64View(points, count * dimension), count, dimension);
  const tree = s.alloc(s.kernels.kdTreeBytes(count, dimension));
  const neighbour = s.i32(count);
  const distance2 = s.f64(count);
  s.kernels.kdNearestOutsideWindow(points, count, dimension, tree, theiler, minDistance2, neighbour, distance2);
  return { neighbour, distance2 };
}

/**
 * Nearest neighbour of every point of a row-major point set (ties go to the
 * earlier point), skipping points within `theiler` steps in time and points
 * that are the same state (see SAME_STATE).
 */
export function nearestNeighbours(
  values: Float64Array, dimension: number, theiler: number,
): { index: Int32Array; distance: Float64Array } {
  const count = Math.floor(values.length / dimension);
  return withScratch((s) => {
    const points = s.f64(values);
    const found = findNeighbours(s, points, count, dimension, theiler);
    const index = i32View(found.neighbour, count).slice();
    const distance = f64View(found.distance2, count).map(Math.sqrt);
    return { index, distance };
  });
}
