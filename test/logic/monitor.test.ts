import { describe, expect, it } from 'vitest';
import type { Formula } from '../../src/logic/ast';
import { formatFormula, monitor, parseFormula, verify, type Verdict } from '../../src/logic/index';
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
  it.each([
    { atoms: ['p', 'q'], horizon: 6, formulas: 25, seed: 10 },
    { atoms: ['p', 'q', 'r'], horizon: 4, formulas: 20, seed: 11 },
  ])('is sound on random formulas over $atoms: every continuation up to length $horizon agrees with a decided verdict', ({ atoms, horizon, formulas, seed }) => {
    const random = seededRandom(seed);
    const valuations = allValuations(atoms);
    let decided = 0;
    for (let t = 0; t < formulas; t++) {
      const formula = randomFormula(random, atoms, 3);
      checkAllPrefixes(formula, valuations, horizon, (prefix, verdict, all, some) => {
        const where = `${formatFormula(formula)} after ${JSON.stringify(prefix)}`;
        if (verdict === 'true') expect(all, where).toBe(true);
        if (verdict === 'false') expect(some, where).toBe(false);
        if (verdict !== 'unknown') decided++;
      });
    }
    expect(decided).toBeGreaterThan(1000);
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
});

describe('monitor: end() against the brute-force reference and verify', () => {
  it('end() is the finite-trace verdict of both, on random formulas, after every step of random traces', () => {
    const random = seededRandom(14);
    const atoms = ['p', 'q', 'r'];
    const valuations = allValuations(atoms);
    let violated = 0;
    for (let t = 0; t < 400; t++) {
      const formula = randomFormula(random, atoms, 4);
      const m = monitor(formula);
      const trace: Valuation[] = [];
      const length = 1 + Math.floor(random() * 16);
      for (let i = 0; i < length; i++) {
        trace.push(valuations[Math.floor(random() * valuations.length)]);
        const verdict = m.push(trace[i]);
        const where = `${formatFormula(formula)} on ${JSON.stringify(trace)}`;
        const result = m.end();
        expect(result.satisfied, where).toBe(holds(formula, trace, 0));
        expect(result.satisfied, where).toBe(verify(formula, trace).satisfied);
        expect(result.satisfied ? result.witness : result.counterexample).toBeDefined();
        if (verdict === 'false') {
          // A decided violation is reported at the step that decided it.
          expect(m.counterexample!.step).toBeLessThanOrEqual(i);
          violated++;
        }
      }
    }
    expect(violated).toBeGreaterThan(200);
  });
});

describe('monitor: bounds in time units (options.timestamp)', () => {
  it('end() agrees with verify, and decided verdicts hold for every longer trace, on random timed traces', () => {
    const random = seededRandom(16);
    const atoms = ['p', 'q', 'r'];
    let decided = 0;
    for (let t = 0; t < 300; t++) {
      const formula = randomFormula(random, atoms, 3);
      const m = monitor(formula, { timestamp: 'time' });
      const trace: (Valuation & { time: number })[] = [];
      let time = random() * 3;
      let verdict: Verdict = m.verdict;
      for (let i = 0; i < 14; i++) {
        time += [0, 0.5, 1, 1.5, 3][Math.floor(random() * 5)];
        trace.push({ p: random() < 0.5, q: random() < 0.5, r: random() < 0.5, time });
        verdict = m.push(trace[i]);
        const expected = verify(formula, trace, { timestamp: 'time' }).satisfied;
        const where = `${formatFormula(formula)} on ${JSON.stringify(trace)}`;
        expect(m.end().satisfied, where).toBe(expected);
        if (verdict !== 'unknown') {
          expect(expected, where).toBe(verdict === 'true');
          decided++;
        }
      }
    }
    expect(decided).toBeGreaterThan(1000);
  });

  it('G (temp > 80 -> F[0,10] temp <= 80) with times: false once 10 time units pass hot', () => {
    const m = monitor('G (temp > 80 -> F[0,10] temp <= 80)', { timestamp: 't' });
    expect(m.push({ t: 0, temp: 70 })).toBe('unknown');
    expect(m.push({ t: 4, temp: 82 })).toBe('unknown');
    expect(m.push({ t: 9, temp: 85 })).toBe('unknown');
    expect(m.push({ t: 15, temp: 79 })).toBe('false');
    expect(m.counterexample).toMatchObject({ step: 3, span: [1, 3] });
    expect(m.exact).toBe(false);
  });

  it('keeps its memory bounded over a long timed stream, and checks timestamps like verify', () => {
    const m = monitor('G (req -> F[0,2.5] grant) && G (H[0,1.5] ok)', { timestamp: 't' });
    for (let i = 0; i < 50_000; i++) m.push({ t: i * 0.25, req: i % 7 === 0, grant: i % 5 === 0, ok: true });
    expect(m.verdict).toBe('unknown');
    expect((m as unknown as { timed: { store: { size: number } } }).timed.store.size).toBeLessThan(20_000);
    expect(() => m.push({ t: 1, req: false, grant: false, ok: true })).toThrow(/timestamps must not decrease/);
    expect(() => m.push({ req: false, grant: false, ok: true })).toThrow(/no timestamp field 't'/);
    expect(() => monitor('F p', { timestamp: 5 as unknown as string })).toThrow(TypeError);
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
  it('reads fractional step bounds as verify does (F[0.5,2.5] is F[1,2])', () => {
    const random = seededRandom(15);
    for (const text of ['F[0.5,2.5] p', 'G[0.2,1.9] p', 'p U[1.5,3] q', 'G (q -> O[0.5,1.5] p)', 'F[0.4,0.6] p']) {
      for (let t = 0; t < 30; t++) {
        const trace = Array.from({ length: 1 + Math.floor(random() * 6) }, () => ({ p: random() < 0.5, q: random() < 0.5 }));
        const m = monitor(text);
        trace.forEach((s) => m.push(s));
        expect(m.end().satisfied, `${text} on ${JSON.stringify(trace)}`).toBe(verify(text, trace).satisfied);
      }
    }
  });

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
