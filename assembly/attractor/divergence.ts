import { getF64, getI32, setF64 } from '../memory';

// Rosenstein, Collins & De Luca (1993): every reference point i has a nearest
// neighbour j (found outside the Theiler window); follow both for k steps and
// average ln ||x(i + k) - x(j + k)|| over all pairs. The mean log divergence
// grows like lambda * k until it saturates at the size of the attractor.
//
// A logarithm per pair and step is the slow part, so the sum of logs is kept as
// the log of a product: a mantissa in [1, 2) and a separate binary exponent,
// which never overflows. One real logarithm per step at the end.

const MANTISSA_BITS: u64 = 0x000FFFFFFFFFFFFF;
const EXPONENT_ONE: u64 = 0x3FF0000000000000;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;

@inline function exponentOf(x: f64): i64 {
  return <i64>(reinterpret<u64>(x) >> 52) - 1023;
}

@inline function mantissaOf(x: f64): f64 {
  return reinterpret<f64>((reinterpret<u64>(x) & MANTISSA_BITS) | EXPONENT_ONE);
}

/**
 * Mean log divergence for steps k = 0 .. horizon - 1 of the `references` pairs
 * (i, neighbour[i]), i < references; points has at least references + horizon - 1
 * rows of `dim` coordinates. Pairs at distance 0 (or below the smallest normal
 * f64 squared) are left out of the mean. `work` holds 3 * horizon f64s.
 * Writes the mean of ln(distance) to divergence[k] (NaN when no pair counted)
 * and the number of pairs to pairCount[k].
 */
export function rosensteinDivergence(
  points: usize, dim: i32, references: i32, neighbour: usize, horizon: i32,
  work: usize, divergence: usize, pairCount: usize,
): void {
  const mantissa = work;
  const exponent = work + (<usize>horizon << 3);
  const counted = work + (<usize>horizon << 4);
  for (let k = 0; k < horizon; k++) {
    setF64(mantissa, k, 1);
    setF64(exponent, k, 0);
    setF64(counted, k, 0);
  }
  for (let i = 0; i < references; i++) {
    const j = getI32(neighbour, i);
    if (j < 0) continue;
    let a = points + (<usize>(i * dim) << 3);
    let b = points + (<usize>(j * dim) << 3);
    for (let k = 0; k < horizon; k++) {
      let d2: f64 = 0;
      for (let c = 0; c < dim; c++) {
        const d = load<f64>(a + (<usize>c << 3)) - load<f64>(b + (<usize>c << 3));
        d2 += d * d;
      }
      a += <usize>dim << 3;
      b += <usize>dim << 3;
      if (d2 < MIN_NORMAL) continue;
      const product = getF64(mantissa, k) * mantissaOf(d2); // in [1, 4)
      setF64(mantissa, k, mantissaOf(product));
      setF64(exponent, k, getF64(exponent, k) + <f64>(exponentOf(d2) + exponentOf(product)));
      setF64(counted, k, getF64(counted, k) + 1);
    }
  }
  for (let k = 0; k < horizon; k++) {
    const n = getF64(counted, k);
    const sumLogD2 = Math.log(getF64(mantissa, k)) + getF64(exponent, k) * Math.LN2;
    setF64(divergence, k, n > 0 ? 0.5 * sumLogD2 / n : NaN);
    setF64(pairCount, k, n);
  }
}
