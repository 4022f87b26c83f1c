// The pipeline's public types: its options and the events it emits.
import type { AttractorType } from '../attractor/index';
import type { MonitorReport } from '../logic/index';
import type { Scheduler } from '../scheduler/index';
import type { DtwCost } from '../dtw-options';
import type { NumericSeries } from '../validate';
import type { LearnOptions } from './learn';

/** One shape to watch for: a StreamMatcher over one field. */
export interface PatternSpec {
  /** The shape (at least one point). */
  pattern: NumericSeries;
  /** Report subsequences whose DTW distance to the pattern is at most this. */
  threshold: number;
  /** Sakoe-Chiba band radius: points, or a fraction in (0, 1) of the pattern length. */
  window?: number;
  cost?: DtwCost;
  /** The field the pattern is matched on. Default: the only field (required with several). */
  field?: string;
}

/** Regime analysis: the attractor of the last `window` samples of one field, every `every` samples once `window` have arrived. */
export interface RegimeSpec {
  /** Default: the only field (required with several). */
  field?: string;
  /** Samples analysed (the most recent ones). Default 4000, at least 100. */
  window?: number;
  /** An analysis after every this many samples. Default 1000. */
  every?: number;
  /** Sampling interval, for the Lyapunov exponent per unit of time. Default 1. */
  dt?: number;
  /**
   * Analyses waiting or running at once, at most. Default 2. An analysis that
   * falls due while this many are in flight is skipped by push() (counted in
   * stats().regime.skipped); run() does as `whenBusy` says.
   */
  maxPending?: number;
  /**
   * What run() does when an analysis falls due while maxPending are in flight:
   * 'wait' (default) stops pulling from the source until one finishes, so no
   * analysis is skipped and every event is the same however fast the analysis
   * runs; 'skip' goes on and skips it, so a live feed's matching never waits
   * for an analysis slower than the data (rules reading regime atoms then
   * depend on timing).
   */
  whenBusy?: 'wait' | 'skip';
}

export interface MidstreamOptions {
  /** Named fields: samples are objects ({ temp: 1, load: 2 }) or arrays in this order. */
  fields?: readonly string[];
  /** Unnamed vector samples of this many numbers; their fields are x0, x1, ... */
  dimension?: number;
  /** Samples (objects) carry their time, a number, in this key; events report it as `time`. Then every sample needs it (no arrays). */
  timeField?: string;
  patterns?: Readonly<Record<string, PatternSpec>>;
  regime?: RegimeSpec;
  /** Temporal-logic rules over the fields and the atoms match.<pattern> and regime.<class>. */
  rules?: Readonly<Record<string, string>>;
  /** Shared scheduler: regime analysis in the thread runs as its 'background' tasks. Default: one of its own. */
  scheduler?: Scheduler;
  /** Regime analysis in a worker (worker_threads in Node, a Web Worker in browsers). Default false. */
  offload?: boolean;
  /** Thresholds tuned by a StrangeLoop from labels on match events (see Midstream.feedback). */
  learn?: LearnOptions;
}

/** A sample: a number (plain stream), an array of numbers, or an object with the fields. */
export type Sample = number | ArrayLike<number> | Readonly<Record<string, unknown>>;

interface EventBase {
  /** 0-based index of the sample at which the event was decided (at end(): the last sample's). */
  step: number;
  /** The sample's time, when options.timeField is set. */
  time?: number;
}

export interface MatchEvent extends EventBase {
  type: 'match';
  /** With options.learn: what Midstream.feedback() takes; counts from 0 per pipeline (and again after reset()). */
  id?: number;
  pattern: string;
  /** Sample index of the match's first point. */
  start: number;
  /** Sample index of its last point (inclusive). */
  end: number;
  distance: number;
}

export interface RegimeEvent extends EventBase {
  type: 'regime';
  regime: AttractorType;
  /** The class before this change; null for the first analysis. */
  previous: AttractorType | null;
  confidence: number;
  lyapunovExponent: number;
  /** Sample indices analysed, inclusive. */
  window: [number, number];
}

export interface VerdictEvent extends EventBase {
  type: 'verdict';
  rule: string;
  verdict: 'true' | 'false';
  /** For a 'false' verdict: the step, the span of steps and the reason (the monitor's report). */
  counterexample?: MonitorReport;
}

export interface SummaryEvent extends EventBase {
  type: 'summary';
  samples: number;
  /** Matches per pattern. */
  matches: Record<string, number>;
  /** The last regime found (null without regime analysis or before the first). */
  regime: AttractorType | null;
  regimeChanges: number;
  /** Each rule's final verdict. */
  verdicts: Record<string, 'true' | 'false' | 'unknown'>;
}

export type MidstreamEvent = MatchEvent | RegimeEvent | VerdictEvent | SummaryEvent;

export interface MidstreamStats {
  /** Samples accepted (pushed without error). */
  samples: number;
  /** Samples each configured stage has taken in (0 for a stage not configured); each equals `samples` once end() has settled. */
  stages: { match: number; regime: number; rules: number };
  /** Events emitted so far, by type. */
  events: { match: number; regime: number; verdict: number; summary: number };
  regime: {
    /** Where the analysis runs: 'worker', 'thread' (scheduler 'background' tasks) or 'none'. */
    mode: 'worker' | 'thread' | 'none';
    /** Why it runs in the thread although offload was asked for (e.g. a CSP forbids blob: workers). */
    fallbackReason?: string;
    started: number;
    completed: number;
    /** Analyses waiting or running now. */
    pending: number;
    /** Analyses push() did not start because maxPending were in flight (run() waits instead). */
    skipped: number;
    /** Analyses that found too few points (InsufficientDataError); no event. */
    insufficient: number;
  };
  buffers: {
    /** Events waiting to be taken now, and the most ever waiting at once. */
    events: number;
    maxEvents: number;
    /** Samples the rules hold while they wait for a regime analysis, and the most ever held. */
    heldForRules: number;
    maxHeldForRules: number;
  };
  closed: boolean;
}
