// A monitor's progression when bounds are in time units (options.timestamp).
// The residual's bounded operators hold absolute time windows, so nothing is
// memoised per valuation (times are real numbers): each state costs one
// progression of the residual, and the store of formula nodes is rebuilt with
// only the live residual whenever it has grown fourfold, so memory stays
// bounded by what the formula's windows can hold open. Verdicts are sound but
// decided only when the residual reduces to true or false, as the future
// timestamps are unknown.
import type { CompiledFormula } from './monitor-compile';
import { FormulaStore } from './monitor-formula';
import { lookup, type TraceState } from './state';
import type { PastMemory } from './monitor-past';

const MIN_COLLECT = 4096;

export class TimedProgression {
  store: FormulaStore;
  root: number;
  residual: number;
  private memory: PastMemory;
  private lastTime = -Infinity;
  private collectAt = MIN_COLLECT;

  constructor(private readonly compiled: CompiledFormula) {
    this.store = compiled.store;
    this.root = this.residual = compiled.root;
    this.memory = compiled.past.initialMemory();
  }

  /** The time of the last state read (-Infinity before the first). */
  get time(): number {
    return this.lastTime;
  }

  /**
   * Reads a state at time `now` (not earlier than the last): whether the trace
   * ending here satisfies the formula, and the valuation of base and past atoms.
   */
  push(valuation: number, now: number): { accepted: boolean; full: number } {
    const elapsed = this.lastTime === -Infinity ? 0 : now - this.lastTime;
    const { memory, bits } = this.compiled.past.stepMemory(this.memory, valuation, elapsed);
    const full = valuation | (bits << this.compiled.atoms.length);
    const accepted = this.store.finAt(this.residual, full, now);
    this.residual = this.store.progAt(this.residual, full, now);
    this.memory = memory;
    this.lastTime = now;
    if (this.store.size > this.collectAt) this.collect();
    return { accepted, full };
  }

  /** A copy that reads on independently (the store is shared: it only grows, and a copy that collects takes a fresh one). */
  fork(): TimedProgression {
    return Object.assign(Object.create(TimedProgression.prototype) as TimedProgression, this);
  }

  reset(): void {
    this.residual = this.root;
    this.memory = this.compiled.past.initialMemory();
    this.lastTime = -Infinity;
  }

  private collect(): void {
    const fresh = new FormulaStore(this.compiled.atoms.length);
    const copied = new Map<number, number>();
    this.root = this.store.transfer(this.root, fresh, copied);
    this.residual = this.store.transfer(this.residual, fresh, copied);
    this.store = fresh;
    this.collectAt = Math.max(MIN_COLLECT, 4 * fresh.size);
  }
}

/** A state's timestamp, checked as verify checks a trace's. */
export function readTime(state: TraceState, field: string, step: number, previous: number, where: string): number {
  const t = lookup(state, field);
  if (t === undefined) throw new RangeError(`${where}: the state at step ${step} has no timestamp field '${field}'`);
  if (typeof t !== 'number') throw new TypeError(`${where}: timestamp '${field}' at step ${step} must be a number, got ${t === null ? 'null' : typeof t}`);
  if (!Number.isFinite(t)) throw new RangeError(`${where}: timestamp '${field}' at step ${step} is ${t}; timestamps must be finite`);
  if (t < previous) {
    throw new RangeError(`${where}: timestamp '${field}' at step ${step} is ${t}, earlier than ${previous} at step ${step - 1}; timestamps must not decrease`);
  }
  return t;
}
