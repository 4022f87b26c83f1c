import { cellCost, dtwRows } from './dtw';
import { getF64, getI32, minF64, setF64, setI32 } from './memory';

// Subsequence search under DTW with the UCR suite's cascade of lower bounds
// (Rakthanmanon et al., "Searching and mining trillions of time series
// subsequences under dynamic time warping", KDD 2012):
//   LB_KimFL -> LB_Keogh(query envelope) -> LB_Keogh(data envelope)
//   -> DTW that abandons once its row minimum plus the bound still to come
//      passes the best-so-far.
// Every bound is a true lower bound of the banded DTW for either cost, so the
// windows that survive are exactly those whose DTW is <= the best-so-far.

/**
 * Envelope of x under a band of radius r: upper[i] = max x[i-r..i+r],
 * lower[i] = min x[i-r..i+r], in O(n) with Lemire's monotone deques
 * (`deque` has room for 2 * (n + 1) i32s: one deque for the max, one for the min).
 */
export function envelope(x: usize, n: i32, r: i32, upper: usize, lower: usize, deque: usize): void {
  const maxQ = deque;
  const minQ = deque + ((<usize>n + 1) << 2);
  let maxHead = 0, maxTail = 0, minHead = 0, minTail = 0;
  // Slide the window [i - r, i + r]: push index i + r, pop indices below i - r.
  for (let k = 0; k < n + r; k++) {
    if (k < n) {
      const v = getF64(x, k);
      while (maxTail > maxHead && getF64(x, getI32(maxQ, maxTail - 1)) <= v) maxTail--;
      setI32(maxQ, maxTail++, k);
      while (minTail > minHead && getF64(x, getI32(minQ, minTail - 1)) >= v) minTail--;
      setI32(minQ, minTail++, k);
    }
    const i = k - r; // the centre whose window is now complete
    if (i < 0) continue;
    while (getI32(maxQ, maxHead) < i - r) maxHead++;
    while (getI32(minQ, minHead) < i - r) minHead++;
    setF64(upper, i, getF64(x, getI32(maxQ, maxHead)));
    setF64(lower, i, getF64(x, getI32(minQ, minHead)));
  }
}

/** Cost of x to the nearest point of [lower, upper]: 0 inside. */
@inline function costToEnvelope(x: f64, upper: f64, lower: f64, squared: bool): f64 {
  return x > upper ? cellCost(x, upper, squared) : x < lower ? cellCost(x, lower, squared) : 0;
}

// Pruning counters, read by the TypeScript side after a scan.
let prunedByKim: i32 = 0;
let prunedByKeoghQuery: i32 = 0;
let prunedByKeoghData: i32 = 0;
let dtwComputed: i32 = 0;

export function searchStats(out: usize): void {
  setI32(out, 0, prunedByKim);
  setI32(out, 1, prunedByKeoghQuery);
  setI32(out, 2, prunedByKeoghData);
  setI32(out, 3, dtwComputed);
  prunedByKim = prunedByKeoghQuery = prunedByKeoghData = dtwComputed = 0;
}

/**
 * Scans the windows starting at from..to-1 of `series` (length m each) against
 * the prepared query and writes (start, distance) pairs for every window whose
 * DTW is <= bsf into `out` (f64 pairs). Returns the number of pairs.
 *
 * The query side (prepared once by the caller): `query` (z-normalised when
 * `normalize`), its envelope `qUpper`/`qLower`, and `order`, the query indices
 * by decreasing |query - mean| (the points most likely to abandon LB_Keogh early).
 * The data side: `dUpper`/`dLower`, the envelope of the raw series, normalised
 * per window on the fly. Scratch: `candidate` (m f64), `boundQ`, `boundD`
 * (m f64 each), `rest` (m + 1 f64), `rows` (2 (m + 1) f64).
 */
export function ucrScan(
  series: usize, from: i32, to: i32, m: i32, r: i32,
  squared: bool, normalize: bool, bsf: f64,
  query: usize, qUpper: usize, qLower: usize, order: usize,
  dUpper: usize, dLower: usize,
  candidate: usize, boundQ: usize, boundD: usize, rest: usize, rows: usize,
  out: usize,
): i32 {
  // Two inlined copies with a constant cost, so the hot loops have no cost branch.
  return squared
    ? scan(series, from, to, m, r, true, normalize, bsf, query, qUpper, qLower, order, dUpper, dLower, candidate, boundQ, boundD, rest, rows, out)
    : scan(series, from, to, m, r, false, normalize, bsf, query, qUpper, qLower, order, dUpper, dLower, candidate, boundQ, boundD, rest, rows, out);
}

// Below this standard deviation a window is flat: its z-normalised form is all zeros.
const FLAT: f64 = 1e-10;

