// monitor(): a formula checked against a live stream, one state at a time,
// with a three-valued verdict (LTL3 on finite traces) that is decided at the
// earliest step at which every continuation agrees. Bounds in steps run on the
// lazily built automaton of monitor-automaton.ts; bounds in time units
// (options.timestamp) on the progression of monitor-timed.ts. The README's
// "Monitoring a live stream" says what is promised.
import type { Formula } from './ast';
import { compileFormula, type CompiledFormula } from './monitor-compile';
import { Automaton } from './monitor-automaton';
import { valuationReader, type ValuationReader } from './monitor-read';
import { atomValues, residualFormula, shortText } from './monitor-report';
import { FALSE, Kind, TRUE, type FormulaStore } from './monitor-formula';
import { TimedProgression, readTime } from './monitor-timed';
import { toFormula, type Explanation } from './verify';
import { formatFormula } from './format';
import type { MissingPolicy, TraceState } from './state';
import { checkChoice, checkOptions } from '../validate';

/** 'true': every continuation (stopping now included) satisfies the formula; 'false': none does. */
export type Verdict = 'true' | 'false' | 'unknown';

export interface MonitorOptions {
  /** A field a formula names and a state lacks: an error (default), or false. */
  missing?: MissingPolicy;
  /**
   * The field of each state that holds its time (a finite number, never
   * decreasing): bounds are then in time units, as in verify. Verdicts stay
   * sound but are decided only when the rule's outcome no longer depends on
   * any future state or time (`exact` is false).
   */
  timestamp?: string;
}

/**
 * Why a verdict was reached, shaped like verify's counterexample and witness:
 * `step` (index of the pushed state that decided it), `formula` (the monitored
 * formula as text), `span` (from the step at which the obligation still open
 * began to `step`) and a one-line `reason` naming that obligation and the
 * atoms it read at `step`.
 */
export type MonitorReport = Explanation;

export interface MonitorResult {
  /** The finite-trace (LTLf) truth of the formula on the states pushed so far. */
  satisfied: boolean;
  counterexample?: MonitorReport;
  witness?: MonitorReport;
}

const WHERE = 'monitor';

export class Monitor {
  /** The formula being checked. */
  readonly formula: Formula;
  private readonly compiled: CompiledFormula;
  /** Bounds in steps: the lazily built automaton. */
  private readonly automaton: Automaton | undefined;
  /** Bounds in time units: progression with absolute time windows. */
  private readonly timed: TimedProgression | undefined;
  private readonly timestamp: string | undefined;
  private readonly read: ValuationReader;
  private readonly text: string;
  private node: number;
  private steps = 0;
  private current: Verdict = 'unknown';
  private accepted = false;
  private previous = -1;
  private lastValuation = 0;
  private spanStart = 0;
  private report: MonitorReport | undefined;
  /** With timestamps: the residual before the last state, for reports. */
  private owedTimed: { store: FormulaStore; residual: number; full: number; now: number } | undefined;

  constructor(formula: Formula | string, options?: MonitorOptions) {
    const opts = checkOptions(options, WHERE);
    const missing = opts.missing === undefined ? 'error' : checkChoice(opts.missing, ['error', 'false'] as const, 'options.missing', WHERE);
    if (opts.timestamp !== undefined && (typeof opts.timestamp !== 'string' || opts.timestamp === '')) {
      throw new TypeError(`${WHERE}: options.timestamp must be the name of a field, got ${typeof opts.timestamp}`);
    }
    this.timestamp = opts.timestamp;
    this.formula = toFormula(formula, WHERE);
    this.compiled = compileFormula(this.formula, WHERE, this.timestamp !== undefined);
    if (this.timestamp === undefined) this.automaton = new Automaton(this.compiled);
    else this.timed = new TimedProgression(this.compiled);
    this.read = valuationReader(this.compiled.atoms, missing, `${WHERE}.push`);
    this.text = formatFormula(this.formula);
    this.node = this.automaton?.initial ?? -1;
    this.current = this.initialVerdict();
  }

  /** The verdict after the states pushed so far. */
  get verdict(): Verdict {
    return this.current;
  }

  /** How many states have been pushed. */
  get step(): number {
    return this.steps;
  }

  /**
   * Whether verdicts are guaranteed to be decided at the earliest possible step:
   * true for formulas with up to 12 distinct atoms (each comparison counts as
   * one, read independently of the others) whose automaton stays within the
   * analysis budget. Verdicts are sound either way.
   */
  get exact(): boolean {
    return this.automaton?.exact ?? false;
  }

  /** Why the verdict is 'false', once it is. */
  get counterexample(): MonitorReport | undefined {
    return this.current === 'false' ? this.report : undefined;
  }

  /** Why the verdict is 'true', once it is. */
  get witness(): MonitorReport | undefined {
    return this.current === 'true' ? this.report : undefined;
  }

  /**
   * Reads one state and returns the verdict after it. Once the verdict is
   * decided it never changes and later states are not read. A state that
   * cannot be read (a missing field, a non-finite number) throws and leaves the
   * monitor as it was.
   */
  push(state: TraceState): Verdict {
    const step = this.steps;
    if (this.current !== 'unknown') {
      this.steps = step + 1;
      return this.current;
    }
    if (typeof state !== 'object' || state === null) {
      throw new TypeError(`${WHERE}.push: state must be an object or a Map, got ${state === null ? 'null' : typeof state}`);
    }
    const now = this.timestamp === undefined ? step : readTime(state, this.timestamp, step, this.timed!.time, `${WHERE}.push`);
    const valuation = this.read(state, step);
    const decided = this.timed ? this.pushTimed(valuation, now, step) : this.pushStep(valuation, step);
    this.steps = step + 1;
    if (!decided) return 'unknown';
    this.current = this.accepted ? 'true' : 'false';
    this.report = this.decidedReport(step);
    return this.current;
  }

