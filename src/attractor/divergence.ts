// Rosenstein's mean log divergence curve over points in wasm memory.
import { f64View, type Scratch } from '../memory';
import { findNeighbours } from './neighbours';
import { type Columns } from './phase-space';

export interface DivergenceCurve {
  /** Mean ln(distance) of neighbour pairs k steps on, k = 0 .. horizon - 1 (NaN where no pair counted). */
  divergence: Float64Array;
  /** Pairs that counted at each step. */
  pairs: Float64Array;
  /** Reference points (pairs started). */
  references: number;
}

/**
 * Pairs every one of the first count - horizon + 1 points with its nearest
 * neighbour among them outside the Theiler window, and follows each pair for
 * `horizon` steps (Rosenstein et al. 1993). The points are in scratch twice:
 * row-major at `points` (for the neighbour search) and as `columns`.
 */
export function divergenceCurve(
  s: Scratch, points: number, columns: Columns, count: number, dimension: number, theiler: number, horizon: number,
): DivergenceCurve {
  const references = count - horizon + 1;
  const found = findNeighbours(s, points, references, dimension, theiler);
  const divergence = s.f64(horizon);
  const pairs = s.f64(horizon);
  s.kernels.rosensteinDivergence(columns.data, columns.stride, dimension, references, found.neighbour, horizon, divergence, pairs);
  return { divergence: f64View(divergence, horizon).slice(), pairs: f64View(pairs, horizon).slice(), references };
}
