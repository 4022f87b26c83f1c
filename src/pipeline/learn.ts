// Midstream's `learn` option: labels on match events become a StrangeLoop's
// reward, and the loop's thresholds are applied to the pattern matchers between
// samples. One trial = one setting of the tuned thresholds, in force until
// `labelsPerTrial` labels (match events marked correct or incorrect, and misses
// reported) have come in for it; then the loop is told its reward and asked for
// the next setting.
import { StrangeLoop, type Parameter, type Trial } from '../meta/index';
import { checkNumber, checkOptions } from '../validate';

export type RewardName = 'f1' | 'precision' | 'recall';

/** Labels counted for one trial. */
export interface LabelCounts {
  /** Match events marked correct. */
  tp: number;
  /** Match events marked incorrect. */
  fp: number;
  /** Occurrences the pipeline did not report (Midstream.missed()). */
  fn: number;
}

export interface LearnOptions {
  loop: StrangeLoop;
  /** What each loop parameter sets: 'patterns.<name>.threshold' -> the handle parameter() returned. */
  tune: Readonly<Record<string, Parameter>>;
  /** The reward of a trial (default 'f1'; 'f1' and 'recall' need misses reported with missed()). */
  reward?: RewardName | ((counts: LabelCounts) => number);
  /** Labels per trial (default 10). */
  labelsPerTrial?: number;
}

/** Match events remembered for feedback, at most (the oldest are forgotten first). */
const REMEMBERED = 100_000;
const WHERE = 'Midstream';

export class Learner {
  private readonly loop: StrangeLoop;
  /** [pattern index, parameter name] per tuned threshold. */
  private readonly targets: Array<[number, string]>;
  private readonly reward: (counts: LabelCounts) => number;
  private readonly perTrial: number;
  private trial: Trial | undefined;
  private counts: LabelCounts = { tp: 0, fp: 0, fn: 0 };
  /** Match event id -> the trial it was found under (-1 once labelled). */
  private readonly eventTrial = new Map<number, number>();
  /** Labels for trials already told (they are not counted). */
  late = 0;

  constructor(
    value: unknown,
    patternNames: readonly string[],
    private readonly apply: (pattern: number, threshold: number) => void,
  ) {
    const o = checkOptions(value as LearnOptions, WHERE, 'options.learn');
    if (!(o.loop instanceof StrangeLoop)) throw new TypeError(`${WHERE}: options.learn.loop must be a StrangeLoop`);
    this.loop = o.loop;
    const tune = checkOptions(o.tune, WHERE, 'options.learn.tune');
    this.targets = Object.entries(tune).map(([key, parameter]) => {
      const match = /^patterns\.(.+)\.threshold$/.exec(key);
      const pattern = match ? patternNames.indexOf(match[1]) : -1;
      if (pattern < 0) throw new RangeError(`${WHERE}: options.learn.tune key '${key}' must be 'patterns.<name>.threshold' for a pattern of options.patterns`);
      if (!this.loop.owns(parameter)) throw new TypeError(`${WHERE}: options.learn.tune['${key}'] must be a parameter of options.learn.loop (what its parameter() returned)`);
      return [pattern, (parameter as Parameter).name];
    });
    if (this.targets.length === 0) throw new RangeError(`${WHERE}: options.learn.tune must name at least one threshold`);
    const reward = o.reward ?? 'f1';
    if (typeof reward === 'function') this.reward = reward;
    else if (reward === 'f1' || reward === 'precision' || reward === 'recall') this.reward = REWARDS[reward];
    else throw new RangeError(`${WHERE}: options.learn.reward must be 'f1', 'precision', 'recall' or a function, got ${String(reward)}`);
    this.perTrial = o.labelsPerTrial === undefined ? 10 : checkNumber(o.labelsPerTrial, 'options.learn.labelsPerTrial', WHERE, { integer: true, min: 1 });
  }

  /** Asks the loop for the first setting and applies it. */
  start(): void {
    this.next();
  }

  /** A match event was emitted under the current setting. */
  matched(id: number): void {
    this.eventTrial.set(id, this.trial!.id);
    if (this.eventTrial.size > REMEMBERED) this.eventTrial.delete(this.eventTrial.keys().next().value!);
  }

  feedback(id: unknown, label: unknown): void {
    const where = `${WHERE}.feedback`;
    if (typeof id !== 'number') throw new TypeError(`${where}: eventId must be a match event's id (a number), got ${typeof id}`);
    const l = checkOptions(label as { correct: boolean }, where, 'label');
    if (typeof l.correct !== 'boolean') throw new TypeError(`${where}: label.correct must be a boolean`);
    const trial = this.eventTrial.get(id);
    if (trial === undefined) throw new RangeError(`${where}: eventId ${id} is not a match event of this pipeline (or too old to remember)`);
    if (trial < 0) throw new RangeError(`${where}: match event ${id} was labelled already`);
    this.eventTrial.set(id, -1);
    if (trial !== this.trial!.id) {
      this.late++;
      return;
    }
    if (l.correct) this.counts.tp++;
    else this.counts.fp++;
    this.labelled();
  }

  missed(count: number): void {
    this.counts.fn += checkNumber(count, 'count', `${WHERE}.missed`, { integer: true, min: 1 });
    this.labelled();
  }

  /** A new stream: events of the old one cannot be labelled; the loop keeps what it learned and the trial goes on. */
  reset(): void {
    this.eventTrial.clear();
  }

  private labelled(): void {
    const c = this.counts;
    if (c.tp + c.fp + c.fn < this.perTrial) return;
    const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
    this.loop.tell(this.trial!, {
      score: this.reward(c),
      precision,
      recall: c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0,
      falseAlarmRate: c.tp + c.fp > 0 ? 1 - precision : 0,
      tp: c.tp,
      fp: c.fp,
      fn: c.fn,
    });
    this.next();
  }

  private next(): void {
    const previous = this.trial?.params;
    this.trial = this.loop.ask();
    this.counts = { tp: 0, fp: 0, fn: 0 };
    for (const [pattern, name] of this.targets) {
      const threshold = this.trial.params[name];
      if (typeof threshold !== 'number' || !(threshold >= 0)) {
        throw new RangeError(`${WHERE}: the loop's '${name}' is ${String(threshold)}, not a threshold (a number >= 0)`);
      }
      if (previous === undefined || previous[name] !== threshold) this.apply(pattern, threshold);
    }
  }
}

const REWARDS: Record<RewardName, (c: LabelCounts) => number> = {
  f1: (c) => (c.tp > 0 ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0),
  precision: (c) => (c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0),
  recall: (c) => (c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0),
};
