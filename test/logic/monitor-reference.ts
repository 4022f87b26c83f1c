// Test support for the monitor: the brute-force LTLf evaluator of test/logic/reference.ts
// over boolean valuations, and a seeded generator of random formulas over a few atoms.
import type { Bounds, Formula } from '../../src/logic/ast';
import { randomInt } from '../support/random';
import { referenceHolds } from './reference';

export type Valuation = Record<string, boolean>;

/** The truth of f at position i of the finite trace: the definitional reference of verify's tests. */
export function holds(f: Formula, trace: readonly Valuation[], i: number): boolean {
  return referenceHolds(f, trace as Valuation[], {}, i);
}

const ATOM = (name: string): Formula => ({ kind: 'atom', name });

function bounds(random: () => number): Bounds | undefined {
  if (random() < 0.5) return undefined;
  const lo = randomInt(random, 0, 2);
  return { lo, hi: random() < 0.15 ? Infinity : lo + randomInt(random, 0, 2) };
}

/** A random pure-past formula (no future operator inside). */
export function randomPastFormula(random: () => number, atoms: readonly string[], depth: number): Formula {
  if (depth <= 0 || random() < 0.25) return ATOM(atoms[randomInt(random, 0, atoms.length - 1)]);
  const sub = (): Formula => randomPastFormula(random, atoms, depth - 1);
  switch (randomInt(random, 0, 6)) {
    case 0:
      return { kind: 'not', operand: sub() };
    case 1:
      return { kind: random() < 0.5 ? 'and' : 'or', left: sub(), right: sub() };
    case 2:
      return { kind: 'yesterday', operand: sub() };
    case 3:
      return { kind: 'once', operand: sub(), bounds: bounds(random) };
    case 4:
      return { kind: 'historically', operand: sub(), bounds: bounds(random) };
    default:
      return { kind: 'since', left: sub(), right: sub(), bounds: bounds(random) };
  }
}

/** A random formula over `atoms` using every operator; past operators only over pure-past operands. */
export function randomFormula(random: () => number, atoms: readonly string[], depth: number): Formula {
  if (depth <= 0 || random() < 0.15) {
    const r = random();
    if (r < 0.05) return { kind: random() < 0.5 ? 'true' : 'false' };
    return ATOM(atoms[randomInt(random, 0, atoms.length - 1)]);
  }
  const sub = (): Formula => randomFormula(random, atoms, depth - 1);
  switch (randomInt(random, 0, 15)) {
    case 0:
      return { kind: 'not', operand: sub() };
    case 1:
      return { kind: 'and', left: sub(), right: sub() };
    case 2:
      return { kind: 'or', left: sub(), right: sub() };
    case 3:
      return { kind: 'implies', left: sub(), right: sub() };
    case 4:
      return { kind: 'iff', left: sub(), right: sub() };
    case 5:
      return { kind: 'next', operand: sub() };
    case 6:
      return { kind: 'weakNext', operand: sub() };
    case 7:
      return { kind: 'eventually', operand: sub(), bounds: bounds(random) };
    case 8:
      return { kind: 'always', operand: sub(), bounds: bounds(random) };
    case 9:
      return { kind: 'until', left: sub(), right: sub(), bounds: bounds(random) };
    case 10:
      return { kind: 'weakUntil', left: sub(), right: sub() };
    case 11:
      return { kind: 'release', left: sub(), right: sub() };
    case 12:
      return { kind: 'strongRelease', left: sub(), right: sub() };
    default:
      return randomPastFormula(random, atoms, depth);
  }
}

/** Every valuation of `atoms`. */
export function allValuations(atoms: readonly string[]): Valuation[] {
  return Array.from({ length: 2 ** atoms.length }, (_, mask) => Object.fromEntries(atoms.map((a, k) => [a, ((mask >> k) & 1) === 1])));
}
