// verify against the reference evaluator of reference.ts on seeded random
// (formula, trace) pairs, and on hand-written cases with known reasons.
import { describe, expect, it } from 'vitest';
import type { Formula } from '../../src/logic/ast';
import { formatFormula, InsufficientDataError, parseFormula, verify } from '../../src/index';
import { seededRandom, randomInt } from '../support/random';
import { randomFormula, randomTrace, TRACE_SHAPE } from './random-formulas';
import { referenceHolds } from './reference';

/** Every operator kind in a formula. */
function kinds(f: Formula, into = new Set<string>()): Set<string> {
  into.add('bounds' in f && f.bounds ? `${f.kind}[]` : f.kind);
  if ('operand' in f) kinds(f.operand, into);
  if ('left' in f && f.kind !== 'compare') {
    kinds(f.left, into);
    kinds(f.right, into);
  }
  return into;
}

describe('verify agrees with the reference evaluator', () => {
  const PAIRS = 6000;
  for (const timestamp of [undefined, 't'] as const) {
    it(`on ${PAIRS} random formulas and traces, bounds in ${timestamp ? 'time units' : 'steps'}`, () => {
      const random = seededRandom(timestamp ? 2024 : 1066);
      const seen = new Set<string>();
      let satisfied = 0;
      for (let k = 0; k < PAIRS; k++) {
        const formula = randomFormula(random, randomInt(random, 1, 4), TRACE_SHAPE);
        const trace = randomTrace(random, randomInt(random, 1, 12));
        kinds(formula, seen);
        const options = timestamp ? { timestamp } : {};
        const expected = referenceHolds(formula, trace, options);
        const result = verify(formula, trace, options);
        if (result.satisfied !== expected) {
          throw new Error(`pair ${k}: ${formatFormula(formula)} on ${JSON.stringify(trace)}: verify ${result.satisfied}, reference ${expected}`);
        }
        satisfied += expected ? 1 : 0;
        const why = result.satisfied ? result.witness! : result.counterexample!;
        expect(why.step).toBeGreaterThanOrEqual(0);
        expect(why.step).toBeLessThan(trace.length);
        expect(why.span[0]).toBeLessThanOrEqual(why.span[1]);
        expect(why.reason).toMatch(/^at step \d+ /);
        expect(() => parseFormula(why.formula)).not.toThrow();
      }
      // Both verdicts are common, and every operator appeared, bounded and not.
      expect(satisfied / PAIRS).toBeGreaterThan(0.2);
      expect(satisfied / PAIRS).toBeLessThan(0.8);
      for (const kind of ['eventually[]', 'always[]', 'until[]', 'once[]', 'historically[]', 'since[]', 'weakUntil', 'release', 'strongRelease', 'next', 'weakNext', 'yesterday', 'compare', 'iff']) {
        expect(seen).toContain(kind);
      }
    });
  }

  it('on longer traces with large bounds, where windows are cut at both ends', () => {
    const random = seededRandom(7);
    const shape = { ...TRACE_SHAPE, bounds: (r: () => number) => ({ lo: randomInt(r, 0, 30), hi: randomInt(r, 30, 90) }) };
    for (let k = 0; k < 300; k++) {
      const formula = randomFormula(random, 2, shape);
      const trace = randomTrace(random, randomInt(random, 20, 60));
      expect(verify(formula, trace).satisfied, formatFormula(formula)).toBe(referenceHolds(formula, trace));
      expect(verify(formula, trace, { timestamp: 't' }).satisfied).toBe(referenceHolds(formula, trace, { timestamp: 't' }));
    }
  });
});

