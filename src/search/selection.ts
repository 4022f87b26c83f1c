// What a scan keeps: every window within the threshold, or the best `limit`,
// optionally without windows that overlap a better one. Also the running bound
// ("best so far") that lets the scan prune once `limit` good windows are known.
import type { ResolvedSearch } from './options';

export interface Match {
  /** Start of the matching window in the series. */
  index: number;
  /** DTW distance of the window to the pattern. */
  distance: number;
}

const byDistanceThenIndex = (p: Match, q: Match) => p.distance - q.distance || p.index - q.index;

export class MatchSelection {
  private bound: number;
  // Without a limit, or with a limit and exclusion: every window within the bound.
  private candidates: Match[] = [];
  // With a limit and no exclusion: only the best `limit` windows, in a heap.
  private readonly best: KSmallest<Match> | undefined;
  // With exclusion and a limit: the best distance of each block of 2 * gap
  // starts, kept separately for even and odd blocks. Windows in different blocks
  // of one parity are at least 2 * gap apart, so no single match can suppress
  // two of them; k such windows within distance D guarantee k reported matches
  // within D. Windows arrive in increasing index order, so a block is complete
  // once a later one starts; only the k smallest complete bests are kept.
  private readonly blockBests: [KSmallest<number>, KSmallest<number>] | undefined;
  private openBlock = -1;
  private openBest = Infinity;
  // Candidates are filtered by the bound when they have doubled since the last
  // filter: linear in total, however loose the bound stays.
  private filteredAt = 0;

  constructor(private readonly plan: ResolvedSearch) {
    this.bound = plan.threshold;
    const { limit, conflictGap } = plan;
    if (limit === Infinity) return;
    if (conflictGap === 0) this.best = new KSmallest(limit, byDistanceThenIndex);
    else this.blockBests = [new KSmallest(limit, byValue), new KSmallest(limit, byValue)];
  }

  /** Windows with a larger DTW cannot change the result. */
  get bestSoFar(): number {
    return this.bound;
  }

  /** k when the bound is the k-th best distance recorded (limit, no exclusion), else 0. */
  get boundIsKthBest(): number {
    return this.best ? this.plan.limit : 0;
  }

  get found(): number {
    return this.best ? this.best.size : this.candidates.length;
  }

  /** Records a window; call in increasing index order. */
  add(index: number, distance: number): void {
    if (distance > this.bound) return;
    if (this.best) {
      this.best.offer({ index, distance });
      return;
    }
    this.candidates.push({ index, distance });
    if (!this.blockBests) return;
    const block = Math.floor(index / (2 * this.plan.conflictGap));
    if (block !== this.openBlock) {
      this.closeBlock();
      this.openBlock = block;
    }
    this.openBest = Math.min(this.openBest, distance);
  }

  /** Tightens the bound from what has been found so far (call between scan chunks). */
  refreshBound(): void {
    if (this.best) {
      this.bound = Math.min(this.bound, this.best.largest()?.distance ?? Infinity);
      return;
    }
    if (!this.blockBests) return;
    // The open block may still improve; the complete ones already give a valid bound.
    for (const bests of this.blockBests) this.bound = Math.min(this.bound, bests.largest() ?? Infinity);
    if (this.candidates.length > Math.max(4 * this.plan.limit, 2 * this.filteredAt)) {
      this.candidates = this.candidates.filter((c) => c.distance <= this.bound);
      this.filteredAt = this.candidates.length;
    }
  }

  /** The final matches, sorted by distance, then index. */
  result(): Match[] {
    if (this.best) return this.best.values().sort(byDistanceThenIndex);
    const sorted = this.candidates.filter((c) => c.distance <= this.bound).sort(byDistanceThenIndex);
    const distinct = this.plan.conflictGap > 0 ? suppressOverlaps(sorted, this.plan.conflictGap) : sorted;
    return distinct.length > this.plan.limit ? distinct.slice(0, this.plan.limit) : distinct;
  }

  private closeBlock(): void {
    if (this.openBlock >= 0) this.blockBests![this.openBlock & 1].offer(this.openBest);
    this.openBest = Infinity;
  }
}

const byValue = (p: number, q: number) => p - q;

/** The k smallest values offered (by `order`), in a max-heap: O(log k) per offer. */
class KSmallest<T> {
  private readonly heap: T[] = [];

  constructor(private readonly k: number, private readonly order: (p: T, q: T) => number) {}

  get size(): number {
    return this.heap.length;
  }

  offer(value: T): void {
    const h = this.heap;
    if (h.length < this.k) {
      h.push(value);
      this.siftUp(h.length - 1);
    } else if (this.order(value, h[0]) < 0) {
      h[0] = value;
      this.siftDown(0);
    }
  }

  /** The k-th smallest value, once k have been offered. */
  largest(): T | undefined {
    return this.heap.length === this.k ? this.heap[0] : undefined;
  }

  /** The values kept, in no particular order. */
  values(): T[] {
    return this.heap.slice();
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.order(h[parent], h[i]) >= 0) return;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < h.length && this.order(h[left], h[largest]) > 0) largest = left;
      if (right < h.length && this.order(h[right], h[largest]) > 0) largest = right;
      if (largest === i) return;
      [h[largest], h[i]] = [h[i], h[largest]];
      i = largest;
    }
  }
}

/** Greedy, best first: keep a match unless a kept one starts fewer than `gap` points away. */
export function suppressOverlaps(sorted: Match[], gap: number): Match[] {
  if (gap <= 0) return sorted; // nothing conflicts (and a bucket of width 0 would not end)
  // Kept starts are >= gap apart, so a bucket of width gap holds at most one.
  const kept = new Map<number, number>();
  const out: Match[] = [];
  for (const match of sorted) {
    const bucket = Math.floor(match.index / gap);
    let clash = false;
    for (let b = bucket - 1; b <= bucket + 1 && !clash; b++) {
      const start = kept.get(b);
      clash = start !== undefined && Math.abs(start - match.index) < gap;
    }
    if (clash) continue;
    kept.set(bucket, match.index);
    out.push(match);
  }
  return out;
}
