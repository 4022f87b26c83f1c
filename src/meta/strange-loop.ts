// StrangeLoop: a self-tuning loop with ask/tell. Level 0 is a bandit over the
// declared parameters, level 1 weighs level-0 configurations by their realised
// rewards, levels 2..maxDepth tune the learning rate of the level below, and a
// temporal-logic shield vetoes changes that would break a safety rule and rolls
// back when observed metrics break one.
import { seededRandom } from '../random';
import { checkChoice, checkNumber, checkOptions } from '../validate';
import type { MonitorReport } from '../logic/index';
import { ALGORITHMS, ArmStats, type Algorithm, type Level0Config, type RewardRange } from './bandit';
import { checkConfiguration, defaultConfigurations, DEFAULT_EXPLORATION } from './configurations';
import { MaxDepthExceededError } from './errors';
import { ConfigLearner, RATE_CHOICES, RateLearner } from './levels';
import { draws, type Draws } from './sampling';
import { Shield, type RuleBreach } from './shield';
import { ParameterSpace, type Parameter, type ParameterSpec, type ParameterValue } from './space';

export interface StrangeLoopOptions {
  /** Levels above level 0 (default 1). 0: level 0 alone, with `algorithm`. */
  maxDepth?: number;
  /** Seed of every random choice (default 1): the same seed and calls give the same trials. */
  seed?: number;
  /** Temporal-logic rules over the loop's trace (the parameters, the metrics told, and `score`). */
  safety?: readonly string[];
  /** Changes of setting allowed within any `changeWindow` consecutive asks (default: no limit). */
  maxChangesPerWindow?: number;
  /** The window of maxChangesPerWindow, in asks (default 10). */
  changeWindow?: number;
  /** Level 0's algorithm. With maxDepth 0 the one used (default 'thompson'); otherwise level 1 chooses among its variants. */
  algorithm?: Algorithm;
  /** With maxDepth 0: level 0's exploration, discount and sliding window (see Level0Config). */
  exploration?: number;
  discount?: number;
  window?: number;
  /** The level-0 configurations level 1 chooses among (default: see defaultConfigurations). */
  configurations?: readonly Partial<Level0Config>[];
}

/** What ask() returns; give it back to tell(). */
export interface Trial {
  readonly id: number;
  readonly params: Readonly<Record<string, ParameterValue>>;
}

/** A score, or a score with metrics the safety rules may name. */
export type Outcome = number | ({ score: number } & Record<string, number | boolean>);

export interface Estimate {
  mean: number;
  /** Half-width of a 95% interval (normal approximation). */
  interval: number;
}

export interface Knowledge {
  level: number;
  /** Level 0: the best setting; level 1: the best level-0 configuration; level k: the best learning-rate multiplier for level k-1. */
  best: Readonly<Record<string, ParameterValue>> | Level0Config | { rate: number };
  /** The reward expected from `best` (level k >= 2: mean reward of its epochs, scaled to [0, 1]). */
  estimate: Estimate;
  /** Observations this level learned from (level k >= 2: epochs). */
  trials: number;
  /** Estimated cumulative regret against `best`: what always choosing it would have gained over what was realised (never below 0). */
  regret: number;
}

export interface LoopSummary {
  levels: number;
  trials: number;
  changes: number;
  vetoed: number;
  safetyViolations: number;
  rolledBack: number;
}

export type LoopEvent =
  | { type: 'change'; trial: number; from: Record<string, ParameterValue>; to: Record<string, ParameterValue> }
  | { type: 'veto'; trial: number; proposed: Record<string, ParameterValue>; rule: string; report?: MonitorReport }
  | { type: 'rollback'; trial: number; from: Record<string, ParameterValue>; to: Record<string, ParameterValue>; rule: string; report?: MonitorReport };

interface TrialRecord {
  arms: number[];
  /** What each configuration proposed (for level 1's doubly robust estimates). */
  proposals: number[][];
  /** Level 1 learns from it: the setting played was drawn from its mixture (not vetoed or deferred). */
  sampled: boolean;
  agree: Uint8Array;
  played: number;
}

