import { cellCost, dtwWithBounds } from './dtw';
import { getF64, getI32, maxF64, minF64, setF64, setI32 } from './memory';

// Subsequence search under DTW with the UCR suite's cascade of lower bounds
// (Rakthanmanon et al., "Searching and mining trillions of time series
// subsequences under dynamic time warping", KDD 2012):
//   LB_Kim (hierarchical) -> LB_Keogh(query envelope) -> LB_Keogh(data envelope)
//   -> DTW that abandons once its row minimum plus the bound still to come
//      passes the best-so-far.
// Every bound is a true lower bound of the banded DTW for either cost, so the
// windows that survive are exactly those whose DTW is <= the best-so-far.

/**
 * Envelope of x under a band of radius r: upper[i] = max x[i-r..i+r],
 * lower[i] = min x[i-r..i+r] (clipped to 0..n-1), in O(n) without branches on
 * the data (van Herk / Gil-Werman): cut x into blocks of w = 2r + 1 points; a
 * full window [a, b] spans at most two blocks, so its max is max(suffix max of
 * a's block from a, prefix max of b's block up to b). `scratch` has room for
 * 2 * (n + 1) i32s (used as n f64s). Lemire's deques, which the UCR suite uses,
 * branch on every comparison and mispredict on noisy data: 20 ms for 10^6 points.
 */
export function envelope(x: usize, n: i32, r: i32, upper: usize, lower: usize, scratch: usize): void {
  blockExtremes(x, n, r, upper, scratch, true);
  blockExtremes(x, n, r, lower, scratch, false);
}

@inline function extreme(a: f64, b: f64, isMax: bool): f64 {
  return isMax ? maxF64(a, b) : minF64(a, b);
}

/** One side of the envelope into `out`, with `suffix` (n f64s) as scratch. */
function blockExtremes(x: usize, n: i32, r: i32, out: usize, suffix: usize, isMax: bool): void {
  const w = 2 * r + 1;
  // Prefix extremes within each block into out, suffix extremes into suffix.
  for (let start = 0; start < n; start += w) {
    const end = min(start + w, n) - 1;
    let run = getF64(x, start);
    for (let j = start; j <= end; j++) {
      run = extreme(run, getF64(x, j), isMax);
      setF64(out, j, run);
    }
    run = getF64(x, end);
    for (let j = end; j >= start; j--) {
      run = extreme(run, getF64(x, j), isMax);
      setF64(suffix, j, run);
    }
  }
  // Window i is [i - r, i + r] clipped to [0, n - 1]. Reading out[j] for j >= i
  // before writing out[i] keeps the prefix extremes still needed intact.
  const head = min(r, n);
  // Clipped on the left: [0, b] lies in block 0 (b <= 2r), whose prefix extreme is the answer.
  for (let i = 0; i < head; i++) setF64(out, i, getF64(out, min(i + r, n - 1)));
  for (let i = head; i < n - r; i++) {
    setF64(out, i, extreme(getF64(suffix, i - r), getF64(out, i + r), isMax));
  }
  // Clipped on the right: [a, n - 1] is a's suffix alone when a is in the last
  // block, else that suffix and the whole (prefix of the) last block.
  const lastBlock = (n - 1) / w * w;
  for (let i = max(head, n - r); i < n; i++) {
    const a = i - r;
    setF64(out, i, a >= lastBlock ? getF64(suffix, a) : extreme(getF64(suffix, a), getF64(out, n - 1), isMax));
  }
}

/**
 * Cost of x to the nearest point of [lower, upper]: 0 inside. Branch-free: on a
 * random walk whether a point lies above, below or inside the envelope is
 * unpredictable, and mispredicted branches cost more than the arithmetic.
 */
@inline function costToEnvelope(x: f64, upper: f64, lower: f64, squared: bool): f64 {
  const outside = maxF64(maxF64(x - upper, lower - x), 0); // upper >= lower: one of the two at most is > 0
  return squared ? outside * outside : outside;
}

/**
 * The parameters of one ucrScan call: a block in linear memory written by the
 * TypeScript side (src/search/scan-params.ts lays it out field for field; a test
 * checks both sides agree on its size). Pointers address f64 arrays unless
 * noted; the scratch arrays are the kernel's to overwrite.
 */
