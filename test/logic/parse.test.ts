// parseFormula / formatFormula: every spelling, the precedence table, the
// round trip on random ASTs, and where and how malformed formulas are reported.
import { describe, expect, it } from 'vitest';
import type { Formula } from '../../src/logic/ast';
import { formatFormula, FormulaSyntaxError, parseFormula } from '../../src/index';
import { randomInt, seededRandom } from '../support/random';
import { randomFormula, type FormulaShape } from './random-formulas';

const a: Formula = { kind: 'atom', name: 'a' };
const b: Formula = { kind: 'atom', name: 'b' };
const c: Formula = { kind: 'atom', name: 'c' };

describe('parseFormula: every spelling', () => {
  // [spelling, the same formula in the canonical spelling]
  const SAME: Array<[string, string]> = [
    ['a & b', 'a && b'],
    ['a and b', 'a && b'],
    ['a | b', 'a || b'],
    ['a or b', 'a || b'],
    ['not a', '!a'],
    ['a => b', 'a -> b'],
    ['a implies b', 'a -> b'],
    ['a <=> b', 'a <-> b'],
    ['a iff b', 'a <-> b'],
    ['always a', 'G a'],
    ['[] a', 'G a'],
    ['eventually a', 'F a'],
    ['<> a', 'F a'],
    ['pre a', 'Y a'],
    ['once a', 'O a'],
    ['historically a', 'H a'],
    ['a since b', 'a S b'],
    ['F[0..5] a', 'F[0,5] a'],
    ['F[0:5] a', 'F[0,5] a'],
    ['G[2..] a', 'G[2,inf] a'],
    ['G[2,Infinity] a', 'G[2,inf] a'],
    ['once[1:3] a', 'O[1,3] a'],
    ['historically[0,2] a', 'H[0,2] a'],
    ['a since[1..4] b', 'a S[1,4] b'],
    ["'queue length' > 5", '"queue length" > 5'],
    ['(a)', 'a'],
    ['((a && b))', 'a && b'],
    // No spaces needed between tokens.
    ['G(req->F[0,50]grant)', 'G (req -> F[0,50] grant)'],
    ['x<-1', 'x < -1'],
    ['a&&!b', 'a && !b'],
    ['H[0:2.5](x>=1e3)', 'H[0,2.5] x >= 1000'],
  ];
  it.each(SAME)('%s is %s', (spelling, canonical) => {
    expect(parseFormula(spelling)).toEqual(parseFormula(canonical));
    expect(formatFormula(parseFormula(spelling))).toBe(canonical);
  });

  it('reads each operator into its AST node', () => {
    const u = (kind: string, bounds?: { lo: number; hi: number }) => ({ kind, operand: a, ...(bounds ? { bounds } : {}) });
    const bin = (kind: string, bounds?: { lo: number; hi: number }) => ({ kind, left: a, right: b, ...(bounds ? { bounds } : {}) });
    expect(parseFormula('X a')).toEqual(u('next'));
    expect(parseFormula('WX a')).toEqual(u('weakNext'));
    expect(parseFormula('F a')).toEqual(u('eventually'));
    expect(parseFormula('G a')).toEqual(u('always'));
    expect(parseFormula('Y a')).toEqual(u('yesterday'));
    expect(parseFormula('O a')).toEqual(u('once'));
    expect(parseFormula('H a')).toEqual(u('historically'));
    expect(parseFormula('! a')).toEqual(u('not'));
    expect(parseFormula('F[0,50] a')).toEqual(u('eventually', { lo: 0, hi: 50 }));
    expect(parseFormula('G[1.5,2.5] a')).toEqual(u('always', { lo: 1.5, hi: 2.5 }));
    expect(parseFormula('O[0,inf] a')).toEqual(u('once', { lo: 0, hi: Infinity }));
    expect(parseFormula('a U b')).toEqual(bin('until'));
    expect(parseFormula('a U[0,1000] b')).toEqual(bin('until', { lo: 0, hi: 1000 }));
    expect(parseFormula('a W b')).toEqual(bin('weakUntil'));
    expect(parseFormula('a R b')).toEqual(bin('release'));
    expect(parseFormula('a M b')).toEqual(bin('strongRelease'));
    expect(parseFormula('a S b')).toEqual(bin('since'));
    expect(parseFormula('a && b')).toEqual(bin('and'));
    expect(parseFormula('a || b')).toEqual(bin('or'));
    expect(parseFormula('a -> b')).toEqual(bin('implies'));
    expect(parseFormula('a <-> b')).toEqual(bin('iff'));
    expect(parseFormula('true')).toEqual({ kind: 'true' });
    expect(parseFormula('false')).toEqual({ kind: 'false' });
  });

  it('reads fields: plain, dotted, quoted (with escapes), unicode, and comparisons with numbers or fields', () => {
    expect(parseFormula('door.open')).toEqual({ kind: 'atom', name: 'door.open' });
    expect(parseFormula('"queue length"')).toEqual({ kind: 'atom', name: 'queue length' });
    expect(parseFormula('"say \\"hi\\" \\\\ bye"')).toEqual({ kind: 'atom', name: 'say "hi" \\ bye' });
    expect(parseFormula('"U"')).toEqual({ kind: 'atom', name: 'U' });
    expect(parseFormula('température_1 > 3')).toMatchObject({ left: { kind: 'field', name: 'température_1' } });
    expect(parseFormula('$x')).toEqual({ kind: 'atom', name: '$x' });
    const cmp = (text: string) => parseFormula(text) as Extract<Formula, { kind: 'compare' }>;
    expect(cmp('temp > 80')).toEqual({ kind: 'compare', op: '>', left: { kind: 'field', name: 'temp' }, right: { kind: 'number', value: 80 } });
    expect(cmp('x <= -1.5').right).toEqual({ kind: 'number', value: -1.5 });
    expect(cmp('a != b')).toEqual({ kind: 'compare', op: '!=', left: { kind: 'field', name: 'a' }, right: { kind: 'field', name: 'b' } });
    expect(cmp('80 < temp').left).toEqual({ kind: 'number', value: 80 });
    expect(cmp('x == 1e-3').right).toEqual({ kind: 'number', value: 0.001 });
    expect(cmp('x >= .5').right).toEqual({ kind: 'number', value: 0.5 });
    expect(cmp('x<y').op).toBe('<');
    expect(cmp('x >= y').op).toBe('>=');
    expect(parseFormula('x->y')).toEqual({ kind: 'implies', left: { kind: 'atom', name: 'x' }, right: { kind: 'atom', name: 'y' } });
  });
});