const WHERE = 'StrangeLoop';
/** Level k >= 2 decides once per this many trials times 3^(k-2). */
const FIRST_EPOCH = 50;
/** Level 1's reward model forgets with this discount (a memory of about 50 trials). */
const CRITIC: Level0Config = { algorithm: 'thompson', exploration: 1, discount: 0.98, window: 0 };

export class StrangeLoop {
  readonly maxDepth: number;
  readonly seed: number;
  private readonly configs: Level0Config[];
  private readonly spaces: ParameterSpace[] = [];
  private readonly shield: Shield | undefined;
  private readonly maxChanges: number;
  private readonly changeWindow: number;
  private readonly listeners = new Set<(event: LoopEvent) => void>();
  private readonly handles = new WeakSet<Parameter>();
  // Learned state (all of it cleared by reset()).
  private stats: ArmStats[][] = []; // [config][parameter]
  /** Level 1's reward model: a fast-forgetting mean per arm, per parameter. */
  private critic: ArmStats[] = [];
  private level1: ConfigLearner | undefined;
  private upper: RateLearner[] = [];
  private random!: () => number;
  private draws!: Draws;
  private range: RewardRange = { unit: true, lo: 0, hi: 1 };
  private current: number[] = [];
  private lastSafe: number[] = [];
  private blockedUntil: number[][] = [];
  private vetoesOf: number[][] = [];
  private pending = new Map<number, TrialRecord>();
  private changeAsks: number[] = [];
  private asked = 0;
  private told = 0;
  private totalReward = 0;
  private lastMetrics: Record<string, number | boolean> = {};
  private counts = { changes: 0, vetoed: 0, safetyViolations: 0, rolledBack: 0 };

  constructor(options?: StrangeLoopOptions) {
    const o = checkOptions(options, WHERE);
    this.maxDepth = o.maxDepth === undefined ? 1 : checkNumber(o.maxDepth, 'options.maxDepth', WHERE, { integer: true, min: 0, max: 8 });
    this.seed = o.seed === undefined ? 1 : checkNumber(o.seed, 'options.seed', WHERE, { integer: true });
    const algorithm = o.algorithm === undefined ? undefined : checkChoice(o.algorithm, ALGORITHMS, 'options.algorithm', WHERE);
    if (this.maxDepth === 0) {
      if (o.configurations !== undefined) throw new RangeError(`${WHERE}: options.configurations needs maxDepth >= 1 (level 1 chooses among them)`);
      const a = algorithm ?? 'thompson';
      this.configs = [checkConfiguration({ algorithm: a, exploration: o.exploration ?? DEFAULT_EXPLORATION[a], discount: o.discount, window: o.window }, 'options', WHERE)];
    } else {
      for (const key of ['exploration', 'discount', 'window'] as const) {
        if (o[key] !== undefined) throw new RangeError(`${WHERE}: options.${key} is for maxDepth 0; with levels above, give options.configurations`);
      }
      if (o.configurations !== undefined) {
        if (!Array.isArray(o.configurations) || o.configurations.length === 0) throw new TypeError(`${WHERE}: options.configurations must be a non-empty array`);
        this.configs = o.configurations.map((c, i) => checkConfiguration(c, `options.configurations[${i}]`, WHERE));
      } else this.configs = defaultConfigurations(algorithm);
    }
    if (o.safety !== undefined) {
      if (!Array.isArray(o.safety)) throw new TypeError(`${WHERE}: options.safety must be an array of formulas`);
      o.safety.forEach((rule, i) => {
        if (typeof rule !== 'string') throw new TypeError(`${WHERE}: options.safety[${i}] must be a formula string`);
      });
      this.shield = o.safety.length > 0 ? new Shield(o.safety) : undefined;
    }
    this.maxChanges = o.maxChangesPerWindow === undefined ? Infinity : checkNumber(o.maxChangesPerWindow, 'options.maxChangesPerWindow', WHERE, { integer: true, min: 0 });
    this.changeWindow = o.changeWindow === undefined ? 10 : checkNumber(o.changeWindow, 'options.changeWindow', WHERE, { integer: true, min: 1 });
    this.reset();
  }

