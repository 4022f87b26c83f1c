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
  private candidates: Match[] = [];
  private bound: number;
  // With exclusion and a limit: the best distance of each block of 2 * gap
  // starts, kept separately for even and odd blocks. Windows in different blocks
  // of one parity are at least 2 * gap apart, so no single match can suppress
  // two of them; k such windows within distance D guarantee k reported matches
  // within D. Windows arrive in increasing index order, so a block is complete
  // once a later one starts; only the k smallest complete bests are kept.
  private readonly blockBests: [SmallestValues, SmallestValues];
  private openBlock = -1;
  private openBest = Infinity;
  // Candidates are filtered by the bound when they have doubled since the last
  // filter: linear in total, however loose the bound stays.
  private filteredAt = 0;

  constructor(private readonly plan: ResolvedSearch) {
    this.bound = plan.threshold;
    const kept = plan.conflictGap > 0 && plan.limit !== Infinity ? plan.limit : 0;
    this.blockBests = [new SmallestValues(kept), new SmallestValues(kept)];
  }

  /** Windows with a larger DTW cannot change the result. */
  get bestSoFar(): number {
    return this.bound;
  }

  get found(): number {
    return this.candidates.length;
  }

  /** Records a window; call in increasing index order. */
  add(index: number, distance: number): void {
    if (distance > this.bound) return;
    this.candidates.push({ index, distance });
    const { limit, conflictGap } = this.plan;
    if (limit === Infinity) return;
    if (conflictGap === 0) {
      if (this.candidates.length >= 2 * limit) this.truncateToLimit();
      return;
    }
    const block = Math.floor(index / (2 * conflictGap));
    if (block !== this.openBlock) {
      this.closeBlock();
      this.openBlock = block;
    }
    this.openBest = Math.min(this.openBest, distance);
  }

  /** Tightens the bound from what has been found so far (call between scan chunks). */
  refreshBound(): void {
    const { limit, conflictGap } = this.plan;
    if (limit === Infinity) return;
    if (conflictGap === 0) {
      if (this.candidates.length >= limit) {
        this.truncateToLimit();
        this.bound = Math.min(this.bound, this.candidates[limit - 1].distance);
      }
      return;
    }
    // The open block may still improve; the complete ones already give a valid bound.
    for (const bests of this.blockBests) this.bound = Math.min(this.bound, bests.kthSmallest());
    if (this.candidates.length > Math.max(4 * limit, 2 * this.filteredAt)) {
      this.candidates = this.candidates.filter((c) => c.distance <= this.bound);
      this.filteredAt = this.candidates.length;
    }
  }

  /** The final matches, sorted by distance, then index. */
  result(): Match[] {
    const sorted = this.candidates.filter((c) => c.distance <= this.bound).sort(byDistanceThenIndex);
    const distinct = this.plan.conflictGap > 0 ? suppressOverlaps(sorted, this.plan.conflictGap) : sorted;
    return distinct.length > this.plan.limit ? distinct.slice(0, this.plan.limit) : distinct;
  }

  private closeBlock(): void {
    if (this.openBlock >= 0) this.blockBests[this.openBlock & 1].add(this.openBest);
    this.openBest = Infinity;
  }

  private truncateToLimit(): void {
    this.candidates.sort(byDistanceThenIndex);
    this.candidates.length = Math.min(this.candidates.length, this.plan.limit);
  }
}

/** The k smallest values seen, in a max-heap: O(log k) per value. */
class SmallestValues {
  private readonly heap: number[] = [];

  constructor(private readonly k: number) {}

  add(value: number): void {
    const h = this.heap;
    if (this.k === 0) return;
    if (h.length < this.k) {
      h.push(value);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (h[parent] >= h[i]) break;
        [h[parent], h[i]] = [h[i], h[parent]];
        i = parent;
      }
    } else if (value < h[0]) {
      h[0] = value;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < h.length && h[left] > h[largest]) largest = left;
        if (right < h.length && h[right] > h[largest]) largest = right;
        if (largest === i) break;
        [h[largest], h[i]] = [h[i], h[largest]];
        i = largest;
      }
    }
  }

  /** The k-th smallest value seen, Infinity while fewer than k have been seen. */
  kthSmallest(): number {
    return this.k > 0 && this.heap.length === this.k ? this.heap[0] : Infinity;
  }
}

/** Greedy, best first: keep a match unless a kept one starts fewer than `gap` points away. */
function suppressOverlaps(sorted: Match[], gap: number): Match[] {
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
