// TemporalSolver: a ring buffer of states verified with verify's semantics;
// results speak in real trace indices, counting the states dropped.
import { describe, expect, it } from 'vitest';
import { TemporalSolver, verify } from '../../src/index';
import { randomInt, seededRandom } from '../support/random';
import { randomFormula, randomTrace, TRACE_SHAPE } from './random-formulas';
import { referenceHolds } from './reference';

describe('TemporalSolver', () => {
  it('verifies the states kept, like the reference on the last maxTraceLength states', () => {
    const random = seededRandom(11);
    for (let k = 0; k < 300; k++) {
      const limit = randomInt(random, 1, 8);
      const solver = new TemporalSolver({ maxTraceLength: limit, timestamp: 't' });
      const all = randomTrace(random, randomInt(random, 1, 16));
      for (const state of all) solver.addState(state);
      const kept = all.slice(-limit);
      expect(solver.traceLength).toBe(kept.length);
      expect(solver.firstIndex).toBe(all.length - kept.length);
      expect(solver.states()).toEqual(kept);
      const formula = randomFormula(random, 3, TRACE_SHAPE);
      const result = solver.verify(formula);
      expect(result.satisfied).toBe(referenceHolds(formula, kept, { timestamp: 't' }));
      const expected = verify(formula, kept, { timestamp: 't', firstStep: all.length - kept.length });
      if (expected.counterexample) {
        const { indices, ...rest } = result.counterexample!;
        expect(rest).toEqual(expected.counterexample);
        expect(indices[0]).toBe(rest.span[0]);
        expect(indices.length).toBe(rest.span[1] - rest.span[0] + 1);
      } else expect(result).toEqual(expected);
    }
  });

  it('counterexamples are real trace indices, counting the dropped states', () => {
    const solver = new TemporalSolver({ maxTraceLength: 100 });
    for (let i = 0; i < 250; i++) solver.addState({ ok: i !== 170 && i !== 20 });
    const result = solver.verify('G ok');
    expect(result.satisfied).toBe(false);
    expect(result.counterexample).toMatchObject({ step: 170, span: [170, 170], indices: [170], reason: 'at step 170 ok does not hold' });
    const window = solver.verify('G (!ok -> F[0,3] X ok) && F[0,2] !ok');
    expect(window.counterexample?.indices).toEqual([150, 151, 152]);
  });

  it('clearTrace starts indices again; lowering maxTraceLength drops the oldest states', () => {
    const solver = new TemporalSolver();
    expect(solver.maxTraceLength).toBe(Infinity);
    for (let i = 0; i < 10; i++) solver.addState(new Map([['n', i]]));
    solver.maxTraceLength = 4;
    expect(solver.traceLength).toBe(4);
    expect(solver.firstIndex).toBe(6);
    expect(solver.verify('n == 6 && G (n >= 6)').satisfied).toBe(true);
    solver.addState({ n: 10 });
    expect(solver.verify('n == 7').satisfied).toBe(true);
    solver.clearTrace();
    expect(solver.traceLength).toBe(0);
    expect(() => solver.verify('true')).toThrow(/empty trace/);
    solver.addState({ n: 0 });
    expect(solver.verify('n == 1').counterexample?.indices).toEqual([0]);
  });

  it('rejects bad states and limits', () => {
    expect(() => new TemporalSolver({ maxTraceLength: 0 })).toThrow(RangeError);
    expect(() => new TemporalSolver({ maxTraceLength: 2.5 })).toThrow(RangeError);
    expect(() => new TemporalSolver().addState(null as never)).toThrow(TypeError);
    const solver = new TemporalSolver({ missing: 'false' });
    solver.addState({});
    expect(solver.verify('p').satisfied).toBe(false);
  });
});
