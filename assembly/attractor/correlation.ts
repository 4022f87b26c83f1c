import { getF64, getI32, setF64 } from '../memory';

// Grassberger & Procaccia (1983): the correlation sum C(r) is the fraction of
// pairs of points closer than r; for small r, C(r) ~ r^D2.
//
// Pairs are counted into a histogram of squared distances whose bin edges are
// read straight from the f64 bits: the exponent and the top SUB_BITS mantissa
// bits of r^2. So the radii step by factors of about 2^(1/8) and finding a pair's
// bin costs one shift instead of a logarithm or a search. Bin edges are exact:
// key(r^2) = bits(r^2) >> (52 - SUB_BITS), and a pair lies below the edge of key
// e exactly when its key is < e.
//
// Speed: the points are read column by column (coordinate c of point j at
// data[c * stride + j]: a delay embedding is its series with stride = delay), so
// consecutive partners of a reference share SIMD vectors (eight per step); every
// pair's squared distance is still the sum over c = 0 .. dim - 1 in order, the
// same bits as one at a time. Consecutive partners mostly fall into the same
// bin, so the eight partners of a step count into eight interleaved integer
// histograms (no chain of dependent read-modify-writes through one address),
// added up only when their counts could otherwise overflow.

export const SUB_BITS: i32 = 2;

/** Most histogram bins a call may ask for. */
const MAX_BINS: i32 = 256;
const COPIES: i32 = 8;
/**
 * COPIES integer histograms of MAX_BINS + 1 counts (the last one: beyond the top
 * bin, not kept), interleaved: the count of bin b in copy k is at (b * COPIES + k) * 4.
 */
const COUNTS: usize = memory.data(COPIES * (MAX_BINS + 1) * 4); // the overflow bin is never read (and may wrap)

@inline function binOf(d2bits: i64, firstKey: i32, overflow: i32): i32 {
  const bin = <i32>(<u64>d2bits >> (52 - SUB_BITS)) - firstKey;
  return min(max(bin, 0), overflow);
}

@inline function countAt(offset: i32): void {
  const at = COUNTS + <usize>offset;
  store<i32>(at, load<i32>(at) + 1);
}

/** Counts the four squared distances of two f64x2 lanes, one per histogram copy (copyOffsets: the copies' byte offsets). */
@inline function countFour(near: v128, far: v128, first: v128, zero: v128, last: v128, copyOffsets: v128): void {
  // The four keys (bits 63..50 of each d2, below 2^14) side by side, then their counts' byte offsets.
  const keys = i8x16.shuffle(
    i64x2.shr_u(near, 52 - SUB_BITS), i64x2.shr_u(far, 52 - SUB_BITS),
    0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27,
  );
  const bins = i32x4.min_s(i32x4.max_s(i32x4.sub(keys, first), zero), last);
  const offsets = i32x4.add(i32x4.shl(bins, 5), copyOffsets);
  countAt(i32x4.extract_lane(offsets, 0));
  countAt(i32x4.extract_lane(offsets, 1));
  countAt(i32x4.extract_lane(offsets, 2));
  countAt(i32x4.extract_lane(offsets, 3));
}

