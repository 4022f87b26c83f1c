// The rules stage: one temporal-logic monitor per rule, fed one state per
// sample: the fields, plus the derived atoms match.<pattern> (a match of that
// pattern was reported at this sample) and regime.<class> (the class found by
// the latest analysis decided at or before this sample; fixed_point,
// limit_cycle, chaotic, stochastic, unknown). A rule that names regime atoms
// waits for the analyses in flight, so its verdicts do not depend on how fast
// they run.
import type { AttractorType } from '../attractor/index';
import { monitor, parseFormula, type Formula, type Monitor, type MonitorReport } from '../logic/index';
import type { VerdictEvent } from './types';

const WHERE = 'Midstream';
const REGIME_ATOMS: Record<string, AttractorType> = {
  'regime.fixed_point': 'fixed-point',
  'regime.limit_cycle': 'limit-cycle',
  'regime.chaotic': 'chaotic',
  'regime.stochastic': 'stochastic',
  'regime.unknown': 'unknown',
};

/** Every field name a formula reads (atoms and comparison terms). */
function namesIn(formula: Formula, into: Set<string>): Set<string> {
  switch (formula.kind) {
    case 'true':
    case 'false':
      break;
    case 'atom':
      into.add(formula.name);
      break;
    case 'compare':
      for (const term of [formula.left, formula.right]) if (term.kind === 'field') into.add(term.name);
      break;
    default:
      if ('operand' in formula) namesIn(formula.operand, into);
      else {
        namesIn(formula.left, into);
        namesIn(formula.right, into);
      }
  }
  return into;
}

interface Rule {
  name: string;
  monitor: Monitor;
  /** The verdict reported for this rule, once there is one. */
  verdict: 'true' | 'false' | 'unknown';
}

/** A sample as the rules see it, kept while a rule waits for the regime. */
interface HeldState {
  step: number;
  time: number;
  values: Float64Array;
  matched: Uint8Array;
}

export class RuleStage {
  private readonly rules: Rule[];
  /** The state object the monitors read; reused for every sample. */
  private readonly state: Record<string, number | boolean> = {};
  private readonly matchKeys: string[];
  private readonly waitsForRegime: boolean;
  private readonly held: HeldState[] = [];
  /** Trigger steps of the analyses in flight, oldest first. */
  private readonly awaited: number[] = [];
  private regime: AttractorType | null = null;
  taken = 0;
  /** The most states ever held at once. */
  maxHeld = 0;

  constructor(
    rules: Array<{ name: string; formula: string }>,
    private readonly fields: readonly string[],
    patterns: readonly string[],
    hasRegime: boolean,
    private readonly emit: (event: VerdictEvent) => void,
  ) {
    this.matchKeys = patterns.map((p) => `match.${p}`);
    let waits = false;
    this.rules = rules.map(({ name, formula }) => {
      const parsed = parseFormula(formula);
      for (const atom of namesIn(parsed, new Set())) {
        if (fields.includes(atom) || this.matchKeys.includes(atom)) continue;
        if (atom in REGIME_ATOMS) {
          if (!hasRegime) throw new RangeError(`${WHERE}: options.rules.${name} names '${atom}', but there is no options.regime`);
          waits = true;
          continue;
        }
        const known = [...fields, ...this.matchKeys, ...(hasRegime ? Object.keys(REGIME_ATOMS) : [])].join(', ');
        throw new RangeError(`${WHERE}: options.rules.${name} names '${atom}', which is not a field or derived atom (known: ${known})`);
      }
      return { name, monitor: monitor(parsed), verdict: 'unknown' as const };
    });
    this.waitsForRegime = waits;
    this.fillRegime();
  }

  get verdicts(): Record<string, 'true' | 'false' | 'unknown'> {
    return Object.fromEntries(this.rules.map((r) => [r.name, r.verdict]));
  }

  /** States waiting for a regime analysis. */
  get waiting(): number {
    return this.held.length;
  }

  /** An analysis was started at `step`: rules reading the regime wait for it from that sample on. */
  analysisStarted(step: number): void {
    if (this.waitsForRegime) this.awaited.push(step);
  }

  /** The analysis started at `step` finished (`regime` unchanged when it found nothing). */
  analysisDone(step: number, regime: AttractorType | null): void {
    if (!this.waitsForRegime) {
      this.regime = regime;
      this.fillRegime();
      return;
    }
    this.awaited.shift();
    this.release(step);
    this.regime = regime;
    this.fillRegime();
    this.release(this.awaited.length > 0 ? this.awaited[0] : Infinity);
  }

  take(step: number, time: number, values: Float64Array, matched: Uint8Array): void {
    if (this.awaited.length > 0 || this.held.length > 0) {
      this.held.push({ step, time, values: values.slice(), matched: matched.slice() });
      if (this.held.length > this.maxHeld) this.maxHeld = this.held.length;
      return;
    }
    this.evaluate(step, time, values, matched);
  }

  /** Final verdicts for the rules still undecided (call once nothing is held). */
  end(step: number, time: number): void {
    if (this.taken === 0) return;
    for (const rule of this.rules) {
      if (rule.verdict !== 'unknown') continue;
      const result = rule.monitor.end();
      this.emitVerdict(rule, result.satisfied ? 'true' : 'false', step, time, result.counterexample);
    }
  }

  reset(): void {
    for (const rule of this.rules) {
      rule.monitor.reset();
      rule.verdict = 'unknown';
    }
    this.held.length = 0;
    this.awaited.length = 0;
    this.regime = null;
    this.fillRegime();
    this.taken = 0;
    this.maxHeld = 0;
  }

  private release(before: number): void {
    while (this.held.length > 0 && this.held[0].step < before) {
      const s = this.held.shift()!;
      this.evaluate(s.step, s.time, s.values, s.matched);
    }
  }

  private evaluate(step: number, time: number, values: Float64Array, matched: Uint8Array): void {
    this.taken++;
    const state = this.state;
    for (let f = 0; f < this.fields.length; f++) state[this.fields[f]] = values[f];
    for (let p = 0; p < this.matchKeys.length; p++) state[this.matchKeys[p]] = matched[p] === 1;
    for (const rule of this.rules) {
      if (rule.verdict !== 'unknown') continue;
      const verdict = rule.monitor.push(state);
      if (verdict === 'unknown') continue;
      this.emitVerdict(rule, verdict, step, time, rule.monitor.counterexample);
    }
  }

  private emitVerdict(rule: Rule, verdict: 'true' | 'false', step: number, time: number, counterexample: MonitorReport | undefined): void {
    rule.verdict = verdict;
    const event: VerdictEvent = { type: 'verdict', step, rule: rule.name, verdict };
    if (verdict === 'false' && counterexample !== undefined) event.counterexample = counterexample;
    if (!Number.isNaN(time)) event.time = time;
    this.emit(event);
  }

  private fillRegime(): void {
    for (const [atom, type] of Object.entries(REGIME_ATOMS)) this.state[atom] = this.regime === type;
  }
}
