// robustness(): how strongly a signal satisfies (positive) or violates
// (negative) a formula, by the quantitative semantics of STL (Donzé & Maler,
// FORMATS 2010), at every step. Predicates are margins (x > c: x - c), `&&` is
// min, `||` max, `!` negation; the temporal operators run as wasm kernels over
// whole arrays (assembly/logic/robustness.ts): sliding-window min/max for
// F/G/O/H, the until recursion of Donzé, Ferrère & Maler (CAV 2013) for U/S.
import type { Comparison, Formula, Term } from './ast';
import { toFormula } from './verify';
import { stepBounds } from './monitor-compile';
import { atomValue, termValue, type MissingPolicy, type TraceState } from './state';
import { f64View, withScratch, type Scratch } from '../memory';
import type { Kernels } from '../wasm';
import { checkChoice, checkOptions } from '../validate';

/**
 * A signal: an array of states (plain objects or Maps, like a trace), or an
 * object of equally long columns (Float64Array or number[]; a boolean field
 * may also be a boolean[]).
 */
export type Signal = readonly TraceState[] | Readonly<Record<string, ArrayLike<number> | ArrayLike<boolean>>>;

export interface RobustnessOptions {
  /** A field a formula names and a state lacks: an error (default), or false (robustness -Infinity). */
  missing?: MissingPolicy;
}

export interface RobustnessResult {
  /** Robustness at step 0: > 0 satisfied, < 0 violated, 0 undecided by the margin. */
  value: number;
  /** Robustness at every step. */
  values: Float64Array;
}

const WHERE = 'robustness';

/** Reads a field or a comparison side at step i; undefined when missing under `missing: 'false'`. */
interface SignalReader {
  length: number;
  number(term: Term, step: number): number | undefined;
  truth(name: string, step: number): boolean;
}

function stateReader(states: readonly TraceState[], missing: MissingPolicy): SignalReader {
  return {
    length: states.length,
    number: (term, step) => termValue(states[step], term, step, missing, WHERE),
    truth: (name, step) => atomValue(states[step], name, step, missing, WHERE),
  };
}

function columnReader(columns: Readonly<Record<string, ArrayLike<unknown>>>, missing: MissingPolicy): SignalReader {
  const names = Object.keys(columns);
  if (names.length === 0) throw new RangeError(`${WHERE}: signal has no columns`);
  const length = columns[names[0]].length;
  for (const name of names) {
    const column = columns[name];
    if (column === null || typeof column !== 'object' || typeof column.length !== 'number') {
      throw new TypeError(`${WHERE}: signal.${name} must be an array or a Float64Array`);
    }
    if (column.length !== length) {
      throw new RangeError(`${WHERE}: signal.${name} has ${column.length} samples, signal.${names[0]} has ${length}; columns must be equally long`);
    }
  }
  const column = (name: string, step: number): unknown => {
    if (Object.prototype.hasOwnProperty.call(columns, name)) return columns[name][step];
    if (missing === 'false') return undefined;
    throw new RangeError(`${WHERE}: signal has no column '${name}' (pass { missing: 'false' } to read it as false)`);
  };
  return {
    length,
    number(term, step) {
      if (term.kind === 'number') return term.value;
      const value = column(term.name, step);
      if (value === undefined) return undefined;
      if (typeof value !== 'number') throw new TypeError(`${WHERE}: signal.${term.name}[${step}] must be a number to be compared`);
      if (!Number.isFinite(value)) throw new RangeError(`${WHERE}: signal.${term.name}[${step}] is ${value}; compared values must be finite`);
      return value;
    },
    truth(name, step) {
      const value = column(name, step);
      if (value === undefined) return false;
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return value !== 0;
      throw new TypeError(`${WHERE}: signal.${name}[${step}] must be a boolean or a finite number`);
    },
  };
}

/** The margin by which `x op y` holds: positive when it holds with room, negative when it fails. */
function margin(op: Comparison, x: number, y: number): number {
  switch (op) {
    case '>':
    case '>=':
      return x - y;
    case '<':
    case '<=':
      return y - x;
    case '==':
      return -Math.abs(x - y);
    case '!=':
      return Math.abs(x - y);
  }
}

function operands(f: Formula): Formula[] {
  if ('operand' in f) return [f.operand];
  if ('left' in f && f.kind !== 'compare') return [f.left, f.right];
  return [];
}

function countNodes(f: Formula): number {
  return 1 + operands(f).reduce((sum, g) => sum + countNodes(g), 0);
}

/** Evaluates every sub-formula bottom-up into wasm blocks of n f64. */
class Evaluator {
  private readonly blocks: number[];
  private next = 0;
  private readonly n: number;
  private readonly temp: [number, number];
  private readonly work: number;
  private readonly deque: number;

  constructor(private readonly reader: SignalReader, scratch: Scratch, nodes: number, private readonly k: Kernels) {
    const n = (this.n = reader.length);
    this.blocks = Array.from({ length: nodes }, () => scratch.f64(n));
    this.temp = [scratch.f64(n), scratch.f64(n)];
    this.work = scratch.f64(2 * n);
    this.deque = scratch.i32(n + 1);
  }

  view(ptr: number): Float64Array {
    return f64View(ptr, this.n);
  }