describe('parseFormula: precedence and associativity', () => {
  const and = (l: Formula, r: Formula): Formula => ({ kind: 'and', left: l, right: r });
  const or = (l: Formula, r: Formula): Formula => ({ kind: 'or', left: l, right: r });
  const implies = (l: Formula, r: Formula): Formula => ({ kind: 'implies', left: l, right: r });
  const until = (l: Formula, r: Formula): Formula => ({ kind: 'until', left: l, right: r });
  it.each<[string, Formula]>([
    ['a || b && c', or(a, and(b, c))],
    ['a && b || c', or(and(a, b), c)],
    ['a && b && c', and(and(a, b), c)],
    ['a || b || c', or(or(a, b), c)],
    ['a -> b -> c', implies(a, implies(b, c))],
    ['a <-> b -> c', { kind: 'iff', left: a, right: implies(b, c) }],
    ['a -> b <-> c', { kind: 'iff', left: implies(a, b), right: c }],
    ['a || b -> c', implies(or(a, b), c)],
    ['a U b U c', until(a, until(b, c))],
    ['a && b U c', and(a, until(b, c))],
    ['a U b && c', and(until(a, b), c)],
    ['F a U b', until({ kind: 'eventually', operand: a }, b)],
    ['!a && b', and({ kind: 'not', operand: a }, b)],
    ['G !a', { kind: 'always', operand: { kind: 'not', operand: a } }],
    ['! x > 3', { kind: 'not', operand: { kind: 'compare', op: '>', left: { kind: 'field', name: 'x' }, right: { kind: 'number', value: 3 } } }],
    ['a S b U c', { kind: 'since', left: a, right: until(b, c) }],
  ])('%s', (text, ast) => {
    expect(parseFormula(text)).toEqual(ast);
  });
});

describe('formatFormula: the round trip', () => {
  const NAMES = ['a', 'req', 'door.open', 'queue length', 'U', 'F', 'true', 'and', 'since', 'x"y', 'back\\slash', 'é', '$v', '1st', 'a-b', 'inf', 'WX'];
  const shape: FormulaShape = {
    atoms: NAMES,
    numbers: NAMES,
    literal: (r) => [0, -0, 1, -1.5, 80, 1e21, 1.5e-7, -2e-300, 123456.789, Number.MAX_VALUE][randomInt(r, 0, 9)],
    bounds: (r) => {
      if (r() < 0.3) return undefined;
      const lo = [0, 1, 2.5, 1e-3, 50][randomInt(r, 0, 4)];
      return { lo, hi: r() < 0.3 ? Infinity : lo + [0, 1, 0.25, 5000][randomInt(r, 0, 3)] };
    },
  };

  it('parseFormula(formatFormula(f)) deep-equals f for 3000 random ASTs', () => {
    const random = seededRandom(99);
    for (let k = 0; k < 3000; k++) {
      const f = randomFormula(random, randomInt(random, 0, 6), shape);
      const text = formatFormula(f);
      expect(parseFormula(text), text).toEqual(f);
      expect(formatFormula(parseFormula(text))).toBe(text);
    }
  });

  it('prints the canonical spelling with the fewest parentheses', () => {
    expect(formatFormula(parseFormula('always (req implies eventually[0..50] grant)'))).toBe('G (req -> F[0,50] grant)');
    expect(formatFormula(parseFormula('(a U b) U c'))).toBe('(a U b) U c');
    expect(formatFormula(parseFormula('a U (b U c)'))).toBe('a U b U c');
    expect(formatFormula(parseFormula('(a || b) && c'))).toBe('(a || b) && c');
    expect(formatFormula(parseFormula('F (a U b)'))).toBe('F (a U b)');
    expect(formatFormula(parseFormula('!(x > 3)'))).toBe('!x > 3');
  });
});

