// Formula AST -> the monitor's representation: the distinct atoms (a field read
// as a boolean, or a comparison), the pure-past sub-formulas as a PastProgram
// whose outputs are further atoms, and the future part as a hash-consed NNF
// node of a FormulaStore.
import type { Bounds, Comparison, Formula, Term } from './ast';
import { FALSE, FormulaStore, TRUE } from './monitor-formula';
import { PastProgram } from './monitor-past';

export type AtomSpec =
  | { kind: 'atom'; name: string }
  | { kind: 'compare'; op: Comparison; left: Term; right: Term };

export interface CompiledFormula {
  /** Atoms read from each state: bits 0 .. atoms.length - 1 of a valuation. */
  atoms: AtomSpec[];
  past: PastProgram;
  /** The sub-formula behind each past atom (atom atoms.length + j). */
  pastFormulas: Formula[];
  store: FormulaStore;
  root: number;
}

const FUTURE_KINDS = new Set<Formula['kind']>([
  'next', 'weakNext', 'eventually', 'always', 'until', 'weakUntil', 'release', 'strongRelease',
]);
const PAST_KINDS = new Set<Formula['kind']>(['yesterday', 'once', 'historically', 'since']);

/**
 * A window in whole steps, as verify reads it: d steps away is inside [lo, hi]
 * exactly when ceil(lo) <= d <= floor(hi).
 */
export function stepBounds(bounds: Bounds | undefined): Bounds {
  if (bounds === undefined) return { lo: 0, hi: Infinity };
  return { lo: Math.ceil(bounds.lo), hi: bounds.hi === Infinity ? Infinity : Math.floor(bounds.hi) };
}

/** Valuations are 32-bit masks over base atoms and past atoms together. */
export const MAX_MONITOR_ATOMS = 30;

function atomKey(f: AtomSpec): string {
  const term = (t: Term): string => (t.kind === 'number' ? String(t.value) : JSON.stringify(t.name));
  return f.kind === 'atom' ? JSON.stringify(f.name) : `${term(f.left)} ${f.op} ${term(f.right)}`;
}

function constantComparison(op: Comparison, x: number, y: number): boolean {
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    case '==': return x === y;
    case '!=': return x !== y;
  }
}

function children(f: Formula): Formula[] {
  if ('operand' in f) return [f.operand];
  if ('left' in f && typeof f.left === 'object' && 'kind' in f.left && f.kind !== 'compare') {
    return [f.left as Formula, (f as { right: Formula }).right];
  }
  return [];
}

function hasFuture(f: Formula): boolean {
  return FUTURE_KINDS.has(f.kind) || children(f).some(hasFuture);
}

