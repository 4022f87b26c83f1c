// Reading a state's atoms into a valuation bitmask, once per pushed state. The
// common case (a plain object whose field is a boolean, or a finite number for
// a comparison) is read inline; anything else goes through state.ts, which
// decides what it means (nested paths, Maps, missing fields, errors), so the
// monitor and verify agree on every state.
import type { Comparison, Term } from './ast';
import type { AtomSpec } from './monitor-compile';
import { atomValue, compareValue, type MissingPolicy, type TraceState } from './state';

export type ValuationReader = (state: TraceState, step: number) => number;

type Reader = (state: TraceState, step: number) => boolean;

const COMPARE: Record<Comparison, (x: number, y: number) => boolean> = {
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
  '>': (x, y) => x > y,
  '>=': (x, y) => x >= y,
  '==': (x, y) => x === y,
  '!=': (x, y) => x !== y,
};

function own(state: TraceState, name: string): unknown {
  return state instanceof Map || !Object.prototype.hasOwnProperty.call(state, name) ? undefined : (state as Record<string, unknown>)[name];
}

function fastNumber(state: TraceState, term: Term): number | undefined {
  if (term.kind === 'number') return term.value;
  const value = own(state, term.name);
  return typeof value === 'number' && value - value === 0 ? value : undefined;
}

function atomReader(spec: AtomSpec, missing: MissingPolicy, where: string): Reader {
  if (spec.kind === 'atom') {
    const name = spec.name;
    return (state, step) => {
      const value = own(state, name);
      return typeof value === 'boolean' ? value : atomValue(state, name, step, missing, where);
    };
  }
  const { op, left, right } = spec;
  const compare = COMPARE[op];
  return (state, step) => {
    const x = fastNumber(state, left);
    const y = fastNumber(state, right);
    return x !== undefined && y !== undefined ? compare(x, y) : compareValue(state, op, left, right, step, missing, where);
  };
}

/** A function from a state to the bitmask of its atoms (bit k = atoms[k]). */
export function valuationReader(atoms: readonly AtomSpec[], missing: MissingPolicy, where: string): ValuationReader {
  const readers = atoms.map((spec) => atomReader(spec, missing, where));
  if (readers.length === 1) {
    const [only] = readers;
    return (state, step) => (only(state, step) ? 1 : 0);
  }
  if (readers.length === 2) {
    const [first, second] = readers;
    return (state, step) => (first(state, step) ? 1 : 0) | (second(state, step) ? 2 : 0);
  }
  return (state, step) => {
    let valuation = 0;
    for (let k = 0; k < readers.length; k++) if (readers[k](state, step)) valuation |= 1 << k;
    return valuation;
  };
}