/** Counts the pairs (i, j), j in [from, to), into the integer histograms. */
function countRange(data: usize, stride: i32, dim: i32, i: i32, from: i32, to: i32, firstKey: i32, overflow: i32): void {
  const rowStride = <usize>stride << 3;
  const first = i32x4.splat(firstKey);
  const zero = i32x4.splat(0);
  const last = i32x4.splat(overflow);
  const firstCopies = i32x4(0, 4, 8, 12); // byte offsets of copies 0-3 within a bin's COPIES counts
  const lastCopies = i32x4(16, 20, 24, 28);
  let j = from;
  for (; j + 7 < to; j += 8) {
    // d2 of partners j .. j + 7, two per lane; the first coordinate's square starts each sum (0 + x = x).
    let column = data;
    let a = v128.load64_splat(column + (<usize>i << 3));
    let at = column + (<usize>j << 3);
    let d0 = f64x2.sub(a, v128.load(at));
    let d1 = f64x2.sub(a, v128.load(at, 16));
    let d2 = f64x2.sub(a, v128.load(at, 32));
    let d3 = f64x2.sub(a, v128.load(at, 48));
    let s0 = f64x2.mul(d0, d0);
    let s1 = f64x2.mul(d1, d1);
    let s2 = f64x2.mul(d2, d2);
    let s3 = f64x2.mul(d3, d3);
    for (let c = 1; c < dim; c++) {
      column += rowStride;
      a = v128.load64_splat(column + (<usize>i << 3));
      at = column + (<usize>j << 3);
      d0 = f64x2.sub(a, v128.load(at));
      d1 = f64x2.sub(a, v128.load(at, 16));
      d2 = f64x2.sub(a, v128.load(at, 32));
      d3 = f64x2.sub(a, v128.load(at, 48));
      s0 = f64x2.add(s0, f64x2.mul(d0, d0));
      s1 = f64x2.add(s1, f64x2.mul(d1, d1));
      s2 = f64x2.add(s2, f64x2.mul(d2, d2));
      s3 = f64x2.add(s3, f64x2.mul(d3, d3));
    }
    countFour(s0, s1, first, zero, last, firstCopies);
    countFour(s2, s3, first, zero, last, lastCopies);
  }
  for (; j < to; j++) {
    let d2: f64 = 0;
    let column = data;
    for (let c = 0; c < dim; c++) {
      const d = load<f64>(column + (<usize>i << 3)) - load<f64>(column + (<usize>j << 3));
      d2 += d * d;
      column += rowStride;
    }
    countAt(binOf(reinterpret<i64>(d2), firstKey, overflow) << 5);
  }
}

/** Adds the copies' counts of bins [0, binCount) to hist and clears them. */
function collect(binCount: i32, hist: usize): void {
  for (let b = 0; b < binCount; b++) {
    let sum: i32 = 0;
    for (let copy = 0; copy < COPIES; copy++) {
      const at = COUNTS + ((<usize>(b * COPIES + copy)) << 2);
      sum += load<i32>(at);
      store<i32>(at, 0);
    }
    setF64(hist, b, getF64(hist, b) + <f64>sum);
  }
}

/**
 * Adds pair counts to hist[0, binCount) (binCount <= 256): hist[0] gets pairs
 * with key <= firstKey (distance 0 included), hist[b] pairs with key ==
 * firstKey + b; pairs with a larger key than firstKey + binCount - 1 are only
 * counted in the returned total. The `count` points have `dim` coordinates,
 * coordinate c of point j at data[c * stride + j]. Reference points are
 * refs[0, refCount). With `upperTriangle` each reference i is paired with
 * j > i + theiler (refs must then be 0 .. count - 1, every pair once);
 * otherwise with every j where |i - j| > theiler.
 * Returns the number of pairs considered.
 */
export function correlationHistogram(
  data: usize, count: i32, dim: i32, stride: i32, refs: usize, refCount: i32, upperTriangle: bool,
  theiler: i32, firstKey: i32, binCount: i32, hist: usize,
): f64 {
  let total: f64 = 0;
  let uncollected: f64 = 0; // pairs counted since the copies were last added up
  memory.fill(COUNTS, 0, <usize>(COPIES * (MAX_BINS + 1)) << 2);
  for (let r = 0; r < refCount; r++) {
    const i = getI32(refs, r);
    // Partners outside the Theiler window: [0, i - theiler) and (i + theiler, count).
    const before = upperTriangle ? 0 : max(0, i - theiler);
    const after = min(count, i + theiler + 1);
    if (uncollected + <f64>count > <f64>i32.MAX_VALUE) {
      collect(binCount, hist);
      uncollected = 0;
    }
    countRange(data, stride, dim, i, 0, before, firstKey, binCount);
    countRange(data, stride, dim, i, after, count, firstKey, binCount);
    const pairs = <f64>(before + max(0, count - after));
    total += pairs;
    uncollected += pairs;
  }
  collect(binCount, hist);
  return total;
}
