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
  // With exclusion and a limit: the best distance per block of 2 * gap starts,
  // for even and odd blocks. Windows in different blocks of one parity are at
  // least 2 * gap apart, so no single match can suppress two of them; k such
  // windows within distance D guarantee k reported matches within D.
  private readonly blockBest: [number[], number[]] = [[], []];

  constructor(private readonly plan: ResolvedSearch) {
    this.bound = plan.threshold;
  }

  /** Windows with a larger DTW cannot change the result. */
  get bestSoFar(): number {
    return this.bound;
  }

  get found(): number {
    return this.candidates.length;
  }

  add(index: number, distance: number): void {
    if (distance > this.bound) return;
    this.candidates.push({ index, distance });
    const { limit, conflictGap } = this.plan;
    if (limit === Infinity) return;
    if (conflictGap === 0) {
      if (this.candidates.length >= 2 * limit) this.truncateToLimit();
    } else {
      const block = Math.floor(index / (2 * conflictGap));
      const best = this.blockBest[block & 1];
      const slot = block >> 1;
      if (!(best[slot] <= distance)) best[slot] = distance;
    }
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
    for (const best of this.blockBest) {
      const distances = best.filter((d) => d !== undefined).sort((a, b) => a - b);
      if (distances.length >= limit) this.bound = Math.min(this.bound, distances[limit - 1]);
    }
    if (this.candidates.length > 4 * limit) this.candidates = this.candidates.filter((c) => c.distance <= this.bound);
  }

  /** The final matches, sorted by distance, then index. */
  result(): Match[] {
    const sorted = this.candidates.filter((c) => c.distance <= this.bound).sort(byDistanceThenIndex);
    const distinct = this.plan.conflictGap > 0 ? suppressOverlaps(sorted, this.plan.conflictGap) : sorted;
    return distinct.length > this.plan.limit ? distinct.slice(0, this.plan.limit) : distinct;
  }

  private truncateToLimit(): void {
    this.candidates.sort(byDistanceThenIndex);
    this.candidates.length = Math.min(this.candidates.length, this.plan.limit);
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