@inline function scan(
  series: usize, from: i32, to: i32, m: i32, r: i32,
  squared: bool, normalize: bool, bsf: f64,
  query: usize, qUpper: usize, qLower: usize, order: usize,
  dUpper: usize, dLower: usize,
  candidate: usize, boundQ: usize, boundD: usize, rest: usize, rows: usize,
  out: usize,
): i32 {
  let count = 0;
  // Running sums of (x - shift) over the current window; the shift (the first
  // value of this scan) keeps them small, so sums of squares lose no precision
  // on series that drift far from zero.
  const shift = getF64(series, from);
  let sum: f64 = 0;
  let sumSquares: f64 = 0;
  if (normalize) {
    for (let i = 0; i < m - 1; i++) {
      const v = getF64(series, from + i) - shift;
      sum += v;
      sumSquares += v * v;
    }
  }
  const q0 = getF64(query, 0);
  const qLast = getF64(query, m - 1);
  for (let start = from; start < to; start++) {
    // The window's mean and 1 / standard deviation (identity when not normalising).
    let mean: f64 = 0;
    let scale: f64 = 1;
    if (normalize) {
      const v = getF64(series, start + m - 1) - shift;
      sum += v;
      sumSquares += v * v;
      const mu = sum / m;
      const variance = max(sumSquares / m - mu * mu, 0);
      const sd = sqrt(variance);
      mean = mu + shift;
      scale = sd > FLAT ? 1 / sd : 0;
      const gone = getF64(series, start) - shift; // leaves before the next window
      sum -= gone;
      sumSquares -= gone * gone;
    }

    // LB_KimFL: the path starts at (0, 0) and ends at (m-1, m-1); for m >= 4 its
    // second and second-to-last cells are distinct ones among three choices each.
    const c0 = (getF64(series, start) - mean) * scale;
    const cLast = (getF64(series, start + m - 1) - mean) * scale;
    let lb = cellCost(c0, q0, squared);
    if (m > 1) lb += cellCost(cLast, qLast, squared);
    if (m >= 4 && lb <= bsf) {
      const c1 = (getF64(series, start + 1) - mean) * scale;
      const q1 = getF64(query, 1);
      lb += minF64(minF64(cellCost(c1, q0, squared), cellCost(c0, q1, squared)), cellCost(c1, q1, squared));
      const cBefore = (getF64(series, start + m - 2) - mean) * scale;
      const qBefore = getF64(query, m - 2);
      lb += minF64(
        minF64(cellCost(cBefore, qLast, squared), cellCost(cLast, qBefore, squared)),
        cellCost(cBefore, qBefore, squared),
      );
    }
    if (lb > bsf) {
      prunedByKim++;
      continue;
    }

    // LB_Keogh with the query's envelope: each candidate point costs at least its
    // distance to the envelope. Visit points in `order`, abandon past bsf.
    let lbQuery: f64 = 0;
    for (let k = 0; k < m && lbQuery <= bsf; k++) {
      const i = getI32(order, k);
      const c = (getF64(series, start + i) - mean) * scale;
      setF64(candidate, i, c);
      const d = costToEnvelope(c, getF64(qUpper, i), getF64(qLower, i), squared);
      setF64(boundQ, i, d);
      lbQuery += d;
    }
    if (lbQuery > bsf) {
      prunedByKeoghQuery++;
      continue;
    }

    // LB_Keogh with the candidate's envelope (the raw series' envelope, normalised).
    let lbData: f64 = 0;
    for (let k = 0; k < m && lbData <= bsf; k++) {
      const i = getI32(order, k);
      const upper = (getF64(dUpper, start + i) - mean) * scale;
      const lower = (getF64(dLower, start + i) - mean) * scale;
      const d = costToEnvelope(getF64(query, i), upper, lower, squared);
      setF64(boundD, i, d);
      lbData += d;
    }
    if (lbData > bsf) {
      prunedByKeoghData++;
      continue;
    }

    // The tighter of the two bounds, summed from the end, bounds what DTW still
    // has to pay after each row: candidate-indexed bounds (query envelope) from
    // the next row on, query-indexed bounds (data envelope) beyond the band.
    const bounds = lbQuery > lbData ? boundQ : boundD;
    const restShift = lbQuery > lbData ? 0 : r;
    setF64(rest, m, 0);
    for (let i = m - 1; i >= 0; i--) setF64(rest, i, getF64(rest, i + 1) + getF64(bounds, i));

    dtwComputed++;
    const distance = dtwRows(candidate, m, query, m, r, squared, bsf, rows, rest, restShift);
    if (distance <= bsf) {
      setF64(out, 2 * count, <f64>start);
      setF64(out, 2 * count + 1, distance);
      count++;
    }
  }
  return count;
}
