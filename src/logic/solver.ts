// TemporalSolver: the original library's stateful API (add states one by one,
// verify formulas against what was added), with a ring buffer so a long-running
// feed keeps only its last maxTraceLength states.
import { checkNumber, checkOptions } from '../validate';
import type { Formula } from './ast';
import type { TraceState } from './state';
import { prepareTrace, toFormula, verdict, type Explanation, type VerifyOptions, type VerifyResult } from './verify';

export interface TemporalSolverOptions {
  /** Keep at most this many states; adding more drops the oldest (default Infinity: keep all). */
  maxTraceLength?: number;
  /** As verify's options.timestamp: the field holding each state's time. */
  timestamp?: string;
  /** As verify's options.missing. */
  missing?: VerifyOptions['missing'];
}

export interface SolverResult extends VerifyResult {
  counterexample?: Explanation & {
    /** The trace indices of the states the counterexample involves: span[0], span[0] + 1, ..., span[1]. */
    indices: number[];
  };
}

const WHERE = 'TemporalSolver';

/**
 * A trace that grows one state at a time, checked on demand with verify's
 * semantics. Steps in results are real trace indices: they count every state
 * added since construction or the last clearTrace(), including the ones the
 * ring buffer has dropped (so with maxTraceLength 100, after 250 states the
 * trace verified is states 150–249, and a counterexample there says "step 170").
 * Past operators see only the states kept: Y is false at the oldest one.
 */
export class TemporalSolver {
  private buffer: TraceState[] = [];
  /** Index in `buffer` of the oldest state kept. */
  private head = 0;
  private kept = 0;
  private dropped = 0;
  private limit: number;
  private readonly options: Pick<VerifyOptions, 'timestamp' | 'missing'>;

  constructor(options?: TemporalSolverOptions) {
    const o = checkOptions(options, WHERE);
    this.limit = checkLimit(o.maxTraceLength ?? Infinity);
    this.options = { timestamp: o.timestamp, missing: o.missing };
  }

  /** The number of states kept (at most maxTraceLength). */
  get traceLength(): number {
    return this.kept;
  }

  /** The trace index of the oldest state kept: how many states the ring buffer has dropped. */
  get firstIndex(): number {
    return this.dropped;
  }

  get maxTraceLength(): number {
    return this.limit;
  }

  /** Lowering the limit drops the oldest states at once. */
  set maxTraceLength(value: number) {
    this.limit = checkLimit(value);
    const states = this.states();
    const excess = Math.max(0, states.length - this.limit);
    this.buffer = states.slice(excess);
    this.head = 0;
    this.kept = this.buffer.length;
    this.dropped += excess;
  }

  /** Appends a state (a plain object or a Map); drops the oldest when the trace is full. */
  addState(state: TraceState): void {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw new TypeError(`${WHERE}.addState: state must be an object or a Map, got ${state === null ? 'null' : Array.isArray(state) ? 'an array' : typeof state}`);
    }
    if (this.kept < this.limit) {
      this.buffer.push(state);
      this.kept++;
      return;
    }
    // Full: overwrite the oldest slot.
    this.buffer[this.head] = state;
    this.head = (this.head + 1) % this.buffer.length;
    this.dropped++;
  }

  /** Forgets every state; indices start again at 0. */
  clearTrace(): void {
    this.buffer = [];
    this.head = 0;
    this.kept = 0;
    this.dropped = 0;
  }

  /** The states kept, oldest first. */
  states(): TraceState[] {
    return this.head === 0 ? this.buffer.slice() : [...this.buffer.slice(this.head), ...this.buffer.slice(0, this.head)];
  }

  /** Checks the states kept against a formula (text or AST), as verify does. */
  verify(formula: string | Formula, options?: Pick<VerifyOptions, 'timeoutMs' | 'signal'>): SolverResult {
    const where = `${WHERE}.verify`;
    const ast = toFormula(formula, where);
    const o = checkOptions(options, where);
    const { trace, checkpoint } = prepareTrace(this.states(), { ...this.options, ...o, firstStep: this.dropped }, where);
    const result = verdict(ast, trace, checkpoint);
    if (!result.counterexample) return { satisfied: result.satisfied, witness: result.witness };
    const [from, to] = result.counterexample.span;
    const indices = Array.from({ length: to - from + 1 }, (_, k) => from + k);
    return { satisfied: false, counterexample: { ...result.counterexample, indices } };
  }
}

function checkLimit(value: number): number {
  return checkNumber(value, 'maxTraceLength', WHERE, { min: 1, integer: true, infinite: true });
}
