// The query side of a search, prepared once: the (normalised) pattern, its
// envelope, and the order in which LB_Keogh visits its points.
import { f64View, i32View, type Scratch } from '../memory';

export interface PreparedQuery {
  query: number;
  upper: number;
  lower: number;
  order: number;
}

/** z-normalised copy (population standard deviation); a flat input becomes all zeros. */
export function zNormalize(values: Float64Array): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] - mean) ** 2;
  const sd = Math.sqrt(variance / n);
  const out = new Float64Array(n);
  if (sd > 1e-10) for (let i = 0; i < n; i++) out[i] = (values[i] - mean) / sd;
  return out;
}

export function prepareQuery(s: Scratch, pattern: Float64Array, r: number, normalize: boolean): PreparedQuery {
  const q = normalize ? zNormalize(pattern) : pattern;
  const m = q.length;
  let mean = 0;
  for (let i = 0; i < m; i++) mean += q[i];
  mean /= m;
  // Points far from the mean are the likeliest to push LB_Keogh past the threshold.
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => Math.abs(q[j] - mean) - Math.abs(q[i] - mean));
  const query = s.f64(q);
  const upper = s.f64(m);
  const lower = s.f64(m);
  const deque = s.i32(2 * (m + 1));
  const orderPtr = s.i32(order);
  s.kernels.envelope(query, m, r, upper, lower, deque);
  return { query, upper, lower, order: orderPtr };
}

export { f64View, i32View };
