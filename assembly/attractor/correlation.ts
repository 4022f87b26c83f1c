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

export const SUB_BITS: i32 = 2;

/**
 * Adds pair counts to hist[0, binCount): hist[0] gets pairs with key <= firstKey
 * (distance 0 included), hist[b] pairs with key == firstKey + b; pairs with a
 * larger key than firstKey + binCount - 1 are only counted in the returned total.
 * Reference points are refs[0, refCount). With `upperTriangle` each reference i
 * is paired with j > i + theiler (refs must then be 0 .. count - 1, every pair
 * once); otherwise with every j where |i - j| > theiler.
 * Returns the number of pairs considered.
 */
export function correlationHistogram(
  points: usize, count: i32, dim: i32, refs: usize, refCount: i32, upperTriangle: bool,
  theiler: i32, firstKey: i32, binCount: i32, hist: usize,
): f64 {
  let total: f64 = 0;
  const lastBin = binCount - 1;
  for (let r = 0; r < refCount; r++) {
    const i = getI32(refs, r);
    const a = points + (<usize>(i * dim) << 3);
    const from = upperTriangle ? i + theiler + 1 : 0;
    for (let j = from; j < count; j++) {
      if (abs(i - j) <= theiler) continue;
      const b = points + (<usize>(j * dim) << 3);
      let d2: f64 = 0;
      for (let c = 0; c < dim; c++) {
        const d = load<f64>(a + (<usize>c << 3)) - load<f64>(b + (<usize>c << 3));
        d2 += d * d;
      }
      total += 1;
      const bin = <i32>(reinterpret<u64>(d2) >> (52 - SUB_BITS)) - firstKey;
      if (bin > lastBin) continue;
      const at = max(bin, 0);
      setF64(hist, at, getF64(hist, at) + 1);
    }
  }
  return total;
}