  /** Declares a parameter (before the first ask()): a range on a linear or log scale, or a list of choices. */
  parameter(name: string, spec: ParameterSpec): Parameter {
    if (typeof name !== 'string' || name === '') throw new TypeError(`${WHERE}.parameter: name must be a non-empty string`);
    if (name === 'score') throw new RangeError(`${WHERE}.parameter: name 'score' is the reward's field in the trace`);
    if (this.spaces.some((s) => s.name === name)) throw new RangeError(`${WHERE}.parameter: '${name}' is declared already`);
    if (this.asked > 0) throw new RangeError(`${WHERE}.parameter: declare '${name}' before the first ask() (or after reset())`);
    const space = new ParameterSpace(name, spec);
    this.spaces.push(space);
    const p = this.spaces.length - 1;
    this.stats.forEach((row, c) => row.push(new ArmStats(this.configs[c], space.arms)));
    if (this.level1) this.critic.push(new ArmStats(CRITIC, space.arms));
    this.current.push(space.initialArm);
    this.lastSafe.push(space.initialArm);
    this.blockedUntil.push(new Array<number>(space.arms).fill(0));
    this.vetoesOf.push(new Array<number>(space.arms).fill(0));
    const current = () => this.current[p];
    const handle: Parameter = {
      name,
      kind: space.kind,
      get value() {
        return space.values[current()];
      },
    };
    this.handles.add(handle);
    return handle;
  }

  /** Whether `parameter` is a handle this loop's parameter() returned. */
  owns(parameter: unknown): parameter is Parameter {
    return typeof parameter === 'object' && parameter !== null && this.handles.has(parameter as Parameter);
  }

  /** The setting in force now. */
  get params(): Record<string, ParameterValue> {
    return this.setting(this.current);
  }

  /** Proposes the next trial: the setting to run, checked by the shield and the change limit. */
  ask(): Trial {
    if (this.spaces.length === 0) throw new RangeError(`${WHERE}.ask: declare a parameter first`);
    const asked = this.asked++;
    const configs = this.configs.length;
    const proposals: number[][] = [];
    for (let c = 0; c < configs; c++) {
      proposals.push(this.spaces.map((_, p) => this.stats[c][p].choose(this.range, this.draws, (arm) => this.blockedUntil[p][arm] <= asked)));
    }
    const chosen = this.level1 ? this.level1.pick(this.random()) : 0;
    let arms = proposals[chosen].map((arm, p) => (arm < 0 ? this.current[p] : arm));
    const agree = new Uint8Array(configs);
    let played = 0;
    for (let c = 0; c < configs; c++) {
      agree[c] = proposals[c].every((arm, p) => arm === arms[p]) ? 1 : 0;
      if (agree[c]) played += this.level1 ? this.level1.probability[c] : 1;
    }
    let sampled = true;
    if (!sameArms(arms, this.current)) {
      while (this.changeAsks.length > 0 && this.changeAsks[0] <= asked - this.changeWindow) this.changeAsks.shift();
      const breach = this.changeAsks.length >= this.maxChanges ? undefined : this.shield?.probe(this.traceState(arms, this.lastMetrics));
      if (this.changeAsks.length >= this.maxChanges) {
        arms = this.current.slice();
        sampled = false;
      } else if (breach) {
        this.counts.vetoed++;
        this.block(arms, this.current, asked);
        this.emit({ type: 'veto', trial: asked, proposed: this.setting(arms), rule: breach.rule, report: breach.report });
        arms = this.current.slice();
        sampled = false;
      } else {
        this.emit({ type: 'change', trial: asked, from: this.setting(this.current), to: this.setting(arms) });
        this.current = arms.slice();
        this.changeAsks.push(asked);
        this.counts.changes++;
      }
    }
    this.pending.set(asked, { arms, proposals, sampled, agree, played });
    return { id: asked, params: this.setting(arms) };
  }

