import { describe, expect, it } from 'vitest';
import type { Formula } from '../../src/logic/ast';
import { formatFormula, monitor, parseFormula, type Verdict } from '../../src/logic/index';
import { seededRandom } from '../support/random';
import { allValuations, holds, randomFormula, type Valuation } from './monitor-reference';

/** Verdicts after each prefix of `trace`. */
function verdicts(formula: Formula | string, trace: readonly Valuation[]): Verdict[] {
  const m = monitor(formula);
  return trace.map((state) => m.push(state));
}

/**
 * Walks every trace up to `horizon` states over `valuations`; at each prefix
 * compares the monitor's verdict with whether all (some) continuations within
 * the horizon, stopping at once included, satisfy the formula by brute force.
 */
function checkAllPrefixes(
  formula: Formula,
  valuations: readonly Valuation[],
  horizon: number,
  onPrefix: (prefix: readonly Valuation[], verdict: Verdict, all: boolean, some: boolean) => void,
): void {
  const m = monitor(formula);
  const walk = (prefix: Valuation[]): { all: boolean; some: boolean } => {
    // The empty trace is no trace: only its continuations count.
    const here = prefix.length > 0 && holds(formula, prefix, 0);
    let all = prefix.length === 0 || here;
    let some = here;
    if (prefix.length < horizon) {
      for (const v of valuations) {
        prefix.push(v);
        const child = walk(prefix);
        prefix.pop();
        all &&= child.all;
        some ||= child.some;
      }
    }
    m.reset();
    let verdict: Verdict = m.verdict;
    for (const state of prefix) verdict = m.push(state);
    if (prefix.length > 0) onPrefix(prefix, verdict, all, some);
    return { all, some };
  };
  walk([]);
}

describe('monitor: verdicts against every continuation', () => {
  it('is sound on random formulas: every continuation up to length 6 over 2 atoms agrees with a decided verdict', () => {
    const random = seededRandom(10);
    const atoms = ['p', 'q'];
    const valuations = allValuations(atoms);
    let decided = 0;
    for (let t = 0; t < 50; t++) {
      const formula = randomFormula(random, atoms, 3);
      checkAllPrefixes(formula, valuations, 6, (prefix, verdict, all, some) => {
        const where = `${formatFormula(formula)} after ${JSON.stringify(prefix)}`;
        if (verdict === 'true') expect(all, where).toBe(true);
        if (verdict === 'false') expect(some, where).toBe(false);
        if (verdict !== 'unknown') decided++;
      });
    }
    expect(decided).toBeGreaterThan(1000);
  });

  it('is sound on random formulas over 3 atoms (continuations up to length 4)', () => {
    const random = seededRandom(11);
    const atoms = ['p', 'q', 'r'];
    const valuations = allValuations(atoms);
    for (let t = 0; t < 40; t++) {
      const formula = randomFormula(random, atoms, 3);
      checkAllPrefixes(formula, valuations, 3, (prefix, verdict, all, some) => {
        const where = `${formatFormula(formula)} after ${JSON.stringify(prefix)}`;
        if (verdict === 'true') expect(all, where).toBe(true);
        if (verdict === 'false') expect(some, where).toBe(false);
      });
    }
  });

  it('is exact: an undecided verdict has both a satisfying and a violating continuation within the horizon', () => {
    // Bounds are at most 4 and nesting at most 2 deep, so 6 more steps always
    // suffice to tell the two apart when the verdict is not yet determined.
    const random = seededRandom(12);
    const atoms = ['p', 'q'];
    const valuations = allValuations(atoms);
    let undecided = 0;
    for (let t = 0; t < 80; t++) {
      const formula = randomFormula(random, atoms, 2);
      checkAllPrefixes(formula, valuations, 6, (prefix, verdict, all, some) => {
        if (prefix.length > 2) return;
        const where = `${formatFormula(formula)} after ${JSON.stringify(prefix)}`;
        if (verdict === 'unknown') {
          undecided++;
          expect(all, where).toBe(false);
          expect(some, where).toBe(true);
        } else {
          expect(verdict, where).toBe(all ? 'true' : 'false');
        }
      });
    }
    expect(undecided).toBeGreaterThan(50);
  });

  it('end() is the finite-trace verdict of the brute-force reference on random traces', () => {
    const random = seededRandom(13);
    const atoms = ['p', 'q', 'r'];
    const valuations = allValuations(atoms);
    for (let t = 0; t < 300; t++) {
      const formula = randomFormula(random, atoms, 4);
      const m = monitor(formula);
      const trace: Valuation[] = [];
      const length = 1 + Math.floor(random() * 12);
      for (let i = 0; i < length; i++) {
        trace.push(valuations[Math.floor(random() * valuations.length)]);
        m.push(trace[i]);
        const result = m.end();
        expect(result.satisfied, `${formatFormula(formula)} on ${JSON.stringify(trace)}`).toBe(holds(formula, trace, 0));
        expect(result.satisfied ? result.witness : result.counterexample).toBeDefined();
      }
    }
  });
});

