// Midstream: one live stream through pattern matching (a StreamMatcher per
// pattern), regime analysis (classifyAttractor over a sliding window, in the
// thread as 'background' scheduler tasks or in a worker) and temporal-logic
// rules (a monitor per rule), with an event for what was decided at each sample.
import { StreamMatcher } from '../search/index';
import { Scheduler } from '../scheduler/index';
import { EventQueue } from './event-queue';
import { Learner } from './learn';
import { resolveOptions, type ResolvedOptions } from './options';
import { RegimeStage } from './regime-stage';
import { RuleStage } from './rule-stage';
import { SampleReader } from './sample';
import { openSource, type AsyncSource, type MidstreamSource, type SyncSource } from './source';
import type { MatchEvent, MidstreamEvent, MidstreamOptions, MidstreamStats, Sample, SummaryEvent } from './types';

/** Samples run() takes from a synchronous source per 'user-blocking' task (fewer if events come out). */
export const RUN_BATCH = 4096;

export class Midstream {
  private readonly options: ResolvedOptions;
  private readonly reader: SampleReader;
  private readonly matchers: StreamMatcher[];
  private readonly scheduler: Scheduler;
  private readonly regime: RegimeStage | undefined;
  private readonly rules: RuleStage | undefined;
  /** Per pattern: 1 when a match was reported at the current sample (the rules' match.<name>). */
  private readonly matched: Uint8Array;
  /** Most samples the rules may hold while waiting for the regime (push() throws beyond it). */
  private readonly maxHeld: number;
  private readonly outbox = new EventQueue();
  private count = 0;
  private matchTaken = 0;
  private readonly matchCounts: number[];
  private readonly eventCounts = { match: 0, regime: 0, verdict: 0, summary: 0 };
  private failure: Error | undefined;
  private ended = false;
  private closed = false;
  private running = false;
  private wake: (() => void) | undefined;
  // learn (#12): the loop that tunes thresholds, where each matcher's positions start, the next match id.
  private readonly learner: Learner | undefined;
  private readonly matchBase: number[];
  private nextMatchId = 0;

  constructor(options?: MidstreamOptions) {
    this.options = resolveOptions(options);
    const o = this.options;
    this.reader = new SampleReader(o.shape, o.fields, o.timeField);
    this.matchers = o.patterns.map((p) => new StreamMatcher(p.pattern, p.matcherOptions));
    this.matchCounts = o.patterns.map(() => 0);
    this.matched = new Uint8Array(o.patterns.length);
    this.scheduler = o.scheduler ?? new Scheduler();
    const rules =
      o.rules.length > 0
        ? new RuleStage(o.rules, o.fields, o.patterns.map((p) => p.name), o.regime !== undefined, (event) => this.emit(event))
        : undefined;
    this.rules = rules;
    this.maxHeld = o.regime ? o.regime.every * (o.regime.maxPending + 1) : Infinity;
    this.regime =
      o.regime &&
      new RegimeStage(o.regime, this.scheduler, o.offload, {
        event: (event) => this.emit(event),
        failure: (error) => {
          this.failure ??= error;
          this.notify();
        },
        started: (step) => rules?.analysisStarted(step),
        done: (step, regime) => rules?.analysisDone(step, regime),
        settled: () => this.notify(),
      });
    this.matchBase = o.patterns.map(() => 0);
    const learn = options?.learn;
    this.learner = learn === undefined ? undefined : new Learner(learn, o.patterns.map((p) => p.name), (p, threshold) => this.retune(p, threshold));
    this.learner?.start();
  }

  /** Labels a match event (by its id) for options.learn: its trial's reward counts it as a true or false positive. */
  feedback(eventId: number, label: { correct: boolean }): void {
    if (!this.learner) throw new RangeError('Midstream.feedback: the pipeline has no options.learn');
    this.learner.feedback(eventId, label);
  }

  /** Reports occurrences the pipeline did not report (false negatives), for the 'f1' and 'recall' rewards. */
  missed(count = 1): void {
    if (!this.learner) throw new RangeError('Midstream.missed: the pipeline has no options.learn');
    this.learner.missed(count);
  }

  /**
   * A new threshold for pattern p, between samples: the old matcher's pending
   * candidate is reported now (under the old threshold, as at end()) and the new
   * matcher starts at the next sample, so an occurrence already under way is
   * not found.
   */
  private retune(p: number, threshold: number): void {
    const spec = this.options.patterns[p];
    const old = this.matchers[p];
    const step = this.count - 1;
    for (const m of old.flush()) this.emitMatch(p, m.start + this.matchBase[p], m.end + this.matchBase[p], m.distance, step, this.reader.time);
    this.matchers[p] = new StreamMatcher(spec.pattern, { ...spec.matcherOptions, threshold });
    this.matchBase[p] = this.count;
  }

