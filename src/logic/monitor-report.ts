// Text for a monitor's counterexamples and witnesses: a residual formula (what
// the trace still owed) printed back in the formula language, and the values
// of the atoms the residual reads in one state.
import type { Bounds, Formula } from './ast';
import type { AtomSpec } from './monitor-compile';
import { FormulaStore, Kind } from './monitor-formula';
import { formatFormula } from './format';

const MAX_TEXT = 160;

/** A residual as a formula; with timestamps, absolute windows are shown relative to time `now`. */
export function residualFormula(store: FormulaStore, node: number, atomFormula: (atom: number) => Formula, now = 0): Formula {
  const sub = (f: number): Formula => residualFormula(store, f, atomFormula, now);
  const a = store.left[node];
  const b = store.right[node];
  const [lo, hi] = [store.lo[node], store.hi[node]];
  switch (store.kind[node]) {
    case Kind.True:
      return { kind: 'true' };
    case Kind.False:
      return { kind: 'false' };
    case Kind.Literal:
      return b === 1 ? { kind: 'not', operand: atomFormula(a) } : atomFormula(a);
    case Kind.And:
    case Kind.Or: {
      const kind = store.kind[node] === Kind.And ? 'and' : 'or';
      return store.children[node].map(sub).reduce((left, right) => ({ kind, left, right }));
    }
    case Kind.Next:
      return { kind: 'next', operand: sub(a) };
    case Kind.WeakNext:
      return { kind: 'weakNext', operand: sub(a) };
    case Kind.Until:
      return until(a === 0, sub(a), sub(b), lo, hi);
    case Kind.TimedUntil:
      return until(a === 0, sub(a), sub(b), Math.max(0, lo - now), hi - now);
    case Kind.Release:
      return release(a === 1, sub(a), sub(b), lo, hi);
    case Kind.TimedRelease:
      return release(a === 1, sub(a), sub(b), Math.max(0, lo - now), hi - now);
  }
}

function window(lo: number, hi: number): { bounds?: Bounds } {
  return lo === 0 && hi === Infinity ? {} : { bounds: { lo, hi } };
}

function until(eventually: boolean, a: Formula, b: Formula, lo: number, hi: number): Formula {
  return eventually ? { kind: 'eventually', operand: b, ...window(lo, hi) } : { kind: 'until', left: a, right: b, ...window(lo, hi) };
}

function release(always: boolean, a: Formula, b: Formula, lo: number, hi: number): Formula {
  const bounds = window(lo, hi);
  if (always) return { kind: 'always', operand: b, ...bounds };
  if (!bounds.bounds) return { kind: 'release', left: a, right: b };
  // The language has no bounded release: print its definition.
  const negate = (f: Formula): Formula => ({ kind: 'not', operand: f });
  return negate({ kind: 'until', left: negate(a), right: negate(b), ...bounds });
}

export function shortText(formula: Formula): string {
  const text = formatFormula(formula);
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

/** "req = true, temp > 80 = false" for the base atoms that `residual` reads. */
export function atomValues(store: FormulaStore, residual: number, atoms: readonly AtomSpec[], valuation: number): string {
  const used = new Set<number>();
  const visit = (f: number): void => {
    const kind = store.kind[f];
    if (kind === Kind.Literal) used.add(store.left[f]);
    else if (kind === Kind.And || kind === Kind.Or) store.children[f].forEach(visit);
    else if (kind !== Kind.True && kind !== Kind.False) {
      visit(store.left[f]);
      if (kind === Kind.Until || kind === Kind.Release || kind === Kind.TimedUntil || kind === Kind.TimedRelease) visit(store.right[f]);
    }
  };
  visit(residual);
  return [...used]
    .filter((atom) => atom < atoms.length)
    .sort((x, y) => x - y)
    .map((atom) => `${formatFormula(atoms[atom] as Formula)} = ${((valuation >>> atom) & 1) === 1}`)
    .join(', ');
}
