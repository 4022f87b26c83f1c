// Level 0: a bandit over one parameter's arms. One ArmStats per (configuration,
// parameter); every configuration sees every observation (shadows on the same
// feedback), each with its own forgetting (none, a discount, or a sliding window).
import { betaDraw, type Draws } from './sampling';

export type Algorithm = 'thompson' | 'ucb1' | 'epsilon-greedy';
export const ALGORITHMS: readonly Algorithm[] = ['thompson', 'ucb1', 'epsilon-greedy'];

/** One level-0 configuration: what level 1 chooses among. */
export interface Level0Config {
  algorithm: Algorithm;
  /**
   * Exploration: UCB1's constant c (bonus c·√(2 ln N / n), default 1), ε-greedy's
   * ε (default 0.1), Thompson sampling's posterior width multiplier (default 1).
   */
  exploration: number;
  /** Weight kept by past observations per new one (1: none forgotten). */
  discount: number;
  /** Only the last this many observations count (0: all). */
  window: number;
}

/** What the loop knows about rewards so far, shared by every bandit. */
export interface RewardRange {
  /** Every reward so far in [0, 1]: Beta posteriors; otherwise Gaussian ones. */
  unit: boolean;
  lo: number;
  hi: number;
}

export class ArmStats {
  n: number[] = [];
  sum: number[] = [];
  sumSq: number[] = [];
  private readonly ringArm: Int32Array;
  private readonly ringReward: Float64Array;
  private head = 0;
  private size = 0;

  constructor(
    readonly config: Level0Config,
    arms: number,
  ) {
    this.ringArm = new Int32Array(config.window);
    this.ringReward = new Float64Array(config.window);
    this.grow(arms);
  }

  grow(arms: number): void {
    while (this.n.length < arms) {
      this.n.push(0);
      this.sum.push(0);
      this.sumSq.push(0);
    }
  }

  clear(arms: number): void {
    this.n = [];
    this.sum = [];
    this.sumSq = [];
    this.head = 0;
    this.size = 0;
    this.grow(arms);
  }

  observe(arm: number, reward: number): void {
    const { n, sum, sumSq } = this;
    const gamma = this.config.discount;
    if (gamma < 1) {
      for (let k = 0; k < n.length; k++) {
        n[k] *= gamma;
        sum[k] *= gamma;
        sumSq[k] *= gamma;
      }
    }
    const w = this.config.window;
    if (w > 0) {
      if (this.size === w) {
        const old = this.ringArm[this.head];
        const r = this.ringReward[this.head];
        n[old] -= 1;
        sum[old] -= r;
        sumSq[old] -= r * r;
        if (n[old] < 1e-9) n[old] = sum[old] = sumSq[old] = 0;
      } else this.size++;
      this.ringArm[this.head] = arm;
      this.ringReward[this.head] = reward;
      this.head = (this.head + 1) % w;
    }
    n[arm] += 1;
    sum[arm] += reward;
    sumSq[arm] += reward * reward;
  }

  mean(arm: number): number {
    return this.n[arm] > 0 ? this.sum[arm] / this.n[arm] : NaN;
  }

  /** Pooled within-arm standard deviation (for Gaussian posteriors and intervals). */
  spread(range: RewardRange): number {
    let ss = 0;
    let count = 0;
    let tried = 0;
    for (let k = 0; k < this.n.length; k++) {
      if (this.n[k] <= 0) continue;
      ss += this.sumSq[k] - (this.sum[k] * this.sum[k]) / this.n[k];
      count += this.n[k];
      tried++;
    }
    const fallback = range.hi > range.lo ? (range.hi - range.lo) / 2 : 1;
    if (count - tried < 2) return fallback;
    return Math.sqrt(Math.max(ss / (count - tried), 1e-12 * fallback * fallback));
  }

  /** The arm this configuration plays next among those `open` allows; -1 when none is open. */
  choose(range: RewardRange, draws: Draws, open: (arm: number) => boolean): number {
    switch (this.config.algorithm) {
      case 'thompson':
        return this.thompson(range, draws, open);
      case 'ucb1':
        return this.ucb1(range, open);
      default:
        return this.epsilonGreedy(draws, open);
    }
  }

  private thompson(range: RewardRange, draws: Draws, open: (arm: number) => boolean): number {
    const { n, sum } = this;
    const width = this.config.exploration;
    const shrink = 1 / (width * width);
    let best = -1;
    let bestDraw = -Infinity;
    if (range.unit) {
      for (let k = 0; k < n.length; k++) {
        if (!open(k)) continue;
        const successes = Math.max(0, sum[k]) * shrink;
        const failures = Math.max(0, n[k] - sum[k]) * shrink;
        const draw = betaDraw(1 + successes, 1 + failures, draws.uniform, draws.normal);
        if (draw > bestDraw) [best, bestDraw] = [k, draw];
      }
      return best;
    }
    const sd = this.spread(range) * width;
    let total = 0;
    let count = 0;
    for (let k = 0; k < n.length; k++) [total, count] = [total + sum[k], count + n[k]];
    const prior = count > 0 ? total / count : (range.lo + range.hi) / 2;
    for (let k = 0; k < n.length; k++) {
      if (!open(k)) continue;
      // A Gaussian posterior with one pseudo-observation at the overall mean.
      const mean = (sum[k] + prior) / (n[k] + 1);
      const draw = mean + (sd / Math.sqrt(n[k] + 1)) * draws.normal();
      if (draw > bestDraw) [best, bestDraw] = [k, draw];
    }
    return best;
  }

  private ucb1(range: RewardRange, open: (arm: number) => boolean): number {
    const { n } = this;
    let total = 0;
    for (let k = 0; k < n.length; k++) {
      if (n[k] === 0 && open(k)) return k; // every arm once first
      total += n[k];
    }
    const scale = range.unit ? 1 : Math.max(range.hi - range.lo, 1e-12);
    const logTotal = Math.log(Math.max(total, 1));
    const c = this.config.exploration;
    let best = -1;
    let bestIndex = -Infinity;
    for (let k = 0; k < n.length; k++) {
      if (!open(k)) continue;
      const index = this.sum[k] / n[k] + c * scale * Math.sqrt((2 * logTotal) / n[k]);
      if (index > bestIndex) [best, bestIndex] = [k, index];
    }
    return best;
  }

  private epsilonGreedy(draws: Draws, open: (arm: number) => boolean): number {
    const { n } = this;
    if (draws.uniform() < this.config.exploration) {
      let openCount = 0;
      for (let k = 0; k < n.length; k++) if (open(k)) openCount++;
      if (openCount === 0) return -1;
      let pick = Math.floor(draws.uniform() * openCount);
      for (let k = 0; k < n.length; k++) if (open(k) && pick-- === 0) return k;
    }
    let best = -1;
    let bestMean = -Infinity;
    for (let k = 0; k < n.length; k++) {
      if (!open(k)) continue;
      if (n[k] === 0) return k;
      const mean = this.sum[k] / n[k];
      if (mean > bestMean) [best, bestMean] = [k, mean];
    }
    return best;
  }
}