@unmanaged class ScanParams {
  bsf: f64;          // report windows whose DTW is <= this ("best so far")
  slack: f64;        // with keep > 0: the bound is the keep-th best distance x (1 + slack)
  series: usize;     // the data, f64 x length
  from: i32;         // first window start to scan
  to: i32;           // one past the last window start
  m: i32;            // pattern (= window) length
  r: i32;            // Sakoe-Chiba band radius in points
  squared: i32;      // 1: cost (x - y)^2, 0: |x - y|
  normalize: i32;    // 1: z-normalise every window on the fly
  query: usize;      // the prepared (normalised) pattern, m
  qUpper: usize;     // the pattern's envelope of radius r, m
  qLower: usize;
  order: usize;      // i32 x m: pattern indices by decreasing |query - mean|
  dUpper: usize;     // the raw series' envelope of radius r, length
  dLower: usize;
  candidate: usize;  // scratch, m
  boundQ: usize;     // scratch, m
  boundD: usize;     // scratch, m
  rest: usize;       // scratch, m + 1
  rows: usize;       // scratch, 2 (m + 1)
  out: usize;        // (start, distance) f64 pairs, room for to - from pairs
  stats: usize;      // i32 x 4 counters the scan adds to: pruned by LB_Kim,
                     // by LB_Keogh (query envelope), by LB_Keogh (data envelope), DTW computed
  keep: i32;         // > 0: tighten bsf after every match to the keep-th best distance so far
  kept: i32;         // how many distances `best` holds (the kernel's, kept across calls)
  best: usize;       // f64 x keep: a max-heap of the best distances reported so far
}

/**
 * Offers a reported distance to the max-heap of the `keep` best (`kept` of them
 * held); returns the new count. The UCR suite tightens its best-so-far after
 * every DTW this way, so a scan from an unbounded threshold prunes from the start.
 */
function keepBest(best: usize, keep: i32, kept: i32, distance: f64): i32 {
  let i: i32;
  if (kept < keep) {
    i = kept++;
    while (i > 0) { // sift up
      const parent = (i - 1) >> 1;
      if (getF64(best, parent) >= distance) break;
      setF64(best, i, getF64(best, parent));
      i = parent;
    }
  } else {
    if (distance >= getF64(best, 0)) return kept;
    i = 0;
    for (;;) { // sift down from the root
      const left = 2 * i + 1;
      if (left >= kept) break;
      let child = left;
      if (left + 1 < kept && getF64(best, left + 1) > getF64(best, left)) child = left + 1;
      if (getF64(best, child) <= distance) break;
      setF64(best, i, getF64(best, child));
      i = child;
    }
  }
  setF64(best, i, distance);
  return kept;
}

/** Bytes in a ScanParams block (the TypeScript layout is checked against this). */
export function scanParamsBytes(): usize {
  return offsetof<ScanParams>();
}

/**
 * Scans the windows starting at from..to-1 of `series` (length m each) against
 * the prepared query and writes (start, distance) pairs for every window whose
 * DTW is <= bsf into `out`. Returns the number of pairs. All parameters come in
 * the block at `params` (see ScanParams).
 *
 * The query side (prepared once by the caller): `query` (z-normalised when
 * `normalize`), its envelope, and `order`, the indices most likely to abandon
 * LB_Keogh early first. The data side: the envelope of the raw series,
 * normalised per window on the fly.
 */
export function ucrScan(params: usize): i32 {
  const p = changetype<ScanParams>(params);
  // Two inlined copies with a constant cost, so the hot loops do not branch on it.
  // Normalisation stays a run-time flag: without it the window's centre and mean
  // stay 0 and its scale 1, which `scaled` applies exactly (v - 0 - 0) * 1 = v;
  // four copies made the module 1.5 KB larger for no measurable gain.
  return p.squared != 0 ? scan(p, true) : scan(p, false);
}

// A window is flat (its z-normalised form is all zeros) when its standard
// deviation is at most this fraction of its mean's magnitude: such variation is
// rounding, whatever the data's units. A relative cut-off keeps results the same
// when the data are rescaled.
const FLAT_RELATIVE: f64 = 1e-14;
// The running sums are re-centred (recomputed exactly, two-pass) when the sum of
// squares they still carry is below this fraction of the squares that went
// through them: their rounding error (about 2^-52 of the latter) would then
// exceed ~1e-13 of the window's variance. This happens after a level shift
// leaves the window, and every ~10^3 windows on a drifting random walk.
const RECENTRE_BELOW: f64 = 1e-3;