  /** Reports a trial's reward (and metrics the safety rules may name). */
  tell(trial: Trial | number, outcome: Outcome): void {
    const where = `${WHERE}.tell`;
    const id = typeof trial === 'number' ? trial : typeof trial === 'object' && trial !== null ? trial.id : undefined;
    if (typeof id !== 'number') throw new TypeError(`${where}: trial must be what ask() returned (or its id)`);
    const record = this.pending.get(id);
    if (!record) throw new RangeError(`${where}: trial ${id} is not waiting for a result (told already, from before a reset(), or never asked)`);
    const metrics: Record<string, number | boolean> = {};
    let score: number;
    if (typeof outcome === 'number') score = checkNumber(outcome, 'score', where);
    else {
      if (typeof outcome !== 'object' || outcome === null) throw new TypeError(`${where}: outcome must be a number or { score, ...metrics }`);
      score = checkNumber(outcome.score, 'outcome.score', where);
      for (const [key, value] of Object.entries(outcome)) {
        if (key === 'score') continue;
        if (typeof value === 'number') checkNumber(value, `outcome.${key}`, where);
        else if (typeof value !== 'boolean') throw new TypeError(`${where}: outcome.${key} must be a number or a boolean`);
        if (this.spaces.some((s) => s.name === key)) throw new RangeError(`${where}: outcome.${key} names a parameter`);
        metrics[key] = value;
      }
    }
    // Safety first: a state a rule cannot read throws here, with nothing changed.
    let breach: RuleBreach | undefined;
    if (this.shield) {
      try {
        breach = this.shield.read(this.traceState(record.arms, metrics, score));
      } catch (error) {
        throw new RangeError(`${where}: the safety rules cannot read this outcome: ${(error as Error).message}`);
      }
    }
    this.pending.delete(id);
    this.learn(record, score);
    this.lastMetrics = { ...metrics, score };
    if (!this.shield) return;
    if (!breach) {
      this.lastSafe = record.arms.slice();
      return;
    }
    this.counts.safetyViolations++;
    this.block(record.arms, this.lastSafe, this.asked);
    const from = this.current;
    this.current = this.lastSafe.slice();
    this.shield!.rearm();
    if (!sameArms(from, this.current)) this.counts.rolledBack++;
    this.emit({ type: 'rollback', trial: id, from: this.setting(from), to: this.setting(this.current), rule: breach.rule, report: breach.report });
  }

  /** What a level has learned. Levels beyond maxDepth throw MaxDepthExceededError. */
  knowledge(level = 0): Knowledge {
    const where = `${WHERE}.knowledge`;
    checkNumber(level, 'level', where, { integer: true, min: 0 });
    if (level > this.maxDepth) throw new MaxDepthExceededError(where, level, this.maxDepth);
    if (level === 0) return this.level0Knowledge();
    if (level === 1) return this.level1Knowledge();
    const learner = this.upper[level - 2];
    let best = 0;
    for (let c = 1; c < RATE_CHOICES.length; c++) if (learner.logWeight[c] > learner.logWeight[best]) best = c;
    const n = learner.epochCount[best];
    const mean = n > 0 ? learner.epochSum[best] / n : NaN;
    return {
      level,
      best: { rate: RATE_CHOICES[best] },
      estimate: { mean, interval: n > 0 ? 1.96 * Math.sqrt((mean * (1 - mean)) / n) : Infinity },
      trials: learner.epochs,
      regret: n > 0 ? Math.max(0, mean * learner.epochs - learner.realised) : 0,
    };
  }

  summary(): LoopSummary {
    return { levels: this.maxDepth + 1, trials: this.told, ...this.counts };
  }

