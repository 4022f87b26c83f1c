// Finding the straight part of a curve: the linear region of Rosenstein's
// divergence curve, the scaling range of the Grassberger-Procaccia log C(r).
//
// The curve is cut into consecutive blocks and each block gets a least-squares
// slope. A candidate region is a run of at least `minBlocks` blocks whose slopes
// all agree with the slope fitted over the whole run, within
// `relativeTolerance` of it (plus `absoluteTolerance`, so that flat curves,
// whose slopes are all noise around zero, still count as straight). Of the
// candidates, the one over which the curve changes most (|slope| x width) wins:
// a rate is best measured where the quantity changes consistently over the
// largest factor, and a flat plateau (saturation) or a short transient cannot
// beat a long straight rise.

export interface Line {
  slope: number;
  intercept: number;
}

/** Least-squares line through (x[i], y[i]) for i in [from, to]. */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): Line {
  const count = to - from + 1;
  let sx = 0;
  let sy = 0;
  for (let i = from; i <= to; i++) {
    sx += x[i];
    sy += y[i];
  }
  const mx = sx / count;
  const my = sy / count;
  let sxx = 0;
  let sxy = 0;
  for (let i = from; i <= to; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx };
}

export interface RegionRules {
  /** Number of blocks to cut the curve into (fewer when it has fewer points). */
  blocks: number;
  minBlocks: number;
  relativeTolerance: number;
  absoluteTolerance: number;
  /** Changes below this count as no change (default 0). */
  flatChange?: number;
}

export interface Region {
  /** First and last point index of the region (inclusive). */
  from: number;
  to: number;
  slope: number;
  intercept: number;
}

/**
 * The straightest long region of y(x) by the rule above, or undefined when no
 * run of minBlocks blocks is straight.
 */
export function straightestRegion(x: ArrayLike<number>, y: ArrayLike<number>, rules: RegionRules): Region | undefined {
  const n = x.length;
  if (n < 2) return undefined;
  const blocks = Math.max(1, Math.min(rules.blocks, n - 1));
  // Block b covers points [edge[b], edge[b + 1]]; neighbouring blocks share an end point.
  const edge = Array.from({ length: blocks + 1 }, (_, b) => Math.round((b * (n - 1)) / blocks));
  const blockSlope = Array.from({ length: blocks }, (_, b) => fitLine(x, y, edge[b], edge[b + 1]).slope);
  const flatChange = rules.flatChange ?? 0;
  let best: Region | undefined;
  let bestChange = -1;
  let bestWidth = -1;
  for (let first = 0; first < blocks; first++) {
    for (let last = first + rules.minBlocks - 1; last < blocks; last++) {
      const line = fitLine(x, y, edge[first], edge[last + 1]);
      const allowed = rules.relativeTolerance * Math.abs(line.slope) + rules.absoluteTolerance;
      let straight = true;
      for (let b = first; b <= last && straight; b++) straight = Math.abs(blockSlope[b] - line.slope) <= allowed;
      if (!straight) continue;
      const width = x[edge[last + 1]] - x[edge[first]];
      const change = Math.abs(line.slope * width);
      const better =
        change >= flatChange || bestChange >= flatChange
          ? change > bestChange
          : width > bestWidth; // both flat: the wider one
      if (better) {
        bestChange = change;
        bestWidth = width;
        best = { from: edge[first], to: edge[last + 1], ...line };
      }
    }
  }
  return best;
}
