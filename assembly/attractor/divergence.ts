import { getI32, setF64 } from '../memory';

// Rosenstein, Collins & De Luca (1993): every reference point i has a nearest
// neighbour j (found outside the Theiler window); follow both for k steps and
// average ln ||x(i + k) - x(j + k)|| over all pairs. The mean log divergence
// grows like lambda * k until it saturates at the size of the attractor.
//
// A logarithm per pair and step would be the slow part, so the sum of logs is
// kept as the log of a product: a product of mantissas in [1, 2) and a separate
// sum of binary exponents, which never overflows. One real logarithm per step.
//
// Each step's product is one chain of dependent multiplications, pair after
// pair in the order of i, so the kernel follows STEPS steps at once, two per
// SIMD vector: the chains run side by side and every chain still multiplies its
// own pairs in the order of i, so its bits are those of one step at a time. The
// points are read column by column (coordinate c of point p at
// data[c * stride + p]: a delay embedding is its series with stride = delay),
// so the coordinates of x(i + k) for consecutive steps k are consecutive.

const MANTISSA_BITS: u64 = 0x000FFFFFFFFFFFFF;
const EXPONENT_ONE: u64 = 0x3FF0000000000000;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;

/** Steps followed at once: four chains, in two f64x2 vectors. */
const STEPS = 4;

@inline function exponentOf(x: f64): i64 {
  return <i64>(reinterpret<u64>(x) >> 52) - 1023;
}

@inline function mantissaOf(x: f64): f64 {
  return reinterpret<f64>((reinterpret<u64>(x) & MANTISSA_BITS) | EXPONENT_ONE);
}

@inline function exponentsOf(x: v128): v128 {
  return i64x2.sub(i64x2.shr_u(x, 52), i64x2.splat(1023));
}

@inline function mantissasOf(x: v128): v128 {
  return v128.or(v128.and(x, i64x2.splat(MANTISSA_BITS)), i64x2.splat(EXPONENT_ONE));
}

/** Mantissas in [1, 2) multiply this many times (a power of two) before the product could overflow: renormalise then. */
const RENORMALISE_EVERY: i32 = 512;

/** Pairs a chain that has counted `counted` may count before it is due to renormalise. */
@inline function pairsUntilDue(counted: i64): i32 {
  return RENORMALISE_EVERY - (<i32>counted & (RENORMALISE_EVERY - 1));
}

/** Squared distance between points p and q at the column layout's f64 addresses (coordinate c a column further). */
@inline function columnDistance(p: usize, q: usize, dim: i32, columnBytes: usize): f64 {
  let d2: f64 = 0;
  for (let c = 0; c < dim; c++) {
    const d = load<f64>(p) - load<f64>(q);
    d2 += d * d;
    p += columnBytes;
    q += columnBytes;
  }
  return d2;
}

/** ln of a product of mantissas times 2^exponent, halved and averaged over `counted` pairs: the mean ln(distance). */
@inline function meanLogDistance(product: f64, exponent: i64, counted: i64): f64 {
  const sumLogD2 = Math.log(product) + <f64>exponent * Math.LN2;
  return counted > 0 ? 0.5 * sumLogD2 / <f64>counted : NaN;
}

/** One step k, one pair at a time (the steps left over after the vectors). */
function followStep(
  data: usize, columnBytes: usize, dim: i32, references: i32, neighbour: usize, k: i32,
  divergence: usize, pairCount: usize,
): void {
  let product: f64 = 1;
  let exponent: i64 = 0;
  let counted: i32 = 0;
  for (let i = 0; i < references; i++) {
    const j = getI32(neighbour, i);
    if (j < 0) continue;
    const d2 = columnDistance(data + (<usize>(i + k) << 3), data + (<usize>(j + k) << 3), dim, columnBytes);
    if (d2 < MIN_NORMAL) continue;
    product *= mantissaOf(d2);
    exponent += exponentOf(d2);
    counted++;
    if ((counted & (RENORMALISE_EVERY - 1)) == 0) {
      exponent += exponentOf(product);
      product = mantissaOf(product);
    }
  }
  setF64(divergence, k, meanLogDistance(product, exponent, counted));
  setF64(pairCount, k, counted);
}

/**
 * Multiplies the mantissas of the valid lanes of d2 into `product` (a lane of
 * 1.0 leaves a product's bits as they are) and adds their exponents; `valid`
 * is all ones in a lane whose distance counts.
 */
@inline function mantissasIn(product: v128, d2: v128, valid: v128): v128 {
  return f64x2.mul(product, v128.bitselect(mantissasOf(d2), f64x2.splat(1), valid));
}

/**
 * Mean log divergence for steps k = 0 .. horizon - 1 of the `references` pairs
 * (i, neighbour[i]), i < references (neighbour -1: no pair). The points have
 * `dim` coordinates, coordinate c of point p at data[c * stride + p], for
 * p < references + horizon - 1. Pairs at distance 0 (or below the smallest
 * normal f64 squared) are left out of the mean. Writes the mean of
 * ln(distance) to divergence[k] (NaN when no pair counted) and the number of
 * pairs to pairCount[k].
 */