  /** Forgets everything learned, at every level: statistics, weights, refined arms, the trace, counts; the seed starts over. Parameters stay declared. */
  reset(): void {
    this.random = seededRandom(this.seed);
    this.draws = draws(this.random);
    for (const s of this.spaces) s.restart();
    this.stats = this.configs.map((config) => this.spaces.map((s) => new ArmStats(config, s.arms)));
    this.level1 = this.maxDepth >= 1 ? new ConfigLearner(this.configs.length) : undefined;
    this.critic = this.level1 ? this.spaces.map((s) => new ArmStats(CRITIC, s.arms)) : [];
    this.upper = Array.from({ length: Math.max(0, this.maxDepth - 1) }, (_, k) => new RateLearner(k + 2, FIRST_EPOCH * 3 ** k));
    for (const u of this.upper) u.pick(this.random());
    this.applyRates();
    this.range = { unit: true, lo: 0, hi: 1 };
    this.current = this.spaces.map((s) => s.initialArm);
    this.lastSafe = this.current.slice();
    this.blockedUntil = this.spaces.map((s) => new Array<number>(s.arms).fill(0));
    this.vetoesOf = this.spaces.map((s) => new Array<number>(s.arms).fill(0));
    this.pending.clear();
    this.changeAsks = [];
    this.asked = 0;
    this.told = 0;
    this.totalReward = 0;
    this.lastMetrics = {};
    this.counts = { changes: 0, vetoed: 0, safetyViolations: 0, rolledBack: 0 };
    this.shield?.rearm();
  }