describe('counterexamples and witnesses', () => {
  const requests = Array.from({ length: 100 }, (_, i) => ({ req: i === 5 || i === 17, grant: i === 10 || i >= 90 }));

  it("G (req -> F[0,50] grant): the issue's example", () => {
    expect(verify('G (req -> F[0,50] grant)', requests)).toEqual({
      satisfied: false,
      counterexample: {
        step: 67,
        formula: 'req -> F[0,50] grant',
        span: [17, 67],
        reason: 'at step 17 req holds and grant does not hold in steps 17–67',
      },
    });
  });

  it('G p fails at the first step where p does not hold, as the reference says', () => {
    const random = seededRandom(3);
    for (let k = 0; k < 200; k++) {
      const p = randomFormula(random, 2, { ...TRACE_SHAPE, bounds: () => undefined });
      const trace = randomTrace(random, 15);
      const result = verify({ kind: 'always', operand: p }, trace);
      const firstFalse = trace.findIndex((_, i) => !referenceHolds(p, trace, {}, i));
      expect(result.satisfied).toBe(firstFalse < 0);
      if (firstFalse >= 0 && !/[XFGUWRMYOHS]/.test(formatFormula(p))) {
        expect(result.counterexample!.step).toBe(firstFalse);
        expect(result.counterexample!.reason.startsWith(`at step ${firstFalse} `)).toBe(true);
      }
    }
  });

  it('F p and p U q are witnessed at the first step that fulfils them', () => {
    const random = seededRandom(4);
    for (let k = 0; k < 200; k++) {
      const trace = randomTrace(random, 15);
      const f = verify('F (a && b)', trace);
      const first = trace.findIndex((s) => s.a && s.b);
      expect(f.satisfied).toBe(first >= 0);
      if (first >= 0) expect(f.witness!.step).toBe(first);
      const u = verify('a U[2,6] b', trace);
      const j = trace.findIndex((s, i) => s.b && i >= 2 && i <= 6 && trace.slice(0, i).every((r) => r.a));
      expect(u.satisfied).toBe(j >= 0);
      if (j >= 0) expect(u.witness).toMatchObject({ step: j, formula: 'a U[2,6] b' });
    }
  });

  it('explains each operator in one line', () => {
    const trace = [
      { p: true, q: false, x: 1 },
      { p: true, q: false, x: 2 },
      { p: false, q: false, x: 3 },
      { p: true, q: true, x: 9 },
    ];
    const reason = (f: string) => verify(f, trace).counterexample?.reason;
    expect(reason('p U q')).toBe('at step 0 q does not hold in steps 0–2 and p does not hold at step 2');
    expect(reason('G (x < 5)')).toBe('at step 3 x < 5 does not hold (x is 9)');
    expect(reason('X X X X p')).toBe('at step 3 the trace ends, so X p does not hold');
    expect(reason('F[5,9] p')).toBe('at step 0 F[5,9] p does not hold: its window is empty (the trace ends at step 3)');
    expect(reason('q R p')).toBe('at step 2 p does not hold and q does not hold in steps 0–1');
    expect(reason('G (q -> Y p)')).toBe('at step 3 q holds and at step 2 p does not hold');
    expect(reason('G (q -> O[1,2] q)')).toBe('at step 3 q holds and q does not hold in steps 1–2');
    expect(reason('F q && G p')).toBe('at step 2 p does not hold');
    expect(verify('F q', trace).witness?.reason).toBe('at step 3 q holds');
  });

  it('a violation is decided at counterexample.step: no continuation of the trace up to there satisfies the formula', () => {
    const random = seededRandom(8);
    let early = 0;
    for (let k = 0; k < 3000; k++) {
      const timestamp = k % 2 === 0 ? 't' : undefined;
      const options = timestamp ? { timestamp } : {};
      const formula = randomFormula(random, randomInt(random, 1, 4), TRACE_SHAPE);
      const trace = randomTrace(random, randomInt(random, 2, 10));
      const result = verify(formula, trace, options);
      if (result.satisfied || result.counterexample!.step === trace.length - 1) continue;
      early++;
      const prefix = trace.slice(0, result.counterexample!.step + 1);
      for (let c = 0; c < 6; c++) {
        // Random continuations (time going on from the prefix's last state), the empty one first.
        const more = randomTrace(random, c === 0 ? 0 : randomInt(random, 1, 5)).map((s) => ({ ...s, t: s.t + prefix[prefix.length - 1].t }));
        const extended = [...prefix, ...more];
        if (referenceHolds(formula, extended, options)) {
          throw new Error(`${formatFormula(formula)}: decided at step ${result.counterexample!.step} (${result.counterexample!.reason}), but ${JSON.stringify(extended)} satisfies it`);
        }
      }
    }
    expect(early).toBeGreaterThan(500);
  });

  it('numbers steps from options.firstStep', () => {
    const result = verify('G (req -> F[0,50] grant)', requests, { firstStep: 1000 });
    expect(result.counterexample).toMatchObject({ step: 1067, span: [1017, 1067] });
    expect(result.counterexample!.reason).toBe('at step 1017 req holds and grant does not hold in steps 1017–1067');
  });
});

