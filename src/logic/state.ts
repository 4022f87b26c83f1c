// Reading a formula's atoms from one state of a trace. Shared by verify, the
// monitors and the solver, so every evaluator agrees on what a state means:
// - a state is a plain object or a Map;
// - a field name is looked up as a key first, then (if it contains dots) as a
//   path of nested keys: `door.open` reads state['door.open'] or state.door.open;
// - a field read as a boolean must be a boolean or a finite number (non-zero is true);
// - a field compared with `<`, `==`, ... must be a finite number;
// - a missing field is a RangeError naming the field and the step, unless the
//   caller passes `missing: 'false'`, which makes the atom (or comparison) false.
import type { Comparison, Term } from './ast';

export type TraceState = Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;

/** What to do when a state lacks a field a formula names. */
export type MissingPolicy = 'error' | 'false';

/** The value of a field (a key, else a dotted path of nested keys), or undefined when the state lacks it. */
export function lookup(state: TraceState, name: string): unknown {
  if (state instanceof Map) {
    if (state.has(name)) return state.get(name);
  } else if (Object.prototype.hasOwnProperty.call(state, name)) {
    return (state as Record<string, unknown>)[name];
  }
  if (!name.includes('.')) return undefined;
  let value: unknown = state;
  for (const key of name.split('.')) {
    if (value instanceof Map) value = value.get(key);
    else if (value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key)) {
      value = (value as Record<string, unknown>)[key];
    } else return undefined;
  }
  return value;
}

function missingField(where: string, name: string, step: number): RangeError {
  return new RangeError(`${where}: the state at step ${step} has no field '${name}' (pass { missing: 'false' } to read it as false)`);
}

/** The truth of a field read as a boolean atom; `undefined` when missing under `missing: 'false'`. */
export function atomValue(state: TraceState, name: string, step: number, missing: MissingPolicy, where: string): boolean {
  const value = lookup(state, name);
  if (value === undefined) {
    if (missing === 'false') return false;
    throw missingField(where, name, step);
  }
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new RangeError(`${where}: field '${name}' at step ${step} is ${value}; a number read as a boolean must be finite`);
    }
    return value !== 0;
  }
  throw new TypeError(`${where}: field '${name}' at step ${step} must be a boolean or a number, got ${describe(value)}`);
}

/** A field or literal as a number; `undefined` when the field is missing under `missing: 'false'`. */
export function termValue(state: TraceState, term: Term, step: number, missing: MissingPolicy, where: string): number | undefined {
  if (term.kind === 'number') return term.value;
  const value = lookup(state, term.name);
  if (value === undefined) {
    if (missing === 'false') return undefined;
    throw missingField(where, term.name, step);
  }
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: field '${term.name}' at step ${step} must be a number to be compared, got ${describe(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new RangeError(`${where}: field '${term.name}' at step ${step} is ${value}; compared values must be finite`);
  }
  return value;
}

/** The truth of `left op right` in one state (false when a side is missing under `missing: 'false'`). */
export function compareValue(
  state: TraceState,
  op: Comparison,
  left: Term,
  right: Term,
  step: number,
  missing: MissingPolicy,
  where: string,
): boolean {
  const x = termValue(state, left, step, missing, where);
  const y = termValue(state, right, step, missing, where);
  if (x === undefined || y === undefined) return false;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '==':
      return x === y;
    case '!=':
      return x !== y;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 20))}` : typeof value;
}