/**
 * The mean and standard deviation of a window x[start..start+m) come from
 * running sums of v = x - centre, kept numerically stable: `centre` is the mean
 * of the window where they were last recomputed exactly (two-pass), and `passed`
 * counts the squares that went through the sums since then. The scan keeps them
 * in locals and slides them; this block carries a recomputation's result.
 */
@unmanaged class WindowSums {
  centre: f64;
  sum: f64;          // sum of v over the window
  sumSquares: f64;   // sum of v^2 over the window
}

const recomputed = changetype<WindowSums>(memory.data(offsetof<WindowSums>()));

/** Recomputes the sums for the window at `start` from scratch, centred on its mean. */
function recentre(x: usize, start: i32, m: i32): void {
  const invM = 1 / <f64>m;
  let centre: f64 = 0;
  for (let i = 0; i < m; i++) centre += getF64(x, start + i) * invM; // scaled first: no overflow
  let sum: f64 = 0;
  let sumSquares: f64 = 0;
  for (let i = 0; i < m; i++) {
    const v = getF64(x, start + i) - centre;
    sum += v;
    sumSquares += v * v;
  }
  recomputed.centre = centre;
  recomputed.sum = sum;
  recomputed.sumSquares = sumSquares;
}

/**
 * 1 / standard deviation from m x variance (`spread`) and the window's mean
 * (`level`); 0 for a flat window: sd at most FLAT_RELATIVE of |level|, or 1 / sd
 * not finite (NaN fails both tests).
 */
@inline function inverseSd(spread: f64, level: f64, invM: f64): f64 {
  const sd = sqrt(max(spread, 0) * invM);
  const scale = 1 / sd;
  return sd > FLAT_RELATIVE * abs(level) && scale < Infinity ? scale : 0;
}

/** True when squares summing to `passed` cannot reach a standard deviation above the cut-off. */
@inline function certainlyFlat(passed: f64, level: f64, m: i32): bool {
  const cutOff = FLAT_RELATIVE * level;
  return passed <= cutOff * cutOff * m;
}

/**
 * z-normalises x[0..n) into out (population standard deviation), with the same
 * statistics and flat rule as the scan applies to every window.
 */
export function zNormalize(x: usize, n: i32, out: usize): void {
  recentre(x, 0, n);
  const centre = recomputed.centre;
  const invN = 1 / <f64>n;
  const mu = recomputed.sum * invN;
  const scale = inverseSd(recomputed.sumSquares - recomputed.sum * mu, centre + mu, invN);
  for (let i = 0; i < n; i++) setF64(out, i, scaled(getF64(x, i), centre, mu, scale));
}

/**
 * (value - mean) / sd, subtracting the centre first (exact for values near it,
 * so a level of 1e12 costs no precision); exactly the identity with centre and
 * mu 0 and scale 1 (a scan without normalisation).
 */
@inline function scaled(value: f64, centre: f64, mu: f64, scale: f64): f64 {
  return ((value - centre) - mu) * scale;
}