/** `timed`: bounds are in time units and kept as written; else in steps, read as verify reads them. */
export function compileFormula(formula: Formula, where: string, timed = false): CompiledFormula {
  const windowOf = (bounds: Bounds | undefined): Bounds => (timed ? bounds ?? { lo: 0, hi: Infinity } : stepBounds(bounds));
  const atoms: AtomSpec[] = [];
  const atomIndex = new Map<string, number>();
  const collect = (f: Formula): void => {
    if (f.kind === 'atom' || (f.kind === 'compare' && !(f.left.kind === 'number' && f.right.kind === 'number'))) {
      const spec: AtomSpec = f.kind === 'atom' ? { kind: 'atom', name: f.name } : { kind: 'compare', op: f.op, left: f.left, right: f.right };
      const key = atomKey(spec);
      if (!atomIndex.has(key)) {
        atomIndex.set(key, atoms.length);
        atoms.push(spec);
      }
    }
    children(f).forEach(collect);
  };
  collect(formula);

  const past = new PastProgram();
  const pastFormulas: Formula[] = [];
  const store = new FormulaStore(atoms.length);
  const indexOf = (f: Formula & { kind: 'atom' | 'compare' }): number =>
    atomIndex.get(atomKey(f.kind === 'atom' ? { kind: 'atom', name: f.name } : { kind: 'compare', op: f.op, left: f.left, right: f.right }))!;

  // A pure-past sub-formula as PastProgram slots (Boolean operators included).
  const pastSlot = (f: Formula): number => {
    switch (f.kind) {
      case 'true':
      case 'false':
        return past.slot({ op: 'const', value: f.kind === 'true' });
      case 'atom':
        return past.slot({ op: 'atom', atom: indexOf(f) });
      case 'compare':
        if (f.left.kind === 'number' && f.right.kind === 'number') {
          return past.slot({ op: 'const', value: constantComparison(f.op, f.left.value, f.right.value) });
        }
        return past.slot({ op: 'atom', atom: indexOf(f) });
      case 'not':
        return past.slot({ op: 'not', x: pastSlot(f.operand) });
      case 'and':
      case 'or':
        return past.slot({ op: f.kind, x: pastSlot(f.left), y: pastSlot(f.right) });
      case 'implies':
        return past.slot({ op: 'or', x: past.slot({ op: 'not', x: pastSlot(f.left) }), y: pastSlot(f.right) });
      case 'iff': {
        const [x, y] = [pastSlot(f.left), pastSlot(f.right)];
        const both = past.slot({ op: 'and', x, y });
        const neither = past.slot({ op: 'and', x: past.slot({ op: 'not', x }), y: past.slot({ op: 'not', x: y }) });
        return past.slot({ op: 'or', x: both, y: neither });
      }
      case 'yesterday':
        return past.slot({ op: 'yesterday', x: pastSlot(f.operand) });
      case 'once':
      case 'historically': {
        const { lo, hi } = windowOf(f.bounds);
        const always = past.slot({ op: 'const', value: true });
        if (f.kind === 'once') return past.slot({ op: 'since', x: always, y: pastSlot(f.operand), lo, hi });
        const failure = past.slot({ op: 'not', x: pastSlot(f.operand) });
        return past.slot({ op: 'not', x: past.slot({ op: 'since', x: always, y: failure, lo, hi }) });
      }
      case 'since': {
        const { lo, hi } = windowOf(f.bounds);
        return past.slot({ op: 'since', x: pastSlot(f.left), y: pastSlot(f.right), lo, hi });
      }
      default:
        throw new RangeError(`${where}: unexpected '${f.kind}' inside a past-time operator`);
    }
  };

  // The future part in negation normal form; `negated` is the polarity.
  const build = (f: Formula, negated: boolean): number => {
    const rest = (g: Formula): number => build(g, negated);
    const both = (g: Formula, h: Formula): [number, number] => [build(g, negated), build(h, negated)];
    switch (f.kind) {
      case 'true':
        return negated ? FALSE : TRUE;
      case 'false':
        return negated ? TRUE : FALSE;
      case 'atom':
        return store.literal(indexOf(f), negated);
      case 'compare':
        if (f.left.kind === 'number' && f.right.kind === 'number') {
          return constantComparison(f.op, f.left.value, f.right.value) !== negated ? TRUE : FALSE;
        }
        return store.literal(indexOf(f), negated);
      case 'not':
        return build(f.operand, !negated);
      case 'and':
      case 'or':
        return (f.kind === 'and') !== negated ? store.and(both(f.left, f.right)) : store.or(both(f.left, f.right));
      case 'implies': {
        const [a, b] = [build(f.left, !negated), rest(f.right)];
        return negated ? store.and([a, b]) : store.or([a, b]);
      }
      case 'iff': {
        const [a, b, notA, notB] = [build(f.left, false), build(f.right, false), build(f.left, true), build(f.right, true)];
        return negated
          ? store.or([store.and([a, notB]), store.and([notA, b])])
          : store.or([store.and([a, b]), store.and([notA, notB])]);
      }
      case 'next':
      case 'weakNext':
        return store.next(rest(f.operand), (f.kind === 'next') !== negated);
      case 'eventually':
      case 'always': {
        const { lo, hi } = windowOf(f.bounds);
        const body = rest(f.operand);
        return (f.kind === 'eventually') !== negated ? store.until(TRUE, body, lo, hi) : store.release(FALSE, body, lo, hi);
      }
      case 'until':
      case 'release': {
        const { lo, hi } = windowOf(f.bounds);
        const [a, b] = both(f.left, f.right);
        return (f.kind === 'until') !== negated ? store.until(a, b, lo, hi) : store.release(a, b, lo, hi);
      }
      // a W b = b R (a || b) and a M b = b U (a && b); their negations swap.
      case 'weakUntil':
      case 'strongRelease': {
        const [a, b] = both(f.left, f.right);
        const weak = (f.kind === 'weakUntil') !== negated;
        return weak ? store.release(b, store.or([a, b]), 0, Infinity) : store.until(b, store.and([a, b]), 0, Infinity);
      }
      case 'yesterday':
      case 'once':
      case 'historically':
      case 'since': {
        if (hasFuture(f)) {
          throw new RangeError(`${where}: a past-time operator ('${f.kind}') over a future-time one is not supported; rewrite it without nesting future inside past`);
        }
        const output = past.output(pastSlot(f));
        pastFormulas[output] ??= f;
        const atom = atoms.length + output;
        if (atom >= MAX_MONITOR_ATOMS) throw tooManyAtoms(where);
        return store.literal(atom, negated);
      }
    }
  };
  if (atoms.length >= MAX_MONITOR_ATOMS) throw tooManyAtoms(where);
  const root = build(formula, false);
  return { atoms, past, pastFormulas, store, root };
}

function tooManyAtoms(where: string): RangeError {
  return new RangeError(`${where}: the formula has more than ${MAX_MONITOR_ATOMS} distinct atoms and past-time sub-formulas; a monitor reads at most ${MAX_MONITOR_ATOMS}`);
}