  /** Steps one state through the automaton; whether that decides the verdict. */
  private pushStep(valuation: number, step: number): boolean {
    const automaton = this.automaton!;
    const from = this.node;
    if (automaton.isHome(from)) this.spanStart = step;
    const entry = automaton.entry(from, valuation);
    const to = entry >> 1;
    this.previous = from;
    this.node = to;
    this.lastValuation = valuation;
    this.accepted = (entry & 1) === 1;
    return !(this.accepted ? automaton.canReject(to) : automaton.canAccept(to));
  }

  /** Progresses the residual through one timed state; whether that decides the verdict. */
  private pushTimed(valuation: number, now: number, step: number): boolean {
    const timed = this.timed!;
    const store = timed.store;
    const residual = timed.residual;
    if (store.conjuncts(residual) <= store.conjuncts(timed.root)) this.spanStart = step;
    const { accepted, full } = timed.push(valuation, now);
    this.owedTimed = { store, residual, full, now };
    this.lastValuation = valuation;
    this.accepted = accepted;
    return timed.residual === (accepted ? TRUE : FALSE);
  }

  /** The finite-trace verdict of the states pushed so far, as verify would give it. */
  end(): MonitorResult {
    if (this.steps === 0) throw new RangeError(`${WHERE}.end: empty trace (no state was pushed)`);
    if (this.current !== 'unknown') {
      const report = this.report!;
      return this.current === 'true' ? { satisfied: true, witness: report } : { satisfied: false, counterexample: report };
    }
    const step = this.steps - 1;
    const owed = this.owedText(true);
    const report: MonitorReport = {
      step,
      formula: this.text,
      span: [this.spanStart, step],
      reason: this.accepted
        ? `at step ${step} the trace ends with what it still owed met (${owed})`
        : `at step ${step} the trace ends with ${owed} unmet`,
    };
    return this.accepted ? { satisfied: true, witness: report } : { satisfied: false, counterexample: report };
  }

  /**
   * A copy that reads on from here without touching this monitor: pushing to
   * either leaves the other's verdict and reports as they were. Both share the
   * automaton built so far (it only grows, and caches what either learns).
   */
  fork(): Monitor {
    return Object.assign(Object.create(Monitor.prototype) as Monitor, this, { timed: this.timed?.fork() });
  }

  /** Forgets every state pushed: the monitor is as new (the automaton built so far is kept). */
  reset(): void {
    this.timed?.reset();
    this.owedTimed = undefined;
    this.node = this.automaton?.initial ?? -1;
    this.steps = 0;
    this.previous = -1;
    this.accepted = false;
    this.spanStart = 0;
    this.report = undefined;
    this.current = this.initialVerdict();
  }

  private initialVerdict(): Verdict {
    const automaton = this.automaton;
    const root = this.compiled.root;
    const start = automaton?.initial ?? -1;
    if (automaton ? !automaton.canAccept(start) : root === FALSE) {
      this.report = { step: 0, formula: this.text, span: [0, 0], reason: 'no trace at all can satisfy the formula' };
      return 'false';
    }
    if (automaton ? !automaton.canReject(start) : root === TRUE) {
      this.report = { step: 0, formula: this.text, span: [0, 0], reason: 'every trace satisfies the formula' };
      return 'true';
    }
    return 'unknown';
  }

  /**
   * The obligation that was open before the last step, and the atoms it read
   * there. Of a conjunction, only the conjuncts that the last state broke
   * (`ended`: broke by ending the trace there) when some are.
   */
  private owedText(ended = false): string {
    const { store, full, now } = this.owedTimed ?? {
      store: this.compiled.store,
      full: this.automaton!.fullValuation(this.previous, this.lastValuation),
      now: 0,
    };
    let residual = this.owedTimed?.residual ?? this.automaton!.residual[this.previous];
    if (!this.accepted && store.kind[residual] === Kind.And) {
      const broke = (c: number): boolean =>
        !store.finAt(c, full, now) && (ended || (this.timed ? store.progAt(c, full, now) : store.prog(c, full)) === FALSE);
      const broken = store.children[residual].filter(broke);
      if (broken.length > 0) residual = store.and(broken);
    }
    const formula = residualFormula(store, residual, (atom) => this.atomFormula(atom), now);
    const values = atomValues(store, residual, this.compiled.atoms, this.lastValuation);
    return `${shortText(formula)}${values ? ` (with ${values})` : ''}`;
  }

  private atomFormula(atom: number): Formula {
    const { atoms, pastFormulas } = this.compiled;
    return atom < atoms.length ? (atoms[atom] as Formula) : pastFormulas[atom - atoms.length];
  }

  private decidedReport(step: number): MonitorReport {
    const owed = this.owedText();
    const reason =
      this.current === 'true'
        ? `at step ${step} the formula holds whatever comes next: ${owed} is met`
        : `at step ${step} no continuation can satisfy the formula: ${owed} fails`;
    return { step, formula: this.text, span: [this.spanStart, step], reason };
  }
}

/**
 * A monitor for `formula` (text or a parsed formula) over a live stream:
 * `push(state)` returns 'true' | 'false' | 'unknown' after each state.
 */
export function monitor(formula: Formula | string, options?: MonitorOptions): Monitor {
  return new Monitor(formula, options);
}
