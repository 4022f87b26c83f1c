import { getF64, getI32, minF64, setF64, setI32 } from '../memory';

// Quantitative (robustness) semantics of STL over a sampled signal (Donzé &
// Maler, FORMATS 2010), for the temporal operators, on arrays of n samples:
//   F[a,b] x at i = max x[i+a .. min(i+b, n-1)]   (-inf on an empty window)
//   G[a,b] x at i = min x[i+a .. min(i+b, n-1)]   (+inf on an empty window)
//   x U[a,b] y at i = max over j in the window of min(y[j], min x[i .. j-1])
// Past operators are the same on reversed arrays (the caller reverses).

@inline function maxF64(x: f64, y: f64): f64 {
  return select<f64>(x, y, x > y);
}

/**
 * out[i] = max (or min, when takeMin) of x over [i + lo, min(i + hi, n - 1)],
 * -inf (+inf) when that window is empty, in O(n) with Lemire's monotone deque
 * (`deque`: room for n + 1 i32). Sweeps i from n - 1 down to 0, so both ends of
 * the window move left: index i + lo enters at the back, indices past i + hi
 * leave at the front.
 */
export function windowExtreme(x: usize, n: i32, lo: i32, hi: i32, takeMin: bool, out: usize, deque: usize): void {
  const empty = takeMin ? Infinity : -Infinity;
  let head = 0, tail = 0;
  for (let i = n - 1; i >= 0; i--) {
    const entering = i + lo;
    if (entering < n) {
      const v = getF64(x, entering);
      // Drop the values the new one dominates: it is as good and stays longer.
      if (takeMin) {
        while (tail > head && getF64(x, getI32(deque, tail - 1)) >= v) tail--;
      } else {
        while (tail > head && getF64(x, getI32(deque, tail - 1)) <= v) tail--;
      }
      setI32(deque, tail++, entering);
    }
    while (tail > head && getI32(deque, head) > i + hi) head++;
    setF64(out, i, tail > head ? getF64(x, getI32(deque, head)) : empty);
  }
}

/**
 * Unbounded strong until, by the backward recursion
 *   u[n-1] = y[n-1],  u[i] = max(y[i], min(x[i], u[i+1])).
 */
export function untilUnbounded(x: usize, y: usize, n: i32, out: usize): void {
  let u = -Infinity;
  for (let i = n - 1; i >= 0; i--) {
    u = maxF64(getF64(y, i), minF64(getF64(x, i), u));
    setF64(out, i, u);
  }
}

/**
 * x U[lo,hi] y in O(n), after Donzé, Ferrère & Maler (CAV 2013):
 *   x U[0,c] y    = min(x U y, F[0,c] y)
 *   x U[lo,hi] y  = min(G[0,lo-1] x, (x U[0,hi-lo] y) shifted by lo)
 * (hi >= n means unbounded). Both identities hold exactly for the robustness
 * values, not only for their signs. Scratch: `work` 2n f64, `deque` n + 1 i32.
 */
export function untilBounded(x: usize, y: usize, n: i32, lo: i32, hi: i32, out: usize, work: usize, deque: usize): void {
  const until = work;
  const reach = work + (<usize>n << 3);
  untilUnbounded(x, y, n, until);
  if (hi - lo < n) {
    windowExtreme(y, n, 0, hi - lo, false, reach, deque);
    for (let i = 0; i < n; i++) setF64(until, i, minF64(getF64(until, i), getF64(reach, i)));
  }
  for (let i = 0; i < n; i++) setF64(out, i, i + lo < n ? getF64(until, i + lo) : -Infinity);
  if (lo > 0) {
    windowExtreme(x, n, 0, lo - 1, true, reach, deque);
    for (let i = 0; i < n; i++) setF64(out, i, minF64(getF64(out, i), getF64(reach, i)));
  }
}

/** Reverses n f64 in place (past operators run as future ones on reversed time). */
export function reverseF64(x: usize, n: i32): void {
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const t = getF64(x, i);
    setF64(x, i, getF64(x, j));
    setF64(x, j, t);
  }
}
