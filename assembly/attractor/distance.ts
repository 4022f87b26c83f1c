// Squared Euclidean distance of two points of `dim` f64 coordinates, summed
// over c = 0 .. dim - 1 in order (so the same bits as the plain loop); written
// out for the first three coordinates, where the loop's own instructions would
// cost as much as the arithmetic (every attractor kernel spends its time here).
@inline export function squaredDistance(a: usize, b: usize, dim: i32): f64 {
  const d0 = load<f64>(a) - load<f64>(b);
  let d2 = d0 * d0;
  if (dim == 1) return d2;
  const d1 = load<f64>(a, 8) - load<f64>(b, 8);
  d2 += d1 * d1;
  if (dim == 2) return d2;
  const dTwo = load<f64>(a, 16) - load<f64>(b, 16);
  d2 += dTwo * dTwo;
  for (let c = 3; c < dim; c++) {
    const d = load<f64>(a + (<usize>c << 3)) - load<f64>(b + (<usize>c << 3));
    d2 += d * d;
  }
  return d2;
}