  /** Returns the block holding f's robustness at every step. */
  eval(f: Formula): number {
    const out = this.blocks[this.next++];
    const o = this.view(out);
    const n = this.n;
    const bound = (hi: number): number => Math.min(hi, n);
    switch (f.kind) {
      case 'true':
      case 'false':
        o.fill(f.kind === 'true' ? Infinity : -Infinity);
        break;
      case 'atom':
        for (let i = 0; i < n; i++) o[i] = this.reader.truth(f.name, i) ? Infinity : -Infinity;
        break;
      case 'compare':
        for (let i = 0; i < n; i++) {
          const x = this.reader.number(f.left, i);
          const y = this.reader.number(f.right, i);
          o[i] = x === undefined || y === undefined ? -Infinity : margin(f.op, x, y);
        }
        break;
      case 'not': {
        const a = this.view(this.eval(f.operand));
        for (let i = 0; i < n; i++) o[i] = -a[i];
        break;
      }
      case 'and':
      case 'or':
      case 'implies':
      case 'iff': {
        const a = this.view(this.eval(f.left));
        const b = this.view(this.eval(f.right));
        for (let i = 0; i < n; i++) {
          const [x, y] = [a[i], b[i]];
          o[i] =
            f.kind === 'and' ? Math.min(x, y)
            : f.kind === 'or' ? Math.max(x, y)
            : f.kind === 'implies' ? Math.max(-x, y)
            : Math.min(Math.max(-x, y), Math.max(x, -y));
        }
        break;
      }
      case 'next':
      case 'weakNext': {
        const a = this.view(this.eval(f.operand));
        for (let i = 0; i + 1 < n; i++) o[i] = a[i + 1];
        o[n - 1] = f.kind === 'next' ? -Infinity : Infinity;
        break;
      }
      case 'yesterday': {
        const a = this.view(this.eval(f.operand));
        for (let i = n - 1; i > 0; i--) o[i] = a[i - 1];
        o[0] = -Infinity;
        break;
      }
      case 'eventually':
      case 'always': {
        const { lo, hi } = stepBounds(f.bounds);
        this.k.windowExtreme(this.eval(f.operand), n, bound(lo), bound(hi), f.kind === 'always', out, this.deque);
        break;
      }
      case 'once':
      case 'historically': {
        const { lo, hi } = stepBounds(f.bounds);
        const a = this.reversedCopy(this.eval(f.operand), 0);
        this.k.windowExtreme(a, n, bound(lo), bound(hi), f.kind === 'historically', out, this.deque);
        this.k.reverseF64(out, n);
        break;
      }
      case 'until': {
        const { lo, hi } = stepBounds(f.bounds);
        this.until(this.eval(f.left), this.eval(f.right), bound(lo), bound(hi), out);
        break;
      }
      case 'since': {
        const { lo, hi } = stepBounds(f.bounds);
        // Both operands first: evaluating one may use the temporary blocks.
        const [left, right] = [this.eval(f.left), this.eval(f.right)];
        const a = this.reversedCopy(left, 0);
        const b = this.reversedCopy(right, 1);
        this.until(a, b, bound(lo), bound(hi), out);
        this.k.reverseF64(out, n);
        break;
      }
      // a R b = !(!a U !b); a W b = b R (a || b); a M b = b U (a && b).
      case 'release':
      case 'weakUntil':
      case 'strongRelease': {
        const a = this.view(this.eval(f.left));
        const b = this.view(this.eval(f.right));
        const [x, y] = [this.view(this.temp[0]), this.view(this.temp[1])];
        for (let i = 0; i < n; i++) {
          if (f.kind === 'release') [x[i], y[i]] = [-a[i], -b[i]];
          else if (f.kind === 'weakUntil') [x[i], y[i]] = [-b[i], -Math.max(a[i], b[i])];
          else [x[i], y[i]] = [b[i], Math.min(a[i], b[i])];
        }
        this.until(this.temp[0], this.temp[1], 0, n, out);
        if (f.kind !== 'strongRelease') for (let i = 0; i < n; i++) o[i] = -o[i];
        break;
      }
    }
    return out;
  }

  private until(x: number, y: number, lo: number, hi: number, out: number): void {
    this.k.untilBounded(x, y, this.n, lo, hi, out, this.work, this.deque);
  }

  private reversedCopy(ptr: number, slot: 0 | 1): number {
    this.view(this.temp[slot]).set(this.view(ptr));
    this.k.reverseF64(this.temp[slot], this.n);
    return this.temp[slot];
  }
}

/**
 * The robustness of `formula` (text or parsed) on `signal` at every step, by
 * the quantitative semantics of STL. Bounds are in steps (samples). A boolean
 * field has robustness +Infinity when true and -Infinity when false;
 * `x == y` has -|x - y| and `x != y` has |x - y|.
 */
export function robustness(formula: Formula | string, signal: Signal, options?: RobustnessOptions): RobustnessResult {
  const opts = checkOptions(options, WHERE);
  const missing = opts.missing === undefined ? 'error' : checkChoice(opts.missing, ['error', 'false'] as const, 'options.missing', WHERE);
  const f = toFormula(formula, WHERE);
  if (signal === null || typeof signal !== 'object' || signal instanceof Map) {
    throw new TypeError(`${WHERE}: signal must be an array of states or an object of columns`);
  }
  const reader = Array.isArray(signal)
    ? stateReader(signal as readonly TraceState[], missing)
    : columnReader(signal as Readonly<Record<string, ArrayLike<unknown>>>, missing);
  if (reader.length === 0) throw new RangeError(`${WHERE}: empty signal`);
  return withScratch((scratch, kernels) => {
    const evaluator = new Evaluator(reader, scratch, countNodes(f), kernels);
    const values = evaluator.view(evaluator.eval(f)).slice();
    return { value: values[0], values };
  });
}
