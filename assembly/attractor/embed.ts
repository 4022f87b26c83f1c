import { getF64, setF64 } from '../memory';

/**
 * Delay embedding (Takens 1981): row i of `out` is
 * [x(i), x(i + delay), ..., x(i + (dimension - 1) delay)], for the
 * count = n - (dimension - 1) delay rows that fit. Rows are stored row-major.
 */
export function delayEmbed(series: usize, n: i32, dimension: i32, delay: i32, out: usize): i32 {
  const count = n - (dimension - 1) * delay;
  for (let i = 0; i < count; i++) {
    const row = i * dimension;
    for (let c = 0; c < dimension; c++) setF64(out, row + c, getF64(series, i + c * delay));
  }
  return count;
}
