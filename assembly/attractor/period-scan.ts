import { getF64 } from '../memory';

/**
 * The smallest period p (1 <= p <= count / 3) with which `count` points of
 * `dim` coordinates repeat themselves, every point within squared distance
 * `tolerance2` of the one p steps later; 0 when there is none.
 */
export function exactPeriod(values: usize, count: i32, dim: i32, tolerance2: f64): i32 {
  for (let p = 1; <f64>p <= <f64>count / 3; p++) {
    let repeats = true;
    for (let i = 0; i + p < count && repeats; i++) {
      let d2: f64 = 0;
      for (let c = 0; c < dim; c++) {
        const d = getF64(values, (i + p) * dim + c) - getF64(values, i * dim + c);
        d2 += d * d;
      }
      repeats = d2 <= tolerance2;
    }
    if (repeats) return p;
  }
  return 0;
}
