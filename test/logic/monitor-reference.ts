// Test support for the monitor: a brute-force LTLf evaluator written straight
// from the definitions (recursion on the formula at each position, no
// cleverness), and a seeded generator of random formulas over a few atoms.
import type { Bounds, Formula } from '../../src/logic/ast';
import { randomInt } from '../support/random';

export type Valuation = Record<string, boolean>;

const EVERYTHING: Bounds = { lo: 0, hi: Infinity };

/** The truth of f at position i of the finite trace. */
export function holds(f: Formula, trace: readonly Valuation[], i: number): boolean {
  const n = trace.length;
  const window = (b: Bounds | undefined): number[] => {
    const { lo, hi } = b ?? EVERYTHING;
    const out: number[] = [];
    for (let j = i + lo; j <= Math.min(i + hi, n - 1); j++) out.push(j);
    return out;
  };
  const pastWindow = (b: Bounds | undefined): number[] => {
    const { lo, hi } = b ?? EVERYTHING;
    const out: number[] = [];
    for (let j = Math.max(0, i - hi); j <= i - lo; j++) out.push(j);
    return out;
  };
  const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
  switch (f.kind) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'atom':
      return trace[i][f.name];
    case 'compare':
      throw new Error('the monitor reference reads boolean atoms only');
    case 'not':
      return !holds(f.operand, trace, i);
    case 'and':
      return holds(f.left, trace, i) && holds(f.right, trace, i);
    case 'or':
      return holds(f.left, trace, i) || holds(f.right, trace, i);
    case 'implies':
      return !holds(f.left, trace, i) || holds(f.right, trace, i);
    case 'iff':
      return holds(f.left, trace, i) === holds(f.right, trace, i);
    case 'next':
      return i + 1 < n && holds(f.operand, trace, i + 1);
    case 'weakNext':
      return i + 1 >= n || holds(f.operand, trace, i + 1);
    case 'eventually':
      return window(f.bounds).some((j) => holds(f.operand, trace, j));
    case 'always':
      return window(f.bounds).every((j) => holds(f.operand, trace, j));
    case 'until':
      return window(f.bounds).some((j) => holds(f.right, trace, j) && range(i, j).every((k) => holds(f.left, trace, k)));
    case 'weakUntil':
      return (
        window(undefined).some((j) => holds(f.right, trace, j) && range(i, j).every((k) => holds(f.left, trace, k))) ||
        window(undefined).every((j) => holds(f.left, trace, j))
      );
    case 'release':
      // q holds up to and including the first p (if any).
      return window(undefined).every((j) => holds(f.right, trace, j) || range(i, j).some((k) => holds(f.left, trace, k)));
    case 'strongRelease':
      return window(undefined).some((j) => holds(f.left, trace, j) && range(i, j + 1).every((k) => holds(f.right, trace, k)));
    case 'yesterday':
      return i > 0 && holds(f.operand, trace, i - 1);
    case 'once':
      return pastWindow(f.bounds).some((j) => holds(f.operand, trace, j));
    case 'historically':
      return pastWindow(f.bounds).every((j) => holds(f.operand, trace, j));
    case 'since':
      return pastWindow(f.bounds).some((j) => holds(f.right, trace, j) && range(j + 1, i + 1).every((k) => holds(f.left, trace, k)));
  }
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
