// Obviously-correct reference implementations for the attractor kernels:
// double loops, written for clarity, not speed.

/** Squared Euclidean distance between rows i and j of row-major points. */
export function distance2(points: ArrayLike<number>, dimension: number, i: number, j: number): number {
  let sum = 0;
  for (let c = 0; c < dimension; c++) sum += (points[i * dimension + c] - points[j * dimension + c]) ** 2;
  return sum;
}

/** Nearest j (smallest index on ties) with |i - j| > theiler and d2 > minDistance2, by trying every j. */
export function bruteNearest(points: ArrayLike<number>, dimension: number, count: number, theiler: number, minDistance2 = 0): { index: Int32Array; distance2: Float64Array } {
  const index = new Int32Array(count).fill(-1);
  const best = new Float64Array(count).fill(Infinity);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      if (Math.abs(i - j) <= theiler) continue;
      const d2 = distance2(points, dimension, i, j);
      if (d2 <= minDistance2) continue;
      if (d2 < best[i]) {
        best[i] = d2;
        index[i] = j;
      }
    }
  }
  return { index, distance2: best };
}

/** Rosenstein's mean log divergence from brute-force neighbours, with Math.log per pair. */
export function referenceDivergence(points: ArrayLike<number>, dimension: number, count: number, theiler: number, horizon: number, minDistance2 = 0): Float64Array {
  const references = count - horizon + 1;
  const { index } = bruteNearest(points, dimension, references, theiler, minDistance2);
  const out = new Float64Array(horizon);
  for (let k = 0; k < horizon; k++) {
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < references; i++) {
      if (index[i] < 0) continue;
      const d2 = distance2(points, dimension, i + k, index[i] + k);
      if (d2 === 0) continue;
      sum += 0.5 * Math.log(d2);
      pairs++;
    }
    out[k] = pairs > 0 ? sum / pairs : NaN;
  }
  return out;
}

/**
 * Pairs closer than each radius (strictly): every pair i < j with j - i > theiler,
 * or, with `references`, every (reference, j) with |reference - j| > theiler.
 */
export function referencePairCounts(points: ArrayLike<number>, dimension: number, count: number, theiler: number, radii: ArrayLike<number>, references?: ArrayLike<number>): { below: Float64Array; pairs: number } {
  const below = new Float64Array(radii.length);
  let pairs = 0;
  const count1 = (i: number, j: number) => {
    pairs++;
    const d2 = distance2(points, dimension, i, j);
    for (let b = 0; b < radii.length; b++) if (d2 < radii[b] ** 2) below[b]++;
  };
  if (references) {
    for (let r = 0; r < references.length; r++) {
      for (let j = 0; j < count; j++) if (Math.abs(references[r] - j) > theiler) count1(references[r], j);
    }
  } else {
    for (let i = 0; i < count; i++) for (let j = i + theiler + 1; j < count; j++) count1(i, j);
  }
  return { below, pairs };
}

/** Plain delay embedding by index arithmetic. */
export function referenceEmbedding(series: ArrayLike<number>, dimension: number, delay: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i + (dimension - 1) * delay < series.length; i++) {
    rows.push(Array.from({ length: dimension }, (_, c) => series[i + c * delay]));
  }
  return rows;
}