describe('parseFormula: malformed formulas', () => {
  // [text, offset of the mistake, part of the message's first line]
  const MALFORMED: Array<[string, number, string]> = [
    ['', 0, 'expected a formula, found the end of the formula'],
    ['   ', 3, 'expected a formula'],
    ['a &&', 4, "expected a field, a number, 'true', 'false', '(' or a unary operator, found the end of the formula"],
    ['&& a', 0, "found '&&'"],
    ['a b', 2, "expected an operator (&&, ||, ->, <->, U, W, R, M, S) or the end of the formula, found 'b'"],
    ['(a', 2, "expected ')' to close the '(' at column 1, found the end of the formula"],
    ['a)', 1, "found ')' without a matching '('"],
    ['()', 1, 'expected a formula inside the parentheses'],
    ['G', 1, 'found the end of the formula'],
    ['F[0,5]', 6, 'found the end of the formula'],
    ['F[5,2] p', 2, 'expected a lower bound no greater than the upper bound, found [5, 2]'],
    ['F[0 5] p', 4, "expected ',' or '..' between the bounds, found '5'"],
    ['F[0,5 p', 6, "expected ']' to close the bounds, found 'p'"],
    ['F[,5] p', 2, "expected a number, found ','"],
    ['F[-1,5] p', 2, "expected a bound >= 0, found '-1'"],
    ['F[a,5] p', 2, "expected a number, found 'a'"],
    ['F[0..x] p', 5, "expected a number, 'inf' or ']', found 'x'"],
    ['F[0,inf p', 8, "expected ']' to close the bounds"],
    ['X[1] p', 1, "expected a formula after 'X' (only F, G, U, O, H and S take [a,b] bounds), found '['"],
    ['p W[0,3] q', 3, "expected a formula after 'W'"],
    ['p R[0,3] q', 3, "expected a formula after 'R'"],
    ['p U', 3, 'found the end of the formula'],
    ['U p', 0, `found 'U' (an operator; write "U" for a field of that name)`],
    ['a && since', 5, `found 'since' (an operator; write "since" for a field of that name)`],
    ['3', 1, 'expected a comparison operator (<, <=, >, >=, ==, !=) after a number'],
    ['3 && a', 2, "after a number, found '&&'"],
    ['x >', 3, "expected a field or a number after '>', found the end of the formula"],
    ['x > > 3', 4, "expected a field or a number after '>', found '>'"],
    ['x > true', 4, "found 'true'"],
    ['"abc', 4, 'expected a closing " for the name opened at column 1'],
    ["'abc", 4, "expected a closing ' for the name opened at column 1"],
    ['""', 0, 'expected a field name between the quotes, found empty quotes'],
    ['a # b', 2, "found '#'"],
    ['a = 3', 2, "expected '==' to compare, found '='"],
    ['a -> ', 5, 'found the end of the formula'],
    ['!', 1, 'found the end of the formula'],
    ['not', 3, 'found the end of the formula'],
    ['G (req -> F[0,50] grant', 23, "expected ')' to close the '(' at column 3"],
    ['a.b.', 3, "found '.'"],
    ['x < -', 4, "found '-'"],
    ['true false', 5, "found 'false'"],
    ['a || || b', 5, "found '||'"],
    ['a..b', 1, "found '..'"],
    ['a &&\n(b ||\n c', 13, "at line 3, column 3: expected ')' to close the '(' at line 2, column 1"],
  ];

  it.each(MALFORMED)('%j at offset %i', (text, offset, message) => {
    let error: unknown;
    try {
      parseFormula(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormulaSyntaxError);
    expect(error).toBeInstanceOf(SyntaxError);
    const e = error as FormulaSyntaxError;
    expect(e.offset).toBe(offset);
    const [first, shown, caret] = e.message.split('\n');
    expect(first).toContain(message);
    expect(first.startsWith(`parseFormula: at ${text.includes('\n') ? `line ${e.line}, ` : ''}column ${e.column}: expected `)).toBe(true);
    // Line and column agree with the offset; the caret sits under the spot.
    const before = text.slice(0, offset).split('\n');
    expect(e.line).toBe(before.length);
    expect(e.column).toBe(before[before.length - 1].length + 1);
    expect(shown).toBe(`  ${text.split('\n')[e.line - 1]}`);
    expect(caret).toBe(`  ${' '.repeat(e.column - 1)}^`);
    expect(e.expected.length).toBeGreaterThan(0);
    expect(e.formula).toBe(text);
  });

  it('a non-string is a TypeError', () => {
    expect(() => parseFormula(42 as never)).toThrow(TypeError);
  });
});

describe('formatFormula: bad input', () => {
  it('a node of unknown kind is a TypeError', () => {
    expect(() => formatFormula({ kind: 'sometimes', operand: { kind: 'true' } } as never)).toThrow(TypeError);
    expect(() => formatFormula(null as never)).toThrow('formatFormula: formula must be an AST node, got null');
  });
});
