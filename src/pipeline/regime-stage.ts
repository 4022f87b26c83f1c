// The regime stage: keeps the last `window` samples of one field, starts an
// analysis every `every` samples, and turns the results, in the order the
// analyses were started, into an event whenever the class changes.
import type { AttractorType } from '../attractor/index';
import type { Scheduler } from '../scheduler/index';
import { ThreadAnalyst, WorkerAnalyst, type Analyst } from './analysts';
import type { ResolvedRegime } from './options';
import type { AnalysisOutcome } from './protocol';
import type { MidstreamStats, RegimeEvent } from './types';

/** What the stage tells the pipeline as results come in. */
export interface RegimeListener {
  event(event: RegimeEvent): void;
  failure(error: Error): void;
  /** An analysis of the samples up to `step` was started. */
  started(step: number): void;
  /** The analysis started at `step` finished; `regime` is the class as of then (unchanged when it found nothing). */
  done(step: number, regime: AttractorType | null): void;
  /** Analyses finished (so there may be room for another). */
  settled(): void;
}

interface PendingAnalysis {
  step: number;
  time: number;
  from: number;
  outcome: AnalysisOutcome | undefined;
}

export class RegimeStage {
  private readonly ring: Float64Array;
  private next = 0;
  private stored = 0;
  private analyst: Analyst | undefined;
  /** Analyses started and not yet reported, oldest first. */
  private readonly pending: PendingAnalysis[] = [];
  /** Bumped by reset() and close(): results of older analyses are ignored. */
  private generation = 0;
  current: AttractorType | null = null;
  changes = 0;
  taken = 0;
  started = 0;
  completed = 0;
  skipped = 0;
  insufficient = 0;

  constructor(
    private readonly spec: ResolvedRegime,
    private readonly scheduler: Scheduler,
    private readonly offload: boolean,
    private readonly listener: RegimeListener,
  ) {
    this.ring = new Float64Array(spec.window);
  }

  get inFlight(): number {
    return this.pending.length;
  }

  get full(): boolean {
    return this.pending.length >= this.spec.maxPending;
  }

  /**
   * Takes sample `step`'s value; starts an analysis when one is due: every
   * `every` samples once `window` have arrived (skipped, and counted, when
   * maxPending are in flight).
   */
  take(value: number, step: number, time: number): void {
    this.ring[this.next] = value;
    this.next = this.next + 1 === this.ring.length ? 0 : this.next + 1;
    if (this.stored < this.ring.length) this.stored++;
    this.taken++;
    // Every analysis sees a full window, so classifications are comparable (and not refused as too short).
    if ((step + 1) % this.spec.every !== 0 || this.stored < this.ring.length) return;
    if (this.full) {
      this.skipped++;
      return;
    }
    this.start(step, time);
  }

  reset(): void {
    this.generation++;
    this.pending.length = 0;
    this.next = 0;
    this.stored = 0;
    this.current = null;
    this.changes = this.taken = this.started = this.completed = this.skipped = this.insufficient = 0;
  }

  close(): void {
    this.generation++;
    this.pending.length = 0;
    this.analyst?.close();
  }

  stats(): MidstreamStats['regime'] {
    return {
      mode: this.analyst?.mode ?? (this.offload ? 'worker' : 'thread'),
      ...(this.analyst?.fallbackReason ? { fallbackReason: this.analyst.fallbackReason } : {}),
      started: this.started,
      completed: this.completed,
      pending: this.pending.length,
      skipped: this.skipped,
      insufficient: this.insufficient,
    };
  }

  private start(step: number, time: number): void {
    const series = this.inOrder();
    const entry: PendingAnalysis = { step, time, from: step + 1 - series.length, outcome: undefined };
    this.pending.push(entry);
    this.started++;
    this.listener.started(step);
    this.analyst ??= this.offload ? new WorkerAnalyst(this.scheduler) : new ThreadAnalyst(this.scheduler);
    const generation = this.generation;
    this.analyst.analyze(series, this.spec.dt).then(
      (outcome) => {
        if (generation !== this.generation) return;
        entry.outcome = outcome;
        this.reportSettled();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.listener.failure(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  /** Reports the analyses at the head of the queue that have finished, in order. */
  private reportSettled(): void {
    while (this.pending.length > 0 && this.pending[0].outcome !== undefined) {
      const { step, time, from, outcome } = this.pending.shift()!;
      this.completed++;
      if (outcome!.kind === 'insufficient') {
        this.insufficient++;
      } else if (outcome!.kind === 'failed') {
        const error = new Error(`Midstream: the regime analysis of samples ${from} to ${step} failed: ${outcome!.name}: ${outcome!.message}`);
        this.listener.failure(error);
      } else if (outcome!.regime !== this.current) {
        const event: RegimeEvent = {
          type: 'regime',
          step,
          regime: outcome!.regime,
          previous: this.current,
          confidence: outcome!.confidence,
          lyapunovExponent: outcome!.lyapunovExponent,
          window: [from, step],
        };
        if (!Number.isNaN(time)) event.time = time;
        this.current = outcome!.regime;
        this.changes++;
        this.listener.event(event);
      }
      this.listener.done(step, this.current);
    }
    this.listener.settled();
  }

  /** The full window, oldest first. */
  private inOrder(): Float64Array {
    const out = new Float64Array(this.ring.length);
    out.set(this.ring.subarray(this.next));
    out.set(this.ring.subarray(0, this.next), this.ring.length - this.next);
    return out;
  }
}