  /** Calls `listener` for every change, veto and rollback; returns a function that stops it. */
  on(listener: (event: LoopEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError(`${WHERE}.on: listener must be a function`);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private learn(record: TrialRecord, score: number): void {
    const range = this.range;
    if (score < 0 || score > 1) range.unit = false;
    if (this.told === 0) [range.lo, range.hi] = range.unit ? [0, 1] : [score, score];
    else [range.lo, range.hi] = [Math.min(range.lo, score), Math.max(range.hi, score)];
    const unit = range.hi > range.lo ? (score - range.lo) / (range.hi - range.lo) : 0.5;
    for (let c = 0; c < this.stats.length; c++) {
      for (let p = 0; p < this.spaces.length; p++) this.stats[c][p].observe(record.arms[p], score);
    }
    if (this.level1 && record.sampled) {
      const predicted = this.level1.predicted;
      for (let c = 0; c < predicted.length; c++) predicted[c] = this.predict(record.proposals[c]);
      this.level1.update(record.agree, record.played, unit, predicted, this.predict(record.arms), range.lo, range.hi - range.lo);
    }
    for (let p = 0; p < this.critic.length; p++) this.critic[p].observe(record.arms[p], score);
    for (let k = 0; k < this.upper.length; k++) {
      // Level k+2 sees only the mean reward of level k+1 over its epoch.
      if (!this.upper[k].add(unit)) break;
      this.upper[k].pick(this.random());
      this.applyRates();
    }
    this.told++;
    this.totalReward += score;
    this.refine();
  }

  /** Every 2·arms trials, a continuous parameter gains grid points around its best arm. */
  private refine(): void {
    const reference = this.stats[this.level1 ? this.level1.best() : 0];
    for (let p = 0; p < this.spaces.length; p++) {
      const space = this.spaces[p];
      if (!space.refines || this.told % Math.max(20, 2 * space.arms) !== 0) continue;
      const best = bestArm(reference[p]);
      if (best < 0 || space.refineAround(best) === 0) continue;
      for (const row of this.stats) row[p].grow(space.arms);
      this.critic[p]?.grow(space.arms);
      while (this.blockedUntil[p].length < space.arms) {
        this.blockedUntil[p].push(0);
        this.vetoesOf[p].push(0);
      }
    }
  }

  /** The critic's prediction for a setting, scaled to [0, 1]: the mean over parameters of its arms' recent means. */
  private predict(arms: number[]): number {
    const { lo, hi } = this.range;
    let total = 0;
    for (let p = 0; p < arms.length; p++) {
      const critic = this.critic[p];
      const arm = arms[p] < 0 ? this.current[p] : arms[p];
      const mean = critic.n[arm] > 0.5 ? critic.mean(arm) : (lo + hi) / 2;
      total += hi > lo ? (mean - lo) / (hi - lo) : 0.5;
    }
    return total / arms.length;
  }

  private applyRates(): void {
    for (let k = 0; k < this.upper.length; k++) {
      const rate = RATE_CHOICES[this.upper[k].choice];
      if (k === 0) this.level1!.rate = rate;
      else this.upper[k - 1].rate = rate;
    }
  }

  /** Keeps the arms that differ from `safe` out of proposals for a while (longer each time). */
  private block(arms: number[], safe: number[], now: number): void {
    for (let p = 0; p < arms.length; p++) {
      if (arms[p] === safe[p]) continue;
      const times = this.vetoesOf[p][arms[p]]++;
      this.blockedUntil[p][arms[p]] = now + 1 + 16 * 2 ** Math.min(times, 8);
    }
  }

  private traceState(arms: number[], metrics: Record<string, number | boolean>, score?: number): Record<string, unknown> {
    const state: Record<string, unknown> = { ...metrics };
    if (score !== undefined) state.score = score;
    for (let p = 0; p < this.spaces.length; p++) state[this.spaces[p].name] = this.spaces[p].values[arms[p]];
    return state;
  }

  private setting(arms: number[]): Record<string, ParameterValue> {
    const out: Record<string, ParameterValue> = {};
    for (let p = 0; p < this.spaces.length; p++) out[this.spaces[p].name] = this.spaces[p].values[arms[p]];
    return out;
  }

  private emit(event: LoopEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private level0Knowledge(): Knowledge {
    const stats = this.stats[this.level1 ? this.level1.best() : 0];
    const best: Record<string, ParameterValue> = {};
    let mean = NaN;
    let interval = Infinity;
    for (let p = 0; p < this.spaces.length; p++) {
      // Only settings the shield never had to stop count as best.
      const arm = bestArm(stats[p], this.vetoesOf[p]);
      best[this.spaces[p].name] = this.spaces[p].values[arm < 0 ? this.current[p] : arm];
      if (arm < 0) continue;
      const m = stats[p].mean(arm);
      const sd = stats[p].spread(this.range);
      const half = (1.96 * sd) / Math.sqrt(stats[p].n[arm]);
      // The parameters share one reward: the best arm of each estimates the same thing; keep the tightest.
      if (half < interval) [mean, interval] = [m, half];
    }
    return {
      level: 0,
      best,
      estimate: { mean, interval },
      trials: this.told,
      regret: Number.isNaN(mean) ? 0 : Math.max(0, mean * this.told - this.totalReward),
    };
  }

  private level1Knowledge(): Knowledge {
    const l1 = this.level1!;
    const best = l1.best();
    const n = l1.updates;
    const mean = n > 0 ? l1.estimateSum[best] / n : NaN;
    const variance = n > 1 ? Math.max(0, l1.estimateSq[best] / n - mean * mean) : Infinity;
    return {
      level: 1,
      best: { ...this.configs[best] },
      estimate: { mean, interval: n > 1 ? 1.96 * Math.sqrt(variance / n) : Infinity },
      trials: n,
      regret: n > 0 ? Math.max(0, mean * n - l1.realised) : 0,
    };
  }
}

function sameArms(a: number[], b: number[]): boolean {
  for (let p = 0; p < a.length; p++) if (a[p] !== b[p]) return false;
  return true;
}

/**
 * The arm with the highest posterior mean among those tried (and never stopped
 * by the shield, given `stops`), each mean shrunk by one pseudo-observation at
 * the overall mean, so one lucky trial does not make an arm the best; -1 if none.
 */
function bestArm(stats: ArmStats, stops?: number[]): number {
  let total = 0;
  let count = 0;
  for (let k = 0; k < stats.n.length; k++) [total, count] = [total + stats.sum[k], count + stats.n[k]];
  const prior = count > 0 ? total / count : 0;
  let best = -1;
  let bestMean = -Infinity;
  for (let k = 0; k < stats.n.length; k++) {
    if ((stops && stops[k] > 0) || stats.n[k] <= 0) continue;
    const mean = (stats.sum[k] + prior) / (stats.n[k] + 1);
    if (mean > bestMean) [best, bestMean] = [k, mean];
  }
  return best;
}
