// The window of steps a bounded operator looks at from each step i:
// future operators (F, G, U) look at the steps j >= i with lo <= d(i, j) <= hi,
// past operators (O, H, S) at the steps j <= i with lo <= d(j, i) <= hi, where
// d is the number of steps between them or, with timestamps, the time between
// them. Unbounded operators have the bounds [0, Infinity]. Windows are cut at
// the ends of the trace, so one may be empty (first > last).
import type { Bounds } from './ast';

/** Index arrays: the window of step i is [first[i], last[i]], empty when first[i] > last[i]. */
export interface Windows {
  first: Int32Array;
  last: Int32Array;
}

/**
 * The windows of every step, in O(n) whatever the bounds: with timestamps both
 * ends move forward monotonically (timestamps do not decrease), so two
 * pointers sweep the trace once.
 */
export function windows(bounds: Bounds, direction: 'future' | 'past', n: number, times: Float64Array | null): Windows {
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  const { lo, hi } = bounds;
  if (times === null) {
    // Distances are whole steps: near = ceil(lo) to far = floor(hi) steps away.
    const near = Math.ceil(lo);
    const far = hi === Infinity ? n : Math.floor(hi);
    if (direction === 'future') {
      fillShifted(first, near, 0, n);
      fillShifted(last, far, 0, n - 1);
    } else {
      fillShifted(first, -far, 0, n - 1);
      fillShifted(last, -near, -1, n - 1);
    }
    return { first, last };
  }
  let a = 0;
  let b = -1;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (direction === 'future') {
      if (a < i) a = i;
      while (a < n && times[a] - t < lo) a++;
      if (b < i - 1) b = i - 1;
      while (b + 1 < n && times[b + 1] - t <= hi) b++;
    } else {
      while (a <= i && t - times[a] > hi) a++;
      while (b + 1 <= i && t - times[b + 1] >= lo) b++;
    }
    first[i] = a;
    last[i] = b;
  }
  return { first, last };
}

/** out[i] = i + shift clamped to [min, max], in three runs without a comparison per element. */
function fillShifted(out: Int32Array, shift: number, min: number, max: number): void {
  const n = out.length;
  const start = Math.min(n, Math.max(0, min - shift)); // i < start: below min
  const end = Math.min(n, Math.max(start, max - shift + 1)); // i >= end: above max
  out.fill(min, 0, start);
  for (let i = start; i < end; i++) out[i] = i + shift;
  out.fill(max, end);
}

/** next[j] = the first k >= j with values[k] === want, or n when there is none (length n + 1). */
export function nextIndex(values: Uint8Array, want: 0 | 1): Int32Array {
  const n = values.length;
  const next = new Int32Array(n + 1);
  next[n] = n;
  for (let j = n - 1; j >= 0; j--) next[j] = values[j] === want ? j : next[j + 1];
  return next;
}

/** previous[j] = the last k <= j with values[k] === want, or -1 when there is none. */
export function previousIndex(values: Uint8Array, want: 0 | 1): Int32Array {
  const n = values.length;
  const previous = new Int32Array(n);
  let last = -1;
  for (let j = 0; j < n; j++) {
    if (values[j] === want) last = j;
    previous[j] = last;
  }
  return previous;
}
