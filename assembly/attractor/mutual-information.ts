import { getF64, getI32, setF64, setI32 } from '../memory';

// Average mutual information I(x(t); x(t + lag)) (Fraser & Swinney 1986) from a
// joint histogram of equally populated bins with B-spline binning of order 2
// (Daub et al. 2004): each value is split linearly between the two nearest bin
// centres, so the histogram varies smoothly with the lag.

/**
 * Each value's lower bin and the weight of the bin above, from its rank:
 * order[rank] is the index of the rank-th smallest value (see sortIndicesByKey).
 */
export function splitBins(order: usize, n: i32, bins: i32, lower: usize, upperWeight: usize): void {
  for (let rank = 0; rank < n; rank++) {
    const position = min<f64>(<f64>(bins - 1), max<f64>(0, ((<f64>rank + 0.5) * bins) / n - 0.5));
    const low = min<i32>(bins - 2, <i32>Math.floor(position));
    const index = getI32(order, rank);
    setI32(lower, index, low);
    setF64(upperWeight, index, position - <f64>low);
  }
}

/**
 * I(x(t); x(t + lag)) in nats over the n - lag pairs, from the split bins;
 * `work` holds bins * bins + 2 * bins f64 (the joint and the two marginal histograms).
 */
export function mutualInformation(lower: usize, upperWeight: usize, n: i32, bins: i32, lag: i32, work: usize): f64 {
  const joint = work;
  const px = joint + (<usize>(bins * bins) << 3);
  const py = px + (<usize>bins << 3);
  memory.fill(work, 0, <usize>(bins * bins + 2 * bins) << 3);
  const pairs = n - lag;
  for (let t = 0; t < pairs; t++) {
    const a = getI32(lower, t);
    const b = getI32(lower, t + lag);
    const wa = getF64(upperWeight, t);
    const wb = getF64(upperWeight, t + lag);
    const cell = a * bins + b;
    setF64(joint, cell, getF64(joint, cell) + (1 - wa) * (1 - wb));
    setF64(joint, cell + 1, getF64(joint, cell + 1) + (1 - wa) * wb);
    setF64(joint, cell + bins, getF64(joint, cell + bins) + wa * (1 - wb));
    setF64(joint, cell + bins + 1, getF64(joint, cell + bins + 1) + wa * wb);
    setF64(px, a, getF64(px, a) + (1 - wa));
    setF64(px, a + 1, getF64(px, a + 1) + wa);
    setF64(py, b, getF64(py, b) + (1 - wb));
    setF64(py, b + 1, getF64(py, b + 1) + wb);
  }
  let mi: f64 = 0;
  for (let a = 0; a < bins; a++) {
    for (let b = 0; b < bins; b++) {
      const c = getF64(joint, a * bins + b);
      if (c > 0) mi += c * Math.log((c * pairs) / (getF64(px, a) * getF64(py, b)));
    }
  }
  return mi / pairs;
}