describe('monitor: earliness', () => {
  const T = true;
  const F = false;
  const pq = (p: boolean, q: boolean): Valuation => ({ p, q });

  it("F p && G !p is 'false' at the first step (and before it)", () => {
    const m = monitor('F p && G !p');
    expect(m.verdict).toBe('false');
    expect(m.push({ p: false })).toBe('false');
  });

  it("G (p -> X q) turns 'false' exactly at the step after a p without q", () => {
    const trace = [pq(F, F), pq(T, T), pq(F, T), pq(T, F), pq(F, F), pq(T, T)];
    expect(verdicts('G (p -> X q)', trace)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'false', 'false']);
    const m = monitor('G (p -> X q)');
    trace.forEach((s) => m.push(s));
    expect(m.counterexample).toMatchObject({ step: 4, formula: 'G (p -> X q)', span: [3, 4] });
    expect(m.counterexample!.reason).toContain('step 4');
  });

  it("G F p stays 'unknown'", () => {
    const random = seededRandom(3);
    const trace = Array.from({ length: 200 }, () => pq(random() < 0.5, false));
    expect(new Set(verdicts('G F p', trace))).toEqual(new Set(['unknown']));
  });

  it('decides bounded and until formulas at the earliest step', () => {
    expect(verdicts('F p', [pq(F, F), pq(F, F), pq(T, F)])).toEqual(['unknown', 'unknown', 'true']);
    expect(verdicts('G[0,2] p', [pq(T, F), pq(T, F), pq(T, F)])).toEqual(['unknown', 'unknown', 'true']);
    expect(verdicts('F[0,2] p', [pq(F, F), pq(F, F), pq(F, F)])).toEqual(['unknown', 'unknown', 'false']);
    expect(verdicts('p U q', [pq(T, F), pq(T, F), pq(F, T)])).toEqual(['unknown', 'unknown', 'true']);
    expect(verdicts('p U q', [pq(T, F), pq(F, F)])).toEqual(['unknown', 'false']);
    // X X p: decided by the third state, not by the first two.
    expect(verdicts('X X p', [pq(F, F), pq(F, F), pq(T, F)])).toEqual(['unknown', 'unknown', 'true']);
    // Satisfied if the trace stops now, violated by any next step: undecided.
    expect(verdicts('G (p -> WX false)', [pq(F, F), pq(T, F)])).toEqual(['unknown', 'unknown']);
  });

  it('G (req -> F[0,5] grant): false 5 steps after an unanswered req, with the span', () => {
    const m = monitor('G (req -> F[0,5] grant)');
    const out: Verdict[] = [];
    for (let i = 0; i < 12; i++) out.push(m.push({ req: i === 3, grant: false }));
    expect(out.indexOf('false')).toBe(8);
    expect(m.counterexample).toMatchObject({ step: 8, span: [3, 8] });
  });

  it('reads past-time sub-formulas from a bounded memory: G (alarm -> H[0,3] (x < 5))', () => {
    const run = (alarmAt: number): number => {
      const m = monitor('G (alarm -> H[0,3] (x < 5))');
      for (let i = 0; i < 20; i++) if (m.push({ alarm: i === alarmAt, x: i === 2 ? 9 : 0 }) === 'false') return i;
      return -1;
    };
    expect(run(4)).toBe(4);
    expect(run(5)).toBe(5);
    expect(run(6)).toBe(-1);
    expect(run(1)).toBe(-1);
  });

  it("Y p is false at step 0, so the formula is 'false' before any state", () => {
    expect(monitor('Y p').verdict).toBe('false');
    expect(verdicts('G (q -> Y p)', [pq(T, F), pq(F, T), pq(F, T)])).toEqual(['unknown', 'unknown', 'false']);
  });

  it('stops reading states once decided, and reset() starts over', () => {
    const m = monitor('F p');
    expect(m.push({ p: true })).toBe('true');
    expect(m.push({} as Valuation)).toBe('true');
    expect(m.step).toBe(2);
    expect(m.witness).toMatchObject({ step: 0 });
    m.reset();
    expect([m.verdict, m.step]).toEqual(['unknown', 0]);
    expect(m.push({ p: false })).toBe('unknown');
  });
});

