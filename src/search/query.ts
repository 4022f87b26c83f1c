// The query side of a search, prepared once: the (normalised) pattern, its
// envelope, and the order in which LB_Keogh visits its points.
import { f64View, i32View, type Scratch } from '../memory';

export interface PreparedQuery {
  query: number;
  upper: number;
  lower: number;
  order: number;
}

export function prepareQuery(s: Scratch, pattern: Float64Array, r: number, normalize: boolean): PreparedQuery {
  const m = pattern.length;
  const query = s.f64(pattern);
  // The same statistics and flat rule as every window of the scan gets.
  if (normalize) s.kernels.zNormalize(query, m, query);
  const upper = s.f64(m);
  const lower = s.f64(m);
  const deque = s.i32(2 * (m + 1));
  const orderPtr = s.i32(m);
  const q = f64View(query, m); // after the last allocation: growing memory detaches views
  let mean = 0;
  for (let i = 0; i < m; i++) mean += q[i];
  mean /= m;
  // Points far from the mean are the likeliest to push LB_Keogh past the threshold.
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => Math.abs(q[j] - mean) - Math.abs(q[i] - mean));
  i32View(orderPtr, m).set(order);
  s.kernels.envelope(query, m, r, upper, lower, deque);
  return { query, upper, lower, order: orderPtr };
}