export function rosensteinDivergence(
  data: usize, stride: i32, dim: i32, references: i32, neighbour: usize, horizon: i32,
  divergence: usize, pairCount: usize,
): void {
  const columnBytes = <usize>stride << 3;
  const vectorSteps = horizon - horizon % STEPS;
  const tiny = f64x2.splat(MIN_NORMAL);
  const remainder = i64x2.splat(RENORMALISE_EVERY - 1);
  const zero = i64x2.splat(0);
  const bias = i64x2.splat(1023);
  for (let k = 0; k < vectorSteps; k += STEPS) {
    // Chains k, k + 1 in the first vector, k + 2, k + 3 in the second: product, exponent sum, pairs counted.
    let productLow = f64x2.splat(1);
    let productHigh = f64x2.splat(1);
    let exponentLow = i64x2.splat(0);
    let exponentHigh = i64x2.splat(0);
    let countedLow = i64x2.splat(0);
    let countedHigh = i64x2.splat(0);
    let untilDue: i32 = RENORMALISE_EVERY; // pairs that every chain may still count before one of them is due
    for (let i = 0; i < references; i++) {
      const j = getI32(neighbour, i);
      if (j < 0) continue;
      let a = data + (<usize>(i + k) << 3);
      let b = data + (<usize>(j + k) << 3);
      let low = f64x2.sub(v128.load(a), v128.load(b));
      let high = f64x2.sub(v128.load(a, 16), v128.load(b, 16));
      let d2Low = f64x2.mul(low, low);
      let d2High = f64x2.mul(high, high);
      for (let c = 1; c < dim; c++) {
        a += columnBytes;
        b += columnBytes;
        low = f64x2.sub(v128.load(a), v128.load(b));
        high = f64x2.sub(v128.load(a, 16), v128.load(b, 16));
        d2Low = f64x2.add(d2Low, f64x2.mul(low, low));
        d2High = f64x2.add(d2High, f64x2.mul(high, high));
      }
      const validLow = f64x2.ge(d2Low, tiny);
      const validHigh = f64x2.ge(d2High, tiny);
      // Exponents are summed with their bias (1023 per pair counted, taken off at the end).
      if (i64x2.all_true(v128.and(validLow, validHigh))) {
        // Every chain counts this pair (the usual case): no masks, and no renormalisation
        // before the first chain's count reaches a multiple of RENORMALISE_EVERY.
        productLow = f64x2.mul(productLow, mantissasOf(d2Low));
        productHigh = f64x2.mul(productHigh, mantissasOf(d2High));
        exponentLow = i64x2.add(exponentLow, i64x2.shr_u(d2Low, 52));
        exponentHigh = i64x2.add(exponentHigh, i64x2.shr_u(d2High, 52));
        countedLow = i64x2.sub(countedLow, validLow); // a valid lane is -1
        countedHigh = i64x2.sub(countedHigh, validHigh);
        if (--untilDue > 0) continue;
      } else {
        productLow = mantissasIn(productLow, d2Low, validLow);
        productHigh = mantissasIn(productHigh, d2High, validHigh);
        exponentLow = i64x2.add(exponentLow, v128.and(i64x2.shr_u(d2Low, 52), validLow));
        exponentHigh = i64x2.add(exponentHigh, v128.and(i64x2.shr_u(d2High, 52), validHigh));
        countedLow = i64x2.sub(countedLow, validLow);
        countedHigh = i64x2.sub(countedHigh, validHigh);
      }
      // A chain renormalises when its count reaches a multiple of RENORMALISE_EVERY (exact: a
      // product is its mantissa times a power of two), in the same places as one step at a time.
      const dueLow = v128.and(validLow, i64x2.eq(v128.and(countedLow, remainder), zero));
      const dueHigh = v128.and(validHigh, i64x2.eq(v128.and(countedHigh, remainder), zero));
      exponentLow = i64x2.add(exponentLow, v128.and(exponentsOf(productLow), dueLow));
      exponentHigh = i64x2.add(exponentHigh, v128.and(exponentsOf(productHigh), dueHigh));
      productLow = v128.bitselect(mantissasOf(productLow), productLow, dueLow);
      productHigh = v128.bitselect(mantissasOf(productHigh), productHigh, dueHigh);
      untilDue = min(
        min(pairsUntilDue(i64x2.extract_lane(countedLow, 0)), pairsUntilDue(i64x2.extract_lane(countedLow, 1))),
        min(pairsUntilDue(i64x2.extract_lane(countedHigh, 0)), pairsUntilDue(i64x2.extract_lane(countedHigh, 1))),
      );
    }
    exponentLow = i64x2.sub(exponentLow, i64x2.mul(countedLow, bias));
    exponentHigh = i64x2.sub(exponentHigh, i64x2.mul(countedHigh, bias));
    setF64(divergence, k, meanLogDistance(f64x2.extract_lane(productLow, 0), i64x2.extract_lane(exponentLow, 0), i64x2.extract_lane(countedLow, 0)));
    setF64(divergence, k + 1, meanLogDistance(f64x2.extract_lane(productLow, 1), i64x2.extract_lane(exponentLow, 1), i64x2.extract_lane(countedLow, 1)));
    setF64(divergence, k + 2, meanLogDistance(f64x2.extract_lane(productHigh, 0), i64x2.extract_lane(exponentHigh, 0), i64x2.extract_lane(countedHigh, 0)));
    setF64(divergence, k + 3, meanLogDistance(f64x2.extract_lane(productHigh, 1), i64x2.extract_lane(exponentHigh, 1), i64x2.extract_lane(countedHigh, 1)));
    setF64(pairCount, k, <f64>i64x2.extract_lane(countedLow, 0));
    setF64(pairCount, k + 1, <f64>i64x2.extract_lane(countedLow, 1));
    setF64(pairCount, k + 2, <f64>i64x2.extract_lane(countedHigh, 0));
    setF64(pairCount, k + 3, <f64>i64x2.extract_lane(countedHigh, 1));
  }
  for (let k = vectorSteps; k < horizon; k++) followStep(data, columnBytes, dim, references, neighbour, k, divergence, pairCount);
}
