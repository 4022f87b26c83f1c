// Monitor.fork(): a copy that reads on without touching the original. The
// definition it must meet: after a common prefix, the fork fed suffix A and the
// original fed suffix B end exactly as fresh monitors fed prefix+A and prefix+B
// (verdict, step, end() and its report), with steps in states or in time units.
import { describe, expect, it } from 'vitest';
import type { Formula } from '../../src/logic/ast';
import { formatFormula, monitor, type MonitorOptions } from '../../src/logic/index';
import { seededRandom } from '../support/random';
import { randomFormula } from './monitor-reference';

type State = { p: boolean; q: boolean; r: boolean; time: number };

function randomStates(random: () => number, count: number, startTime: number): State[] {
  const states: State[] = [];
  let time = startTime;
  for (let i = 0; i < count; i++) {
    time += [0, 0.5, 1, 1.5, 3][Math.floor(random() * 5)];
    states.push({ p: random() < 0.5, q: random() < 0.5, r: random() < 0.5, time });
  }
  return states;
}

function replay(formula: Formula, options: MonitorOptions | undefined, trace: readonly State[]) {
  const m = monitor(formula, options);
  for (const state of trace) m.push(state);
  return { verdict: m.verdict, step: m.step, end: m.end() };
}

describe.each([
  ['steps', undefined],
  ['time units', { timestamp: 'time' }],
] as const)('Monitor.fork() with bounds in %s', (_, options) => {
  it('the fork and the original read on independently, each as a fresh replay would', () => {
    const random = seededRandom(71);
    for (let t = 0; t < 300; t++) {
      const formula = randomFormula(random, ['p', 'q', 'r'], 3);
      const prefix = randomStates(random, Math.floor(random() * 8), 0);
      const start = prefix.length ? prefix[prefix.length - 1].time : 0;
      const suffixA = randomStates(random, 1 + Math.floor(random() * 8), start);
      const suffixB = randomStates(random, 1 + Math.floor(random() * 8), start);
      const original = monitor(formula, options);
      for (const state of prefix) original.push(state);
      const fork = original.fork();
      // Interleaved, so that neither can lean on the other having finished.
      for (let i = 0; i < Math.max(suffixA.length, suffixB.length); i++) {
        if (i < suffixA.length) fork.push(suffixA[i]);
        if (i < suffixB.length) original.push(suffixB[i]);
      }
      const where = `${formatFormula(formula)} after ${prefix.length} states`;
      expect({ verdict: fork.verdict, step: fork.step, end: fork.end() }, where).toEqual(replay(formula, options, [...prefix, ...suffixA]));
      expect({ verdict: original.verdict, step: original.step, end: original.end() }, where).toEqual(replay(formula, options, [...prefix, ...suffixB]));
    }
  });
});

it('a state the fork cannot read throws in the fork and leaves the original as it was', () => {
  const original = monitor('G (x < 10)');
  original.push({ x: 1 });
  const fork = original.fork();
  expect(() => fork.push({ y: 1 })).toThrow(/monitor\.push/);
  expect(fork.push({ x: 11 })).toBe('false');
  expect(original.verdict).toBe('unknown');
  expect(original.step).toBe(1);
  expect(original.push({ x: 2 })).toBe('unknown');
});