  /** The field names samples are read into (`x` for a plain number stream, x0, x1, ... for `dimension`). */
  get fields(): readonly string[] {
    return this.options.fields;
  }

  /**
   * Feeds one sample; returns the events it decided, after any that finished in
   * the background (regime analyses) since the last call. Throws for a bad
   * sample, which is then not counted: the pipeline goes on as if it never came.
   */
  push(sample: Sample): MidstreamEvent[] {
    this.accept(sample);
    return this.outbox.drain();
  }

  /**
   * Ends the stream: waits for the analyses in flight, reports the matches still
   * pending and a summary. Resolves with every event not yet taken. After it,
   * push() needs a reset().
   */
  async end(): Promise<MidstreamEvent[]> {
    await this.finish();
    return this.outbox.drain();
  }

  /**
   * Waits for the regime analyses in flight and resolves with every event not
   * yet taken (regime changes, and verdicts of rules that read the regime),
   * without ending the stream.
   */
  async settle(): Promise<MidstreamEvent[]> {
    this.checkOpen('settle');
    await this.settleAnalyses();
    if (this.failure) throw this.failure;
    return this.outbox.drain();
  }

  /** Back to the state of a new pipeline (the worker, if any, is kept). */
  reset(): void {
    this.checkOpen('reset');
    if (this.running) throw new Error('Midstream.reset: run() is in progress');
    for (const m of this.matchers) m.reset();
    this.regime?.reset();
    this.rules?.reset();
    this.outbox.clear();
    this.count = 0;
    this.matchTaken = 0;
    this.matchCounts.fill(0);
    for (const key of Object.keys(this.eventCounts) as (keyof typeof this.eventCounts)[]) this.eventCounts[key] = 0;
    this.failure = undefined;
    this.ended = false;
    this.matchBase.fill(0);
    this.nextMatchId = 0;
    this.learner?.reset();
  }

  /** Stops everything now: the worker is terminated, analyses in flight are dropped, a run() in progress returns. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.regime?.close();
    this.outbox.clear();
    this.notify();
  }

  stats(): MidstreamStats {
    return {
      samples: this.count,
      stages: { match: this.matchTaken, regime: this.regime?.taken ?? 0, rules: this.rules?.taken ?? 0 },
      events: { ...this.eventCounts },
      regime: this.regime ? this.regime.stats() : { mode: 'none', started: 0, completed: 0, pending: 0, skipped: 0, insufficient: 0 },
      buffers: {
        events: this.outbox.size,
        maxEvents: this.outbox.highWater,
        heldForRules: this.rules?.waiting ?? 0,
        maxHeldForRules: this.rules?.maxHeld ?? 0,
      },
      closed: this.closed,
    };
  }

  /**
   * Pulls samples from `source` and yields events as they are decided, ending
   * with end()'s. It pulls only while no event waits to be taken (and, with
   * regime.whenBusy 'wait', fewer than regime.maxPending analyses are in
   * flight), so a slow consumer slows the source instead of filling memory. A
   * source error rejects after the events decided before it (including
   * analyses in flight) are yielded. Breaking out of the loop stops the source.
   */
  async *run(source: MidstreamSource): AsyncGenerator<MidstreamEvent, void, undefined> {
    const where = 'Midstream.run';
    this.checkOpen('run');
    if (this.running) throw new Error(`${where}: a run() is already in progress`);
    const input = openSource(source, where);
    this.running = true;
    let pendingNext: Promise<IteratorResult<Sample>> | undefined;
    let sinceHostTurn = 0;
    let finished = false;
    try {
      for (;;) {
        for (let event = this.outbox.shift(); event !== undefined; event = this.outbox.shift()) yield event;
        if (this.closed || finished) return;
        if (this.failure) throw this.failure;
        if (this.mustWait()) {
          await this.nextWake();
          continue;
        }
        let done: boolean;
        try {
          if (input.sync) {
            done = await this.scheduler.postTask(() => this.takeBatch(input), { priority: 'user-blocking' });
          } else {
            pendingNext ??= input.next();
            const next = await this.nextWake(pendingNext);
            if (next === undefined) continue; // woken (a regime result, close()): see to that first
            pendingNext = undefined;
            done = next.done === true;
            if (!done) this.accept(next.value);
            // An async source that never waits would starve timers and worker messages.
            if (++sinceHostTurn === RUN_BATCH) {
              sinceHostTurn = 0;
              await this.scheduler.postTask(() => {}, { priority: 'user-blocking' });
            }
          }
        } catch (error) {
          if (this.closed) return;
          await this.settleAnalyses();
          for (let event = this.outbox.shift(); event !== undefined; event = this.outbox.shift()) yield event;
          throw error;
        }
        if (done) {
          finished = true;
          await this.finish();
        }
      }
    } finally {
      this.running = false;
      if (!finished) input.cancel();
    }
  }

