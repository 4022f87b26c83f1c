// Dispatch-latency statistics in bounded memory.
//
// A log-linear histogram (the HDR-histogram idea): values are counted in units of
// 1e-6 clock units (nanoseconds for a millisecond clock); below 64 units every value
// has its own bucket, above that each power of two is split into 32 buckets. Why a
// histogram and not a reservoir sample: recording is O(1) with no allocation (it runs
// once per task on the hot path), memory is fixed (1,568 counters, about 12 KB),
// percentiles cover every task ever run rather than a sample of them, and the error
// is bounded: a reported percentile is the middle of its bucket, within 1/64 (1.6%)
// of the true value. max and mean are tracked exactly.

import type { LatencyStats } from './types';

const SUB_BUCKET_BITS = 5;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS; // 32 buckets per power of two
const EXACT_LIMIT = 2 * SUB_BUCKETS; // values below 64 units are counted exactly
const FIRST_EXPONENT = 6; // log2(EXACT_LIMIT)
const MAX_EXPONENT = 52; // values are capped at 2^53 units
const BUCKET_COUNT = EXACT_LIMIT + (MAX_EXPONENT - FIRST_EXPONENT + 1) * SUB_BUCKETS;
const UNITS_PER_CLOCK_UNIT = 1e6;
const MAX_UNITS = 2 ** 53 - 1;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private count = 0;
  private sum = 0;
  private max = 0;

  /** Records one latency, in clock units. Negative values (a clock that went back) count as 0. */
  record(latency: number): void {
    const value = latency > 0 ? latency : 0;
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    this.counts[bucketOf(value * UNITS_PER_CLOCK_UNIT)]++;
  }

  /** Value at quantile q (0 < q <= 1), in clock units. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let index = 0; index < BUCKET_COUNT; index++) {
      seen += this.counts[index];
      if (seen >= rank) return Math.min(bucketMiddle(index) / UNITS_PER_CLOCK_UNIT, this.max);
    }
    return this.max;
  }

  summary(): LatencyStats {
    return {
      count: this.count,
      p50: this.quantile(0.5),
      p99: this.quantile(0.99),
      max: this.max,
      mean: this.count === 0 ? 0 : this.sum / this.count,
    };
  }
}

function bucketOf(units: number): number {
  if (units < EXACT_LIMIT) return units | 0;
  if (units < 2 ** 31) {
    // The common case, in integer arithmetic: clz32 gives the power of two, a shift the sub-bucket.
    const value = units | 0;
    const exponent = 31 - Math.clz32(value);
    return EXACT_LIMIT + (exponent - FIRST_EXPONENT) * SUB_BUCKETS + ((value >>> (exponent - SUB_BUCKET_BITS)) - SUB_BUCKETS);
  }
  const value = units < MAX_UNITS ? Math.floor(units) : MAX_UNITS;
  let exponent = Math.floor(Math.log2(value));
  if (2 ** exponent > value) exponent--; // guard against log2 rounding
  else if (2 ** (exponent + 1) <= value) exponent++;
  const subBucket = Math.floor(value / 2 ** (exponent - SUB_BUCKET_BITS)) - SUB_BUCKETS;
  return EXACT_LIMIT + (exponent - FIRST_EXPONENT) * SUB_BUCKETS + subBucket;
}

function bucketMiddle(index: number): number {
  if (index < EXACT_LIMIT) return index;
  const offset = index - EXACT_LIMIT;
  const exponent = FIRST_EXPONENT + (offset >> SUB_BUCKET_BITS);
  const width = 2 ** (exponent - SUB_BUCKET_BITS);
  return (SUB_BUCKETS + (offset & (SUB_BUCKETS - 1))) * width + width / 2;
}