describe('monitor: states and options', () => {
  it('reads comparisons, nested fields and Maps like verify', () => {
    const m = monitor(parseFormula('G (temp > 80 -> door.open)'));
    expect(m.push({ temp: 20, door: { open: false } })).toBe('unknown');
    expect(m.push(new Map<string, unknown>([['temp', 90], ['door.open', true]]))).toBe('unknown');
    expect(m.push({ temp: 81, 'door.open': false })).toBe('false');
  });

  it('a missing field is a RangeError naming it and the step, and leaves the monitor as it was', () => {
    const m = monitor('G p');
    m.push({ p: true });
    expect(() => m.push({ q: true })).toThrow(/step 1 has no field 'p'/);
    expect(m.step).toBe(1);
    expect(m.push({ p: false })).toBe('false');
    expect(monitor('G !p', { missing: 'false' }).push({})).toBe('unknown');
  });

  it('rejects bad arguments with the function and argument named', () => {
    expect(() => monitor(42 as unknown as string)).toThrow(TypeError);
    expect(() => monitor('G p', { missing: 'zero' as 'false' })).toThrow(/monitor: options.missing/);
    expect(() => monitor('G p').push(null as unknown as Valuation)).toThrow(/monitor.push: state/);
    expect(() => monitor('Y F p')).toThrow(/past-time operator/);
    expect(() => monitor('G p').end()).toThrow(/empty trace/);
    expect(() => monitor('G p').push({ p: NaN } as unknown as Valuation)).toThrow(RangeError);
  });

  it('is sound with more than 12 atoms, where it decides only what progression makes constant', () => {
    const names = Array.from({ length: 14 }, (_, k) => `a${k}`);
    const m = monitor(names.map((n) => `F ${n}`).join(' && '));
    expect(m.exact).toBe(false);
    const state = Object.fromEntries(names.map((n) => [n, true]));
    expect(m.push(state)).toBe('true');
    const g = monitor(`G (${names.join(' || ')})`);
    expect(g.push(Object.fromEntries(names.map((n) => [n, false])))).toBe('false');
  });

  it('memory is bounded by the formula: G (req -> F[0,50] grant) over 100,000 states', () => {
    const m = monitor('G (req -> F[0,50] grant)');
    const random = seededRandom(5);
    for (let i = 0; i < 100_000; i++) m.push({ req: random() < 0.1, grant: random() < 0.3 });
    expect(m.verdict).toBe('unknown');
    expect((m as unknown as { automaton: { size: number } }).automaton.size).toBeLessThanOrEqual(53);
  });
});
