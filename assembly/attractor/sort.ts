import { getF64, getI32, setI32 } from '../memory';

/**
 * Sorts the indices 0 .. n-1 by keys[index], ascending, equal keys in index
 * order (a stable bottom-up merge sort: the order JavaScript's stable
 * Array.prototype.sort gives with the comparator keys[a] - keys[b]). The result
 * is in `order`; `spare` is n more i32 of work space.
 */
export function sortIndicesByKey(keys: usize, n: i32, order: usize, spare: usize): void {
  for (let i = 0; i < n; i++) setI32(order, i, i);
  let from = order;
  let to = spare;
  for (let width = 1; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += width << 1) {
      const mid = min(lo + width, n);
      const hi = min(lo + (width << 1), n);
      let a = lo;
      let b = mid;
      for (let k = lo; k < hi; k++) {
        // Take from the right run only when its key is strictly smaller: ties keep index order.
        if (b < hi && (a >= mid || getF64(keys, getI32(from, b)) < getF64(keys, getI32(from, a)))) {
          setI32(to, k, getI32(from, b++));
        } else {
          setI32(to, k, getI32(from, a++));
        }
      }
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from != order) memory.copy(order, from, <usize>n << 2);
}
