import { getF64, getI32, setI32 } from '../memory';

// Sorting indices by f64 keys: a least-significant-digit radix sort on the
// keys' bits, eight passes of one byte each (a pass whose byte is the same for
// every key is skipped). Every pass is a stable counting sort, so keys that
// compare equal keep their index order: the order a stable comparison sort
// gives (JavaScript's Array.prototype.sort with keys[a] - keys[b]), without a
// comparison's unpredictable branch per step of a merge.

const DIGITS = 8;
const BUCKETS = 256;
/** One histogram of BUCKETS counts per byte of the keys. */
const HISTOGRAMS: usize = memory.data(DIGITS * BUCKETS * 4);

/** The key's bits, ordered like the values as unsigned integers: -0 as +0, negatives' bits flipped, positives' sign bit set. */
@inline function sortable(x: f64): u64 {
  const bits = x == 0 ? 0 : reinterpret<u64>(x);
  return bits ^ (<u64>(<i64>bits >> 63) | 0x8000000000000000);
}

@inline function bucketOf(key: u64, digit: i32): usize {
  return <usize>((key >> (<u64>digit << 3)) & 0xFF);
}

/**
 * Sorts the indices 0 .. n-1 by keys[index], ascending, equal keys (-0 and +0
 * among them) in index order. The result is in `order`; `spare` is n more i32
 * of work space. Keys must not be NaN.
 */
export function sortIndicesByKey(keys: usize, n: i32, order: usize, spare: usize): void {
  memory.fill(HISTOGRAMS, 0, DIGITS * BUCKETS * 4);
  for (let i = 0; i < n; i++) {
    const key = sortable(getF64(keys, i));
    for (let digit = 0; digit < DIGITS; digit++) {
      const at = HISTOGRAMS + ((<usize>digit * BUCKETS + bucketOf(key, digit)) << 2);
      store<i32>(at, load<i32>(at) + 1);
    }
    setI32(order, i, i);
  }
  let from = order;
  let to = spare;
  for (let digit = 0; digit < DIGITS && n > 0; digit++) {
    const histogram = HISTOGRAMS + ((<usize>digit * BUCKETS) << 2);
    if (load<i32>(histogram + (bucketOf(sortable(getF64(keys, 0)), digit) << 2)) == n) continue; // one byte for all
    let start = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const at = histogram + (<usize>b << 2);
      const count = load<i32>(at);
      store<i32>(at, start);
      start += count;
    }
    for (let k = 0; k < n; k++) {
      const index = getI32(from, k);
      const at = histogram + (bucketOf(sortable(getF64(keys, index)), digit) << 2);
      const position = load<i32>(at);
      store<i32>(at, position + 1);
      setI32(to, position, index);
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from != order) memory.copy(order, from, <usize>n << 2);
}
