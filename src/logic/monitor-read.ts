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

type Fields = Readonly<Record<string, unknown>>;
type Load = (state: Fields) => unknown;

// One property-load site per atom, for the first 12 atoms. V8 caches a keyed
// load per place in the source: a single `state[name]` shared by six atoms sees
// six names and goes megamorphic, which made reading the atoms cost twice as
// much as it does with a site each (measured on the propositional row of
// bench/logic.bench.ts). The identical lines are deliberate.
const LOADS: ((name: string) => Load)[] = [
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
  (name) => (state) => state[name],
];
const sharedLoad = (name: string): Load => (state) => state[name];

/** A term's value read straight off a plain object (own or inherited key; plain objects inherit none that matter). */
function numberReader(term: Term, load: (name: string) => Load): (state: Fields) => number | undefined {
  if (term.kind === 'number') {
    const value = term.value;
    return () => value;
  }
  const read = load(term.name);
  return (state) => {
    const value = read(state);
    return typeof value === 'number' && value - value === 0 ? value : undefined;
  };
}

/** Reads atom number `index`: inline for a plain object's boolean or finite number, else through state.ts. */
function atomReader(spec: AtomSpec, index: number, missing: MissingPolicy, where: string): Reader {
  const load = LOADS[index] ?? sharedLoad;
  if (spec.kind === 'atom') {
    const name = spec.name;
    const read = load(name);
    return (state, step) => {
      const value = state instanceof Map ? undefined : read(state as Fields);
      return typeof value === 'boolean' ? value : atomValue(state, name, step, missing, where);
    };
  }
  const { op, left, right } = spec;
  const compare = COMPARE[op];
  const readLeft = numberReader(left, load);
  const readRight = numberReader(right, sharedLoad);
  return (state, step) => {
    if (!(state instanceof Map)) {
      const x = readLeft(state as Fields);
      const y = readRight(state as Fields);
      if (x !== undefined && y !== undefined) return compare(x, y);
    }
    return compareValue(state, op, left, right, step, missing, where);
  };
}

/** A function from a state to the bitmask of its atoms (bit k = atoms[k]). */
export function valuationReader(atoms: readonly AtomSpec[], missing: MissingPolicy, where: string): ValuationReader {
  const readers = atoms.map((spec, index) => atomReader(spec, index, missing, where));
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
