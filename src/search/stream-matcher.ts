// SPRING: streaming subsequence matching under DTW (Sakurai, Faloutsos &
// Yamamuro, "Stream monitoring under the time warping distance", ICDE 2007).
// One column of the subsequence-DTW matrix per arriving point, O(m) time and
// memory, each cell carrying the stream position where its best alignment
// starts. It reports non-overlapping best matches: a candidate becomes final
// once no alignment still in progress that overlaps it can beat it.
//
// SPRING then discards every cell whose alignment starts inside the reported
// match, which also loses that cell's best alignment starting after it. Here
// the column is recomputed instead from the points after the match (kept in a
// short history), so what follows a report is exactly what a fresh search from
// there would see. Cells above the threshold are dropped (they can never match),
// which keeps that history as short as the alignments still in play.
import { bandRadius, resolveDtwOptions, type DtwCost } from '../dtw-options';
import { checkNumber, checkOptions, toSeries, type NumericSeries } from '../validate';

export interface StreamMatcherOptions {
  /** Report subsequences whose DTW to the pattern is at most this. */
  threshold: number;
  /**
   * Band radius (points, or a fraction in (0, 1) of the pattern length): an
   * alignment may stray at most this far from the diagonal through its start.
   * Enforced on the alignment each cell keeps, as constrained SPRING variants do;
   * without it the matcher is exact.
   */
  window?: number;
  /** |x - y| (default) or (x - y)^2. */
  cost?: DtwCost;
}

export interface StreamMatch {
  /** Stream position (0-based count of points pushed) of the first point of the match. */
  start: number;
  /** Position of the last point, inclusive. */
  end: number;
  distance: number;
}

export class StreamMatcher {
  private readonly pattern: Float64Array;
  private readonly threshold: number;
  private readonly squared: boolean;
  private readonly band: number;
  // Column t-1 and column t of the matrix; index 0 is the star-padding row (0 everywhere).
  private distance: Float64Array;
  private start: Float64Array;
  private nextDistance: Float64Array;
  private nextStart: Float64Array;
  private time = 0;
  // Points from stream position historyStart on, for recomputing after a report.
  private history: number[] = [];
  private historyStart = 0;
  // The best candidate not yet reported.
  private bestDistance = Infinity;
  private bestStart = 0;
  private bestEnd = 0;

  constructor(pattern: NumericSeries, options: StreamMatcherOptions) {
    const where = 'StreamMatcher';
    // Options first (each read once), then the pattern: a getter cannot change checked data.
    const { threshold, window: windowIn, cost } = checkOptions(options, where);
    if (threshold === undefined) throw new TypeError(`${where}: options.threshold is required`);
    this.threshold = checkNumber(threshold, 'options.threshold', where, { min: 0 });
    const { squared, window } = resolveDtwOptions({ window: windowIn, cost }, where);
    this.pattern = toSeries(pattern, 'pattern', where).slice();
    const m = this.pattern.length;
    this.squared = squared;
    this.band = window === undefined ? Infinity : bandRadius(window, m, m, where);
    this.distance = new Float64Array(m + 1).fill(Infinity);
    this.start = new Float64Array(m + 1);
    this.nextDistance = new Float64Array(m + 1);
    this.nextStart = new Float64Array(m + 1);
    this.distance[0] = 0;
  }

  /** Points pushed so far. */
  get position(): number {
    return this.time;
  }

  /** Feeds one point; returns the matches that became final (usually none). */
  push(value: number): StreamMatch[] {
    checkNumber(value, 'value', 'StreamMatcher.push');
    const found: StreamMatch[] = [];
    this.step(value, found);
    return found;
  }

  /** Feeds many points; returns the matches that became final, in order. */
  pushMany(values: NumericSeries): StreamMatch[] {
    const checked = toSeries(values, 'values', 'StreamMatcher.pushMany');
    const found: StreamMatch[] = [];
    for (let k = 0; k < checked.length; k++) this.step(checked[k], found);
    return found;
  }

  /** Ends the stream: returns the pending candidate, if any, and starts afresh. */
  flush(): StreamMatch[] {
    const found: StreamMatch[] = [];
    if (this.bestDistance <= this.threshold) found.push(this.takeBest());
    this.reset();
    return found;
  }

  /** Forgets everything pushed so far (positions restart at 0). */
  reset(): void {
    this.distance.fill(Infinity);
    this.distance[0] = 0;
    this.time = 0;
    this.bestDistance = Infinity;
    this.history = [];
    this.historyStart = 0;
  }

  private step(x: number, found: StreamMatch[]): void {
    const t = this.time++;
    this.history.push(x);
    this.advance(x, t);
    const m = this.pattern.length;
    if (this.bestDistance <= this.threshold) {
      // Final once every alignment in progress is worse or starts after the candidate ends.
      const d = this.distance;
      const s = this.start;
      let final = true;
      for (let i = 1; i <= m && final; i++) final = d[i] >= this.bestDistance || s[i] > this.bestEnd;
      if (final) {
        const end = this.bestEnd;
        found.push(this.takeBest());
        this.recomputeAfter(end); // swaps the column buffers: read them again below
      }
    }
    const d = this.distance;
    if (d[m] <= this.threshold && d[m] < this.bestDistance) {
      this.bestDistance = d[m];
      this.bestStart = this.start[m];
      this.bestEnd = t;
    }
    if ((t & 255) === 255) this.trimHistory();
  }

  /** Column t of the matrix from column t-1. */
  private advance(x: number, t: number): void {
    const y = this.pattern;
    const m = y.length;
    const prevD = this.distance;
    const prevS = this.start;
    const d = this.nextDistance;
    const s = this.nextStart;
    d[0] = 0;
    s[0] = t;
    for (let i = 1; i <= m; i++) {
      // Predecessors in SPRING's order of preference on ties: left, diagonal, up.
      let best = d[i - 1];
      let from = s[i - 1];
      if (prevD[i - 1] < best) {
        best = prevD[i - 1];
        from = prevS[i - 1];
      }
      if (prevD[i] < best) {
        best = prevD[i];
        from = prevS[i];
      }
      const diff = x - y[i - 1];
      const value = best + (this.squared ? diff * diff : Math.abs(diff));
      const outOfBand = this.band !== Infinity && Math.abs(t - from - (i - 1)) > this.band;
      d[i] = value > this.threshold || outOfBand ? Infinity : value;
      s[i] = from;
    }
    this.distance = d;
    this.start = s;
    this.nextDistance = prevD;
    this.nextStart = prevS;
  }

  /** Rebuilds the current column from the points after `end` only. */
  private recomputeAfter(end: number): void {
    this.distance.fill(Infinity);
    this.distance[0] = 0;
    for (let t = end + 1; t < this.time; t++) this.advance(this.history[t - this.historyStart], t);
  }

  /** Drops history older than every alignment still in play. */
  private trimHistory(): void {
    let oldest = this.time;
    for (let i = 1; i < this.distance.length; i++) if (this.distance[i] !== Infinity) oldest = Math.min(oldest, this.start[i]);
    if (this.bestDistance <= this.threshold) oldest = Math.min(oldest, this.bestStart);
    if (oldest > this.historyStart) {
      this.history.splice(0, oldest - this.historyStart);
      this.historyStart = oldest;
    }
  }

  private takeBest(): StreamMatch {
    const match = { start: this.bestStart, end: this.bestEnd, distance: this.bestDistance };
    this.bestDistance = Infinity;
    return match;
  }
}
