import { getI32, setF64 } from '../memory';
import { squaredDistance } from './distance';

// Rosenstein, Collins & De Luca (1993): every reference point i has a nearest
// neighbour j (found outside the Theiler window); follow both for k steps and
// average ln ||x(i + k) - x(j + k)|| over all pairs. The mean log divergence
// grows like lambda * k until it saturates at the size of the attractor.
//
// A logarithm per pair and step would be the slow part, so the sum of logs is
// kept as the log of a product: a product of mantissas in [1, 2) and a separate
// sum of binary exponents, which never overflows. One real logarithm per step.
// Steps are the outer loop so the sums stay in registers; consecutive
// references mostly have consecutive neighbours, so the reads stay local.

const MANTISSA_BITS: u64 = 0x000FFFFFFFFFFFFF;
const EXPONENT_ONE: u64 = 0x3FF0000000000000;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;

@inline function exponentOf(x: f64): i64 {
  return <i64>(reinterpret<u64>(x) >> 52) - 1023;
}

@inline function mantissaOf(x: f64): f64 {
  return reinterpret<f64>((reinterpret<u64>(x) & MANTISSA_BITS) | EXPONENT_ONE);
}

/** Mantissas in [1, 2) multiply this many times (a power of two) before the product could overflow: renormalise then. */
const RENORMALISE_EVERY: i32 = 512;

/**
 * Mean log divergence for steps k = 0 .. horizon - 1 of the `references` pairs
 * (i, neighbour[i]), i < references; points has at least references + horizon - 1
 * rows of `dim` coordinates. Pairs at distance 0 (or below the smallest normal
 * f64 squared) are left out of the mean. Writes the mean of ln(distance) to
 * divergence[k] (NaN when no pair counted) and the number of pairs to pairCount[k].
 */
export function rosensteinDivergence(
  points: usize, dim: i32, references: i32, neighbour: usize, horizon: i32,
  divergence: usize, pairCount: usize,
): void {
  const rowBytes = <usize>dim << 3;
  for (let k = 0; k < horizon; k++) {
    // Sum of ln(d^2) over the pairs = ln(product) + exponent * ln 2.
    let product: f64 = 1;
    let exponent: i64 = 0;
    let counted: i32 = 0;
    const shift = <usize>k * rowBytes;
    for (let i = 0; i < references; i++) {
      const j = getI32(neighbour, i);
      if (j < 0) continue;
      const a = points + <usize>i * rowBytes + shift;
      const b = points + <usize>j * rowBytes + shift;
      const d2 = squaredDistance(a, b, dim);
      if (d2 < MIN_NORMAL) continue;
      product *= mantissaOf(d2);
      exponent += exponentOf(d2);
      counted++;
      if ((counted & (RENORMALISE_EVERY - 1)) == 0) {
        exponent += exponentOf(product);
        product = mantissaOf(product);
      }
    }
    const sumLogD2 = Math.log(product) + <f64>exponent * Math.LN2;
    setF64(divergence, k, counted > 0 ? 0.5 * sumLogD2 / counted : NaN);
    setF64(pairCount, k, counted);
  }
}
