// Seeded random formulas and traces for the logic tests.
import type { Bounds, Formula, Term } from '../../src/logic/ast';
import { randomInt } from '../support/random';

const UNARY = ['not', 'next', 'weakNext', 'eventually', 'always', 'yesterday', 'once', 'historically'] as const;
const BINARY = ['and', 'or', 'implies', 'iff', 'until', 'weakUntil', 'release', 'strongRelease', 'since'] as const;
const BOUNDABLE = new Set(['eventually', 'always', 'once', 'historically', 'until', 'since']);
const COMPARISONS = ['<', '<=', '>', '>=', '==', '!='] as const;

export interface FormulaShape {
  /** Atom names to choose from. */
  atoms: readonly string[];
  /** Numeric field names for comparisons. */
  numbers: readonly string[];
  /** A random number literal. */
  literal: (random: () => number) => number;
  /** Random bounds for a boundable operator (or undefined for none). */
  bounds: (random: () => number) => Bounds | undefined;
}

/** Small bounds in steps (or time units), sometimes none, sometimes unbounded above. */
export function smallBounds(random: () => number): Bounds | undefined {
  if (random() < 0.4) return undefined;
  // Sometimes a half-step bound: [0.5, 2.5] in steps means distances 1 and 2.
  const lo = randomInt(random, 0, 3) + (random() < 0.15 ? 0.5 : 0);
  const hi = random() < 0.15 ? Infinity : lo + randomInt(random, 0, 4) + (random() < 0.15 ? 0.5 : 0);
  return { lo, hi };
}

export const TRACE_SHAPE: FormulaShape = {
  atoms: ['a', 'b', 'c'],
  numbers: ['x', 'y'],
  literal: (random) => randomInt(random, -1, 3),
  bounds: smallBounds,
};

export function randomTerm(random: () => number, shape: FormulaShape): Term {
  if (random() < 0.6) return { kind: 'field', name: shape.numbers[randomInt(random, 0, shape.numbers.length - 1)] };
  return { kind: 'number', value: shape.literal(random) };
}

export function randomFormula(random: () => number, depth: number, shape: FormulaShape): Formula {
  const r = random();
  if (depth === 0 || r < 0.2) {
    const leaf = random();
    if (leaf < 0.06) return { kind: 'true' };
    if (leaf < 0.12) return { kind: 'false' };
    if (leaf < 0.75) return { kind: 'atom', name: shape.atoms[randomInt(random, 0, shape.atoms.length - 1)] };
    const op = COMPARISONS[randomInt(random, 0, COMPARISONS.length - 1)];
    return { kind: 'compare', op, left: randomTerm(random, shape), right: randomTerm(random, shape) };
  }
  if (r < 0.6) {
    const kind = UNARY[randomInt(random, 0, UNARY.length - 1)];
    const operand = randomFormula(random, depth - 1, shape);
    if (kind === 'not') return { kind, operand };
    const bounds = BOUNDABLE.has(kind) ? shape.bounds(random) : undefined;
    return bounds ? { kind, operand, bounds } : { kind, operand };
  }
  const kind = BINARY[randomInt(random, 0, BINARY.length - 1)];
  const left = randomFormula(random, depth - 1, shape);
  const right = randomFormula(random, depth - 1, shape);
  if (kind === 'and' || kind === 'or' || kind === 'implies' || kind === 'iff') return { kind, left, right };
  const bounds = BOUNDABLE.has(kind) ? shape.bounds(random) : undefined;
  return bounds ? { kind, left, right, bounds } : { kind, left, right };
}

/** States with boolean atoms a, b, c, small integers x, y and a non-decreasing time t (ties allowed). */
export function randomTrace(random: () => number, length: number): Array<Record<string, number | boolean>> {
  let t = randomInt(random, 0, 5);
  return Array.from({ length }, () => {
    const state = { a: random() < 0.5, b: random() < 0.5, c: random() < 0.7, x: randomInt(random, -1, 3), y: randomInt(random, -1, 3), t };
    t += randomInt(random, 0, 3);
    return state;
  });
}
