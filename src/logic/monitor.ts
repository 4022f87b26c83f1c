// monitor(): a formula checked against a live stream, one state at a time,
// with a three-valued verdict (LTL3 on finite traces) that is decided at the
// earliest step at which every continuation agrees. See monitor-automaton.ts
// for how, and the README's "Monitoring a live stream" for what is promised.
import type { Formula } from './ast';
import { compileFormula, type CompiledFormula } from './monitor-compile';
import { Automaton } from './monitor-automaton';
import { valuationReader, type ValuationReader } from './monitor-read';
import { atomValues, residualFormula, shortText } from './monitor-report';
import { parseFormula } from './parse';
import { formatFormula } from './format';
import type { MissingPolicy, TraceState } from './state';
import { checkChoice, checkOptions } from '../validate';

/** 'true': every continuation (stopping now included) satisfies the formula; 'false': none does. */
export type Verdict = 'true' | 'false' | 'unknown';

export interface MonitorOptions {
  /** A field a formula names and a state lacks: an error (default), or false. */
  missing?: MissingPolicy;
}

/** Why a verdict was reached, shaped like verify's counterexample and witness. */
export interface MonitorReport {
  /** The step (0-based index of the pushed state) at which the verdict was decided. */
  step: number;
  /** The formula the monitor checks, as text. */
  formula: string;
  /** The first and last step the reason looks at: from the step the open obligation began to `step`. */
  span: [number, number];
  /** One line a person can read. */
  reason: string;
}

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
  private readonly automaton: Automaton;
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

  constructor(formula: Formula | string, options?: MonitorOptions) {
    if (typeof formula !== 'string' && (typeof formula !== 'object' || formula === null)) {
      throw new TypeError(`${WHERE}: formula must be a string or a formula object, got ${formula === null ? 'null' : typeof formula}`);
    }
    const opts = checkOptions(options, WHERE);
    const missing = opts.missing === undefined ? 'error' : checkChoice(opts.missing, ['error', 'false'] as const, 'options.missing', WHERE);
    this.formula = typeof formula === 'string' ? parseFormula(formula) : formula;
    this.compiled = compileFormula(this.formula, WHERE);
    this.automaton = new Automaton(this.compiled);
    this.read = valuationReader(this.compiled.atoms, missing, `${WHERE}.push`);
    this.text = formatFormula(this.formula);
    this.node = this.automaton.initial;
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
    return this.automaton.exact;
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
    const valuation = this.read(state, step);
    const automaton = this.automaton;
    const from = this.node;
    if (automaton.isHome(from)) this.spanStart = step;
    const entry = automaton.entry(from, valuation);
    const to = entry >> 1;
    this.previous = from;
    this.node = to;
    this.lastValuation = valuation;
    this.accepted = (entry & 1) === 1;
    this.steps = step + 1;
    if (this.accepted ? automaton.canReject(to) : automaton.canAccept(to)) return 'unknown';
    this.current = this.accepted ? 'true' : 'false';
    this.report = this.decidedReport(step);
    return this.current;
  }

  /** The finite-trace verdict of the states pushed so far, as verify would give it. */
  end(): MonitorResult {
    if (this.steps === 0) throw new RangeError(`${WHERE}.end: empty trace (no state was pushed)`);
    if (this.current !== 'unknown') {
      const report = this.report!;
      return this.current === 'true' ? { satisfied: true, witness: report } : { satisfied: false, counterexample: report };
    }
    const step = this.steps - 1;
    const owed = this.owedText();
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

  /** Forgets every state pushed: the monitor is as new (the automaton built so far is kept). */
  reset(): void {
    this.node = this.automaton.initial;
    this.steps = 0;
    this.previous = -1;
    this.accepted = false;
    this.spanStart = 0;
    this.report = undefined;
    this.current = this.initialVerdict();
  }

  private initialVerdict(): Verdict {
    const start = this.automaton.initial;
    if (!this.automaton.canAccept(start)) {
      this.report = { step: 0, formula: this.text, span: [0, 0], reason: 'no trace at all can satisfy the formula' };
      return 'false';
    }
    if (!this.automaton.canReject(start)) {
      this.report = { step: 0, formula: this.text, span: [0, 0], reason: 'every trace satisfies the formula' };
      return 'true';
    }
    return 'unknown';
  }

  /** The obligation that was open before the last step, and the atoms it read there. */
  private owedText(): string {
    const { store } = this.compiled;
    const residual = this.automaton.residual[this.previous];
    const formula = residualFormula(store, residual, (atom) => this.atomFormula(atom));
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
