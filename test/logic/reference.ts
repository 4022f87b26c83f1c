// A reference evaluator written straight from the finite-trace definitions:
// holds(f, i) recursively, position by position, quantifying over the steps of
// each window one by one. Exponential in the nesting depth, so only for the
// short traces of the tests. It shares nothing with src/logic but the AST types.
import type { Formula, Term } from '../../src/logic/ast';

export type State = Record<string, unknown> | Map<string, unknown>;

export interface ReferenceOptions {
  /** Field holding each state's time; bounds measure time instead of steps. */
  timestamp?: string;
  missing?: 'error' | 'false';
}

export class MissingField extends Error {}

function read(state: State, name: string): unknown {
  const get = (s: unknown, key: string): unknown => {
    if (s instanceof Map) return s.get(key);
    if (s !== null && typeof s === 'object' && key in (s as object)) return (s as Record<string, unknown>)[key];
    return undefined;
  };
  const direct = get(state, name);
  if (direct !== undefined) return direct;
  let value: unknown = state;
  for (const key of name.split('.')) value = get(value, key);
  return value;
}

/** The truth of `formula` at step `at` (default 0) of the trace. */
export function referenceHolds(formula: Formula, trace: State[], options: ReferenceOptions = {}, at = 0): boolean {
  const n = trace.length;
  const missingIsFalse = options.missing === 'false';
  const time = (i: number) => (options.timestamp ? (read(trace[i], options.timestamp) as number) : i);
  const inBounds = (f: { bounds?: { lo: number; hi: number } }, distance: number) =>
    distance >= (f.bounds?.lo ?? 0) && distance <= (f.bounds?.hi ?? Infinity);
  /** Steps j >= i in the window of a future operator, in order. */
  const futureWindow = (f: { bounds?: { lo: number; hi: number } }, i: number) => {
    const steps: number[] = [];
    for (let j = i; j < n; j++) if (inBounds(f, time(j) - time(i))) steps.push(j);
    return steps;
  };
  /** Steps j <= i in the window of a past operator. */
  const pastWindow = (f: { bounds?: { lo: number; hi: number } }, i: number) => {
    const steps: number[] = [];
    for (let j = 0; j <= i; j++) if (inBounds(f, time(i) - time(j))) steps.push(j);
    return steps;
  };
  const all = (from: number, to: number, test: (k: number) => boolean) => {
    for (let k = from; k <= to; k++) if (!test(k)) return false;
    return true;
  };
  const term = (t: Term, i: number): number | undefined => {
    if (t.kind === 'number') return t.value;
    const v = read(trace[i], t.name);
    if (v === undefined && !missingIsFalse) throw new MissingField(t.name);
    return v as number | undefined;
  };

  const holds = (f: Formula, i: number): boolean => {
    switch (f.kind) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'atom': {
        const v = read(trace[i], f.name);
        if (v === undefined) {
          if (missingIsFalse) return false;
          throw new MissingField(f.name);
        }
        return v === true || (typeof v === 'number' && v !== 0);
      }
      case 'compare': {
        const x = term(f.left, i);
        const y = term(f.right, i);
        if (x === undefined || y === undefined) return false;
        return { '<': x < y, '<=': x <= y, '>': x > y, '>=': x >= y, '==': x === y, '!=': x !== y }[f.op];
      }
      case 'not':
        return !holds(f.operand, i);
      case 'and':
        return holds(f.left, i) && holds(f.right, i);
      case 'or':
        return holds(f.left, i) || holds(f.right, i);
      case 'implies':
        return !holds(f.left, i) || holds(f.right, i);
      case 'iff':
        return holds(f.left, i) === holds(f.right, i);
      case 'next':
        return i + 1 < n && holds(f.operand, i + 1);
      case 'weakNext':
        return i + 1 >= n || holds(f.operand, i + 1);
      case 'yesterday':
        return i > 0 && holds(f.operand, i - 1);
      case 'eventually':
        return futureWindow(f, i).some((j) => holds(f.operand, j));
      case 'always':
        return futureWindow(f, i).every((j) => holds(f.operand, j));
      case 'once':
        return pastWindow(f, i).some((j) => holds(f.operand, j));
      case 'historically':
        return pastWindow(f, i).every((j) => holds(f.operand, j));
      case 'until':
        return futureWindow(f, i).some((j) => holds(f.right, j) && all(i, j - 1, (k) => holds(f.left, k)));
      case 'weakUntil': {
        const until = futureWindow(f, i).some((j) => holds(f.right, j) && all(i, j - 1, (k) => holds(f.left, k)));
        return until || all(i, n - 1, (k) => holds(f.left, k));
      }
      case 'release': // every j: q at j, unless p held somewhere in [i, j)
        return all(i, n - 1, (j) => holds(f.right, j) || !all(i, j - 1, (k) => !holds(f.left, k)));
      case 'strongRelease': // some j: p at j and q in all of [i, j]
        return futureWindow(f, i).some((j) => holds(f.left, j) && all(i, j, (k) => holds(f.right, k)));
      case 'since':
        return pastWindow(f, i).some((j) => holds(f.right, j) && all(j + 1, i, (k) => holds(f.left, k)));
    }
  };
  return holds(formula, at);
}