describe('verify: traces, fields and options', () => {
  it('reads Maps, nested and dotted fields, and iterables', () => {
    const states = [new Map<string, unknown>([['door', { open: true }]]), new Map<string, unknown>([['door.open', false]])];
    expect(verify('door.open && X !door.open', states).satisfied).toBe(true);
    function* generate() {
      for (let i = 0; i < 10; i++) yield { n: i };
    }
    expect(verify('G (n < 10) && F (n == 9)', generate()).satisfied).toBe(true);
    expect(verify('"queue length" > 2', [{ 'queue length': 3 }]).satisfied).toBe(true);
  });

  it('bounds count time units with options.timestamp', () => {
    const states = [0, 1, 5, 6, 20].map((t) => ({ t, alarm: t === 20 }));
    expect(verify('F[0,10] alarm', states, { timestamp: 't' }).satisfied).toBe(false);
    expect(verify('F[0,20] alarm', states, { timestamp: 't' }).satisfied).toBe(true);
    expect(verify('F[0,4] alarm', states).satisfied).toBe(true);
    // With timestamps a window is known to be over at the first state past it.
    const readings = [{ t: 0, temp: 70 }, { t: 4, temp: 82 }, { t: 9, temp: 85 }, { t: 15, temp: 79 }];
    expect(verify('G (temp > 80 -> F[0,10] temp <= 80)', readings, { timestamp: 't' }).counterexample).toEqual({
      step: 3,
      formula: 'temp > 80 -> F[0,10] temp <= 80',
      span: [1, 2],
      reason: 'at step 1 temp > 80 holds (temp is 82) and temp <= 80 does not hold in steps 1–2',
    });
    expect(verify('G (temp > 84 -> O[1,2] temp < 80)', readings, { timestamp: 't' }).counterexample?.reason).toBe(
      'at step 2 temp > 84 holds (temp is 85) and O[1,2] temp < 80 does not hold: its window is empty (no step is 1 to 2 time units before it)',
    );
    expect(verify('F[0.5,0.7] temp > 0', readings).counterexample?.reason).toBe(
      'at step 0 F[0.5,0.7] temp > 0 does not hold: its window is empty (no step is 0.5 to 0.7 steps after it)',
    );
  });

  it('a missing field is a RangeError naming field and step, or false with missing: false', () => {
    const states = [{ a: true }, { a: true }, {}];
    expect(() => verify('G a', states)).toThrow(RangeError);
    expect(() => verify('G a', states)).toThrow(/step 2 has no field 'a'/);
    expect(verify('G a', states, { missing: 'false' }).counterexample?.step).toBe(2);
    expect(() => verify('G (z > 1 || a)', states)).toThrow(/step 0 has no field 'z'/);
  });

  it('rejects an empty trace, non-finite compared values, bad timestamps and bad arguments', () => {
    expect(() => verify('p', [])).toThrow(InsufficientDataError);
    expect(() => verify('p', [])).toThrow(/empty trace/);
    expect(() => verify('x > 1', [{ x: 1 }, { x: NaN }])).toThrow(/field 'x' at step 1 is NaN/);
    expect(() => verify('x > 1', [{ x: 1 }, { x: Infinity }])).toThrow(RangeError);
    expect(() => verify('p', [{ p: true, t: 2 }, { p: true, t: 1 }], { timestamp: 't' })).toThrow(/step 1 is 1, earlier than 2/);
    expect(() => verify('p', [{ p: true, t: NaN }], { timestamp: 't' })).toThrow(RangeError);
    expect(() => verify('p', [{ p: true }], { timestamp: 't' })).toThrow(/no timestamp field 't'/);
    expect(() => verify('p', 5 as never)).toThrow(TypeError);
    expect(() => verify('p', [3] as never)).toThrow(/state at step 0 must be an object/);
    expect(() => verify('p', [{ p: 'yes' }])).toThrow(TypeError);
    expect(() => verify('p', [{ p: true }], { missing: 'maybe' as never })).toThrow(RangeError);
    expect(() => verify({ kind: 'next', operand: { kind: 'atom', name: 'p' }, bounds: { lo: 0, hi: 1 } } as never, [{ p: true }])).toThrow(/takes no bounds/);
    expect(() => verify({ kind: 'eventually', operand: { kind: 'atom', name: 'p' }, bounds: { lo: 3, hi: 1 } }, [{ p: true }])).toThrow(RangeError);
    expect(() => verify({ kind: 'nope' } as never, [{ p: true }])).toThrow(TypeError);
    expect(() => verify('G (p', [{ p: true }])).toThrow(SyntaxError);
  });

  it('honours an aborted signal and a timeout', () => {
    const states = Array.from({ length: 50_000 }, (_, i) => ({ p: i % 2 === 0 }));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => verify('G F p', states, { signal: controller.signal })).toThrow('stop');
    expect(() => verify('G F p', states, { timeoutMs: 0 })).toThrow(expect.objectContaining({ name: 'TimeoutError' }));
    expect(verify('G F p', states, { timeoutMs: 60_000 }).satisfied).toBe(false);
  });
});
