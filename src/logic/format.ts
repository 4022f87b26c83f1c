// formatFormula: Formula -> text in the canonical spelling (Spot-style symbols),
// with the fewest parentheses the precedence table in syntax.ts allows.
import type { Bounds, Formula, Term } from './ast';
import { BARE_NAME, LEVEL, RESERVED_WORDS, SYMBOL } from './syntax';

function level(f: Formula): number {
  switch (f.kind) {
    case 'iff':
    case 'implies':
    case 'or':
    case 'and':
      return LEVEL[f.kind];
    case 'until':
    case 'weakUntil':
    case 'release':
    case 'strongRelease':
    case 'since':
      return LEVEL.temporal;
    case 'not':
    case 'next':
    case 'weakNext':
    case 'eventually':
    case 'always':
    case 'yesterday':
    case 'once':
    case 'historically':
      return LEVEL.unary;
    default:
      return LEVEL.primary;
  }
}

/** A field name as the parser reads it back: bare when it can be, else double-quoted. */
export function formatName(name: string): string {
  if (BARE_NAME.test(name) && !RESERVED_WORDS.has(name)) return name;
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function formatNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

function formatTerm(term: Term): string {
  return term.kind === 'number' ? formatNumber(term.value) : formatName(term.name);
}

export function formatBounds(bounds: Bounds | undefined): string {
  if (bounds === undefined) return '';
  return `[${formatNumber(bounds.lo)},${bounds.hi === Infinity ? 'inf' : formatNumber(bounds.hi)}]`;
}

function wrap(f: Formula, parenthesise: boolean): string {
  const text = formatFormula(f);
  return parenthesise ? `(${text})` : text;
}

/**
 * Prints a formula so that `parseFormula(formatFormula(f))` deep-equals `f`:
 * `G (req -> F[0,50] grant)`, `temp > 80 U[0,10] "door open"`.
 */
export function formatFormula(formula: Formula): string {
  const f = formula;
  if (f === null || typeof f !== 'object') throw new TypeError(`formatFormula: formula must be an AST node, got ${f === null ? 'null' : typeof f}`);
  switch (f.kind) {
    case 'true':
    case 'false':
      return f.kind;
    case 'atom':
      return formatName(f.name);
    case 'compare':
      return `${formatTerm(f.left)} ${f.op} ${formatTerm(f.right)}`;
    case 'not':
      return `!${wrap(f.operand, level(f.operand) < LEVEL.unary)}`;
    case 'and':
    case 'or': {
      // Left-associative: a left operand at the same level needs no parentheses.
      const own = LEVEL[f.kind];
      return `${wrap(f.left, level(f.left) < own)} ${SYMBOL[f.kind]} ${wrap(f.right, level(f.right) <= own)}`;
    }
    case 'implies':
    case 'iff':
    case 'until':
    case 'weakUntil':
    case 'release':
    case 'strongRelease':
    case 'since': {
      // Right-associative: a right operand at the same level needs no parentheses.
      const own = level(f);
      const bounds = 'bounds' in f ? formatBounds(f.bounds) : '';
      return `${wrap(f.left, level(f.left) <= own)} ${SYMBOL[f.kind]}${bounds} ${wrap(f.right, level(f.right) < own)}`;
    }
    default:
      if (!(f.kind in SYMBOL) || !('operand' in f)) {
        throw new TypeError(`formatFormula: not a formula node: ${JSON.stringify(f)?.slice(0, 60)}`);
      }
      return `${SYMBOL[f.kind]}${formatBounds(f.bounds)} ${wrap(f.operand, level(f.operand) < LEVEL.unary)}`;
  }
}
