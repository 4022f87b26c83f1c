import { describe, expect, it } from 'vitest';
import type { Bounds, Comparison, Formula } from '../../src/logic/ast';
import { formatFormula, parseFormula, robustness, verify } from '../../src/logic/index';
import { heap } from '../../src/memory';
import { randomInt, seededRandom } from '../support/random';

type Columns = { x: number[]; y: number[]; b: boolean[] };

/** Robustness by definition: min / max over every window, recursively at each step. */
function rho(f: Formula, s: Columns, i: number): number {
  const n = s.x.length;
  const window = (b: Bounds | undefined, past: boolean): number[] => {
    const { lo, hi } = b ?? { lo: 0, hi: Infinity };
    const out: number[] = [];
    if (past) for (let j = Math.max(0, i - hi); j <= i - lo; j++) out.push(j);
    else for (let j = i + lo; j <= Math.min(i + hi, n - 1); j++) out.push(j);
    return out;
  };
  const max = (xs: number[]): number => xs.reduce((a, b) => Math.max(a, b), -Infinity);
  const min = (xs: number[]): number => xs.reduce((a, b) => Math.min(a, b), Infinity);
  const at = (g: Formula, j: number): number => rho(g, s, j);
  const value = (t: { kind: 'field'; name: string } | { kind: 'number'; value: number }): number =>
    t.kind === 'number' ? t.value : (s as unknown as Record<string, number[]>)[t.name][i];
  switch (f.kind) {
    case 'true':
      return Infinity;
    case 'false':
      return -Infinity;
    case 'atom':
      return s.b[i] ? Infinity : -Infinity;
    case 'compare': {
      const d = value(f.left) - value(f.right);
      return { '>': d, '>=': d, '<': -d, '<=': -d, '==': -Math.abs(d), '!=': Math.abs(d) }[f.op];
    }
    case 'not':
      return -at(f.operand, i);
    case 'and':
      return Math.min(at(f.left, i), at(f.right, i));
    case 'or':
      return Math.max(at(f.left, i), at(f.right, i));
    case 'implies':
      return Math.max(-at(f.left, i), at(f.right, i));
    case 'iff':
      return Math.min(Math.max(-at(f.left, i), at(f.right, i)), Math.max(at(f.left, i), -at(f.right, i)));
    case 'next':
      return i + 1 < n ? at(f.operand, i + 1) : -Infinity;
    case 'weakNext':
      return i + 1 < n ? at(f.operand, i + 1) : Infinity;
    case 'yesterday':
      return i > 0 ? at(f.operand, i - 1) : -Infinity;
    case 'eventually':
      return max(window(f.bounds, false).map((j) => at(f.operand, j)));
    case 'always':
      return min(window(f.bounds, false).map((j) => at(f.operand, j)));
    case 'once':
      return max(window(f.bounds, true).map((j) => at(f.operand, j)));
    case 'historically':
      return min(window(f.bounds, true).map((j) => at(f.operand, j)));
    case 'until':
      return max(window(f.bounds, false).map((j) => Math.min(at(f.right, j), ...range(i, j).map((k) => at(f.left, k)))));
    case 'since':
      return max(window(f.bounds, true).map((j) => Math.min(at(f.right, j), ...range(j + 1, i + 1).map((k) => at(f.left, k)))));
    case 'release':
      return min(window(undefined, false).map((j) => Math.max(at(f.right, j), ...range(i, j).map((k) => at(f.left, k)))));
    case 'weakUntil': {
      const until = max(window(undefined, false).map((j) => Math.min(at(f.right, j), ...range(i, j).map((k) => at(f.left, k)))));
      return Math.max(until, min(window(undefined, false).map((j) => at(f.left, j))));
    }
    case 'strongRelease':
      return max(window(undefined, false).map((j) => Math.min(at(f.left, j), ...range(i, j + 1).map((k) => at(f.right, k)))));
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}

const OPS: Comparison[] = ['<', '<=', '>', '>=', '==', '!='];

function randomAtom(random: () => number): Formula {
  if (random() < 0.15) return { kind: 'atom', name: 'b' };
  const field = (): { kind: 'field'; name: string } => ({ kind: 'field', name: random() < 0.5 ? 'x' : 'y' });
  const right = random() < 0.3 ? field() : { kind: 'number' as const, value: randomInt(random, -3, 3) };
  return { kind: 'compare', op: OPS[randomInt(random, 0, OPS.length - 1)], left: field(), right };
}

function randomBounds(random: () => number): Bounds | undefined {
  if (random() < 0.3) return undefined;
  const lo = randomInt(random, 0, 3);
  return { lo, hi: lo + randomInt(random, 0, 5) };
}

function randomStl(random: () => number, depth: number): Formula {
  if (depth <= 0 || random() < 0.2) return randomAtom(random);
  const sub = (): Formula => randomStl(random, depth - 1);
  const kinds = ['not', 'and', 'or', 'implies', 'iff', 'next', 'weakNext', 'yesterday', 'eventually', 'always', 'once', 'historically', 'until', 'since', 'release', 'weakUntil', 'strongRelease'] as const;
  const kind = kinds[randomInt(random, 0, kinds.length - 1)];
  switch (kind) {
    case 'not':
    case 'next':
    case 'weakNext':
    case 'yesterday':
      return { kind, operand: sub() };
    case 'eventually':
    case 'always':
    case 'once':
    case 'historically':
      return { kind, operand: sub(), bounds: randomBounds(random) };
    case 'until':
    case 'since':
      return { kind, left: sub(), right: sub(), bounds: randomBounds(random) };
    default:
      return { kind, left: sub(), right: sub() };
  }
}

function randomSignal(random: () => number, n: number): Columns {
  return {
    x: Array.from({ length: n }, () => randomInt(random, -4, 4) + (random() < 0.5 ? 0.5 : 0)),
    y: Array.from({ length: n }, () => randomInt(random, -4, 4)),
    b: Array.from({ length: n }, () => random() < 0.5),
  };
}

describe('robustness', () => {
  it('equals brute-force min/max evaluation on random signals, at every step', () => {
    const random = seededRandom(20);
    for (let t = 0; t < 400; t++) {
      const f = randomStl(random, 3);
      const s = randomSignal(random, randomInt(random, 1, 14));
      const { values, value } = robustness(f, s);
      // + 0 makes -0 and 0 equal: negation may give either for a zero margin.
      const expected = s.x.map((_, i) => rho(f, s, i) + 0);
      expect(Array.from(values, (v) => v + 0), formatFormula(f)).toEqual(expected);
      expect(value + 0).toBe(expected[0]);
    }
  });

  it('has the sign of verify: positive robustness -> satisfied, negative -> violated', () => {
    const random = seededRandom(23);
    let checked = 0;
    for (let t = 0; t < 500; t++) {
      const f = randomStl(random, 3);
      const s = randomSignal(random, randomInt(random, 1, 20));
      const { value } = robustness(f, s);
      if (value === 0) continue;
      const states = s.x.map((x, i) => ({ x, y: s.y[i], b: s.b[i] }));
      expect(verify(f, states).satisfied, formatFormula(f)).toBe(value > 0);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('reads fractional step bounds as verify does', () => {
    const x = [1, -2, 3, -4, 5, -6];
    expect(robustness('F[0.5,2.5] (x > 0)', { x }).values).toEqual(robustness('F[1,2] (x > 0)', { x }).values);
    expect(robustness('(x > -5) U[1.2,3.7] (x > 4)', { x }).values).toEqual(robustness('(x > -5) U[2,3] (x > 4)', { x }).values);
    expect(robustness('F[0.4,0.6] (x > 0)', { x }).value).toBe(-Infinity);
  });

  it('accepts an array of states and columns alike, and long bounded windows', () => {
    const random = seededRandom(22);
    const n = 3000;
    const x = Float64Array.from({ length: n }, () => random() * 10 - 5);
    const y = Float64Array.from({ length: n }, () => random() * 10 - 5);
    const f = parseFormula('G[0,500] (x > -4.9) || (x > 0) U[10,1000] (y > 4.99)');
    const fromColumns = robustness(f, { x, y });
    const fromStates = robustness(f, Array.from(x, (xi, i) => ({ x: xi, y: y[i] })));
    expect(fromStates.values).toEqual(fromColumns.values);
    const s = { x: Array.from(x.slice(0, 1200)), y: Array.from(y.slice(0, 1200)), b: [] as boolean[] };
    for (const i of [0, 1, 77, 600, 1199]) expect(robustness(f, { x: s.x, y: s.y }).values[i]).toBe(rho(f, s, i));
  });

  it('gives the published example its margin: G (x < 5) on x = 1, 3, 4 is 1', () => {
    expect(robustness('G (x < 5)', { x: [1, 3, 4] }).value).toBe(1);
    expect(robustness('F[0,1] (x > 3)', { x: [1, 3, 4] }).values).toEqual(new Float64Array([0, 1, 1]));
  });

  it('rejects bad input with the function and the argument named, and frees its memory', () => {
    const before = heap().allocatedBytes;
    expect(() => robustness('G (x > 0)', [])).toThrow(/empty signal/);
    expect(() => robustness('G (x > 0)', { x: [1, 2], y: [1] })).toThrow(/equally long/);
    expect(() => robustness('G (z > 0)', { x: [1, 2] })).toThrow(/no column 'z'/);
    expect(() => robustness('G (x > 0)', [{ x: 1 }, { x: Infinity }])).toThrow(/step 1/);
    expect(() => robustness('G (x > 0)', 5 as unknown as [])).toThrow(TypeError);
    expect(robustness('G (z > 0)', { x: [1] }, { missing: 'false' }).value).toBe(-Infinity);
    expect(heap().allocatedBytes).toBe(before);
  });
});