  /** Takes up to RUN_BATCH samples; stops early when an event waits or analyses fill up. True at the source's end. */
  private takeBatch(input: SyncSource): boolean {
    for (let k = 0; k < RUN_BATCH; k++) {
      const next = input.next();
      if (next.done) return true;
      this.accept(next.value);
      if (this.outbox.size > 0 || this.closed || this.mustWait()) break;
    }
    return false;
  }

  /** run() pauses the source while analyses are full (whenBusy 'wait') or the rules hold all they may. */
  private mustWait(): boolean {
    const regime = this.regime;
    if (regime === undefined) return false;
    return (regime.full && this.options.regime!.whenBusy === 'wait') || (this.rules !== undefined && this.rules.waiting >= this.maxHeld);
  }

  private accept(sample: Sample): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw new Error('Midstream.push: the stream has ended; reset() to start another');
    this.checkOpen('push');
    if (this.rules && this.rules.waiting >= this.maxHeld) {
      throw new Error(
        `Midstream.push: ${this.rules.waiting} samples wait for the regime analysis (rules read regime atoms); await settle() before pushing more`,
      );
    }
    const step = this.count;
    this.reader.read(sample, step);
    this.count++;
    const values = this.reader.values;
    const time = this.reader.time;
    const patterns = this.options.patterns;
    const matched = this.matched;
    for (let p = 0; p < this.matchers.length; p++) {
      const found = this.matchers[p].push(values[patterns[p].field]);
      matched[p] = found.length > 0 ? 1 : 0;
      const base = this.matchBase[p];
      for (let k = 0; k < found.length; k++) this.emitMatch(p, found[k].start + base, found[k].end + base, found[k].distance, step, time);
    }
    if (this.matchers.length > 0) this.matchTaken++;
    if (this.regime) this.regime.take(values[this.options.regime!.field], step, time);
    if (this.rules) this.rules.take(step, time, values, matched);
  }

  private async finish(): Promise<void> {
    this.checkOpen('end');
    if (this.ended) return;
    this.ended = true;
    const step = this.count - 1;
    const time = this.reader.time;
    this.matchers.forEach((matcher, p) => {
      for (const m of matcher.flush()) this.emitMatch(p, m.start + this.matchBase[p], m.end + this.matchBase[p], m.distance, step, time);
    });
    await this.settleAnalyses();
    if (this.closed) return;
    if (this.failure) throw this.failure;
    this.rules?.end(step, time);
    const summary: SummaryEvent = {
      type: 'summary',
      step,
      samples: this.count,
      matches: Object.fromEntries(this.options.patterns.map((p, k) => [p.name, this.matchCounts[k]])),
      regime: this.regime?.current ?? null,
      regimeChanges: this.regime?.changes ?? 0,
      verdicts: this.rules?.verdicts ?? {},
    };
    this.withTime(summary, time);
    this.emit(summary);
  }

  /** Waits until no analysis is in flight (or the pipeline fails or closes). */
  private async settleAnalyses(): Promise<void> {
    while (this.regime && this.regime.inFlight > 0 && !this.failure && !this.closed) await this.nextWake();
  }

  private emitMatch(p: number, start: number, end: number, distance: number, step: number, time: number): void {
    const event: MatchEvent = { type: 'match', step, pattern: this.options.patterns[p].name, start, end, distance };
    if (this.learner) this.learner.matched((event.id = this.nextMatchId++));
    this.withTime(event, time);
    this.matchCounts[p]++;
    this.emit(event);
  }

  private withTime(event: MidstreamEvent, time: number): void {
    if (this.options.timeField !== undefined && !Number.isNaN(time)) event.time = time;
  }

  private emit(event: MidstreamEvent): void {
    if (this.closed) return;
    this.eventCounts[event.type]++;
    this.outbox.push(event);
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /**
   * Resolves on the next notify() (a regime result, a failure, close()), or
   * with `also`'s outcome if that settles first. One waiter at a time: an
   * earlier one is woken now (waiters re-check their condition).
   */
  private nextWake<T = never>(also?: Promise<T>): Promise<T | undefined> {
    this.notify();
    return new Promise<T | undefined>((resolve, reject) => {
      this.wake = () => resolve(undefined);
      also?.then(resolve, reject);
    });
  }

  private checkOpen(what: string): void {
    if (this.closed) throw new Error(`Midstream.${what}: the pipeline is closed`);
  }
}
