// Obviously-correct reference implementations: full-matrix dynamic programming,
// written for clarity, not speed.

/** Full n x m DTW matrix with an optional Sakoe-Chiba band |i - j| <= w. */
export function dtwMatrix(a: ArrayLike<number>, b: ArrayLike<number>, w = Infinity, squared = false): number[][] {
  const n = a.length;
  const m = b.length;
  const D = Array.from({ length: n }, () => new Array<number>(m).fill(Infinity));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (Math.abs(i - j) > w) continue;
      const d = a[i] - b[j];
      const cost = squared ? d * d : Math.abs(d);
      let best: number;
      if (i === 0 && j === 0) best = 0;
      else {
        best = Infinity;
        if (i > 0) best = Math.min(best, D[i - 1][j]);
        if (j > 0) best = Math.min(best, D[i][j - 1]);
        if (i > 0 && j > 0) best = Math.min(best, D[i - 1][j - 1]);
      }
      D[i][j] = best + cost;
    }
  }
  return D;
}

export function referenceDtw(a: ArrayLike<number>, b: ArrayLike<number>, w = Infinity, squared = false): number {
  const D = dtwMatrix(a, b, w, squared);
  return D[a.length - 1][b.length - 1];
}

/** Total cost of aligning along `path`. */
export function pathCost(a: ArrayLike<number>, b: ArrayLike<number>, path: Array<[number, number]>, squared = false): number {
  let total = 0;
  for (const [i, j] of path) {
    const d = a[i] - b[j];
    total += squared ? d * d : Math.abs(d);
  }
  return total;
}

export function referenceLcs<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  const L = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      L[i][j] = a[i - 1] === b[j - 1] ? L[i - 1][j - 1] + 1 : Math.max(L[i - 1][j], L[i][j - 1]);
    }
  }
  return L[a.length][b.length];
}

export function referenceEditDistance<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  const E = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const substitute = E[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      E[i][j] = Math.min(substitute, E[i - 1][j] + 1, E[i][j - 1] + 1);
    }
  }
  return E[a.length][b.length];
}

/** Every window start whose DTW to the pattern is <= threshold, sorted by distance then index. */
export function bruteForceSimilar(
  series: ArrayLike<number>,
  pattern: ArrayLike<number>,
  threshold: number,
  w = Infinity,
  squared = false,
): Array<{ index: number; distance: number }> {
  const out: Array<{ index: number; distance: number }> = [];
  const m = pattern.length;
  for (let start = 0; start + m <= series.length; start++) {
    const window = Array.prototype.slice.call(series, start, start + m) as number[];
    const distance = referenceDtw(window, pattern, w, squared);
    if (distance <= threshold) out.push({ index: start, distance });
  }
  return out.sort((p, q) => p.distance - q.distance || p.index - q.index);
}

/**
 * z-normalisation by the textbook two-pass formula: the mean, then the
 * population standard deviation of the deviations from it. It works on the
 * differences from the first value (exact for values within a factor of two of
 * it), so a level far from zero costs no precision. Flat, hence all zeros, when
 * sd <= 1e-14 x |mean|: the rule the README states.
 */
export function twoPassZNormalize(values: ArrayLike<number>): number[] {
  const n = values.length;
  const first = values[0];
  const deviations = Array.from(values, (x) => x - first);
  const mean = deviations.reduce((total, d) => total + d, 0) / n;
  const sd = Math.sqrt(deviations.reduce((total, d) => total + (d - mean) ** 2, 0) / n);
  const flat = !(sd > 1e-14 * Math.abs(first + mean));
  return deviations.map((d) => (flat ? 0 : (d - mean) / sd));
}

export interface BruteForceSearch {
  window?: number;
  squared?: boolean;
  normalize?: boolean;
  limit?: number;
  exclusion?: number;
}

/**
 * Sliding DTW over every window, then: sort by distance and index, drop windows
 * overlapping a better kept one by more than `exclusion` points, keep `limit`.
 */
export function bruteForceSearch(
  series: ArrayLike<number>,
  pattern: ArrayLike<number>,
  threshold: number,
  o: BruteForceSearch = {},
): Array<{ index: number; distance: number }> {
  const m = pattern.length;
  const q = o.normalize ? twoPassZNormalize(pattern) : Array.from(pattern);
  const all: Array<{ index: number; distance: number }> = [];
  for (let start = 0; start + m <= series.length; start++) {
    const raw = Array.prototype.slice.call(series, start, start + m) as number[];
    const window = o.normalize ? twoPassZNormalize(raw) : raw;
    const distance = referenceDtw(window, q, o.window ?? Infinity, o.squared ?? false);
    if (distance <= threshold) all.push({ index: start, distance });
  }
  all.sort((p, q2) => p.distance - q2.distance || p.index - q2.index);
  let kept = all;
  if (o.exclusion !== undefined) {
    kept = [];
    for (const match of all) {
      if (kept.every((k) => m - Math.abs(k.index - match.index) <= o.exclusion!)) kept.push(match);
    }
  }
  return kept.slice(0, o.limit ?? Infinity);
}

/** D[ts][te]: DTW of series[ts..te] (inclusive) against the pattern, for every subsequence. */
export function allSubsequenceDtw(series: ArrayLike<number>, pattern: ArrayLike<number>, squared = false): number[][] {
  const n = series.length;
  const out: number[][] = [];
  for (let ts = 0; ts < n; ts++) {
    // One DP with the subsequence on the rows gives every end at once.
    const row: number[] = new Array(n).fill(Infinity);
    const D = dtwMatrix(Array.prototype.slice.call(series, ts) as number[], pattern, Infinity, squared);
    for (let te = ts; te < n; te++) row[te] = D[te - ts][pattern.length - 1];
    out.push(row);
  }
  return out;
}