@inline function scan(p: ScanParams, squared: bool): i32 {
  const normalize = p.normalize != 0;
  const series = p.series, from = p.from, to = p.to, m = p.m, r = p.r;
  let bsf = p.bsf;
  const keep = p.keep, best = p.best, tighten = 1 + p.slack;
  let kept = p.kept;
  const query = p.query, qUpper = p.qUpper, qLower = p.qLower, order = p.order;
  const dUpper = p.dUpper, dLower = p.dLower;
  const candidate = p.candidate, boundQ = p.boundQ, boundD = p.boundD, rest = p.rest, rows = p.rows;
  const out = p.out;
  let prunedByKim = 0, prunedByKeoghQuery = 0, prunedByKeoghData = 0, dtwComputed = 0;
  let count = 0;
  // The window's running sums (see WindowSums).
  let centre: f64 = 0, sum: f64 = 0, sumSquares: f64 = 0, passed: f64 = 0;
  const invM = 1 / <f64>m;
  const q0 = getF64(query, 0);
  const qLast = getF64(query, m - 1);
  // Only read where m is large enough for the LB_Kim level that uses them.
  const q1 = m > 1 ? getF64(query, 1) : 0, q2 = m > 2 ? getF64(query, 2) : 0;
  const qBefore = m > 1 ? getF64(query, m - 2) : 0, qThird = m > 2 ? getF64(query, m - 3) : 0;
  for (let start = from; start < to; start++) {
    // The window's mean (relative to centre) and 1 / standard deviation.
    let mu: f64 = 0, scale: f64 = 1;
    if (normalize) {
      if (start > from) {
        const vIn = getF64(series, start + m - 1) - centre;
        const vOut = getF64(series, start - 1) - centre;
        sum += vIn - vOut;
        sumSquares += vIn * vIn - vOut * vOut;
        passed += vIn * vIn + vOut * vOut;
      }
      mu = sum * invM;
      let spread = sumSquares - sum * mu; // m x variance
      // Recompute when the sums have lost precision, unless every square that
      // passed through is below the flat cut-off: then the window is flat however
      // imprecise the sums (a long constant stretch would otherwise cost O(m) per window).
      if (start == from || (spread < passed * RECENTRE_BELOW && !certainlyFlat(passed, centre + mu, m))) {
        recentre(series, start, m);
        centre = recomputed.centre;
        sum = recomputed.sum;
        sumSquares = passed = recomputed.sumSquares;
        mu = sum * invM;
        spread = sumSquares - sum * mu;
      }
      scale = inverseSd(spread, centre + mu, invM);
    }

    // LB_Kim, hierarchical (the UCR suite's): the path starts at (0, 0), ends at
    // (m-1, m-1), and crosses each "level" max(i, j) = 1, 2 near the start and
    // max(m-1-i, m-1-j) = 1, 2 near the end in at least one cell: each level adds
    // the cheapest of its cells. The levels are disjoint for m >= 4 (level 1) and
    // m >= 6 (level 2). Each stage is added only while the bound still passes.
    const c0 = scaled(getF64(series, start), centre, mu, scale);
    const cLast = scaled(getF64(series, start + m - 1), centre, mu, scale);
    let lb = cellCost(c0, q0, squared);
    if (m > 1) lb += cellCost(cLast, qLast, squared);
    if (m >= 4 && lb <= bsf) {
      const c1 = scaled(getF64(series, start + 1), centre, mu, scale);
      lb += minF64(minF64(cellCost(c1, q0, squared), cellCost(c0, q1, squared)), cellCost(c1, q1, squared));
      if (lb <= bsf) {
        const cBefore = scaled(getF64(series, start + m - 2), centre, mu, scale);
        lb += minF64(
          minF64(cellCost(cBefore, qLast, squared), cellCost(cLast, qBefore, squared)),
          cellCost(cBefore, qBefore, squared),
        );
        if (m >= 6 && lb <= bsf) {
          const c2 = scaled(getF64(series, start + 2), centre, mu, scale);
          lb += minF64(
            minF64(minF64(cellCost(c0, q2, squared), cellCost(c1, q2, squared)), cellCost(c2, q2, squared)),
            minF64(cellCost(c2, q1, squared), cellCost(c2, q0, squared)),
          );
          if (lb <= bsf) {
            const cThird = scaled(getF64(series, start + m - 3), centre, mu, scale);
            lb += minF64(
              minF64(minF64(cellCost(cLast, qThird, squared), cellCost(cBefore, qThird, squared)), cellCost(cThird, qThird, squared)),
              minF64(cellCost(cThird, qBefore, squared), cellCost(cThird, qLast, squared)),
            );
          }
        }
      }
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
      const c = scaled(getF64(series, start + i), centre, mu, scale);
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
      const upper = scaled(getF64(dUpper, start + i), centre, mu, scale);
      const lower = scaled(getF64(dLower, start + i), centre, mu, scale);
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
    const distance = dtwWithBounds(candidate, m, query, m, r, squared, bsf, rows, rest, restShift);
    if (distance <= bsf) {
      setF64(out, 2 * count, <f64>start);
      setF64(out, 2 * count + 1, distance);
      count++;
      if (keep > 0) {
        kept = keepBest(best, keep, kept, distance);
        if (kept == keep) bsf = min(bsf, getF64(best, 0) * tighten);
      }
    }
  }
  p.kept = kept;
  const counters = p.stats;
  setI32(counters, 0, getI32(counters, 0) + prunedByKim);
  setI32(counters, 1, getI32(counters, 1) + prunedByKeoghQuery);
  setI32(counters, 2, getI32(counters, 2) + prunedByKeoghData);
  setI32(counters, 3, getI32(counters, 3) + dtwComputed);
  return count;
}
