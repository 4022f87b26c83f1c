// verify: is a finished trace a model of a formula (LTLf semantics)? With the
// step, the failing sub-formula and a readable reason when it is not.
import { InsufficientDataError } from '../errors';
import { checkNumber, checkOptions, checkChoice } from '../validate';
import { BOUNDABLE, type Formula, type Term } from './ast';
import { evaluate, type Trace } from './evaluate';
import { explanation, type Explanation } from './explain';
import { parseFormula } from './parse';
import { lookup, type MissingPolicy, type TraceState } from './state';

export type { Explanation } from './explain';

export interface VerifyOptions {
  /**
   * The field of each state that holds its time (a finite number, never
   * decreasing). With it, bounds such as F[0,50] are in the same time units;
   * without it they count steps.
   */
  timestamp?: string;
  /** A state lacking a field the formula names: 'error' (default) throws a RangeError, 'false' reads it as false. */
  missing?: MissingPolicy;
  /** Give up after this many milliseconds (a DOMException named TimeoutError). */
  timeoutMs?: number;
  /** Give up when this signal aborts (throws its reason). */
  signal?: AbortSignal;
  /** The number of the trace's first state in results and messages (default 0). */
  firstStep?: number;
}

export interface VerifyResult {
  satisfied: boolean;
  /** When violated: where the violation is decided and why. */
  counterexample?: Explanation;
  /** When satisfied: where it was fulfilled (the witness step of an F or U) and why. */
  witness?: Explanation;
}

/** A formula given as text or as an AST: the AST, checked. */
export function toFormula(formula: string | Formula, where: string): Formula {
  if (typeof formula === 'string') return parseFormula(formula);
  checkFormula(formula, where, 'formula');
  return formula;
}

const KINDS = new Set([
  'true', 'false', 'atom', 'compare', 'not', 'and', 'or', 'implies', 'iff', 'next', 'weakNext', 'eventually', 'always',
  'yesterday', 'once', 'historically', 'until', 'weakUntil', 'release', 'strongRelease', 'since',
]);
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

/** Checks an AST built by hand: known kinds, names, comparisons and bounds. */
function checkFormula(f: unknown, where: string, path: string): void {
  if (f === null || typeof f !== 'object' || !KINDS.has((f as Formula).kind)) {
    throw new TypeError(`${where}: ${path} must be a formula (text or an AST node with a known kind), got ${f === null ? 'null' : typeof f === 'object' ? `kind ${String((f as Formula).kind)}` : typeof f}`);
  }
  const node = f as Formula;
  if (node.kind === 'atom' && (typeof node.name !== 'string' || node.name === '')) {
    throw new TypeError(`${where}: ${path}.name must be a non-empty string`);
  }
  if (node.kind === 'compare') {
    if (!COMPARISONS.has(node.op)) throw new RangeError(`${where}: ${path}.op must be one of < <= > >= == !=, got ${String(node.op)}`);
    checkTerm(node.left, where, `${path}.left`);
    checkTerm(node.right, where, `${path}.right`);
    return;
  }
  if ('bounds' in node && node.bounds !== undefined) {
    if (!BOUNDABLE.has(node.kind)) throw new RangeError(`${where}: ${path} (${node.kind}) takes no bounds; only F, G, U, O, H and S do`);
    const lo = checkNumber(node.bounds.lo, `${path}.bounds.lo`, where, { min: 0 });
    checkNumber(node.bounds.hi, `${path}.bounds.hi`, where, { min: lo, infinite: true });
  }
  if ('operand' in node) checkFormula(node.operand, where, `${path}.operand`);
  if ('left' in node) {
    checkFormula(node.left, where, `${path}.left`);
    checkFormula(node.right, where, `${path}.right`);
  }
}

function checkTerm(t: Term, where: string, path: string): void {
  if (t?.kind === 'number') checkNumber(t.value, `${path}.value`, where);
  else if (t?.kind !== 'field' || typeof t.name !== 'string' || t.name === '') {
    throw new TypeError(`${where}: ${path} must be { kind: 'field', name } or { kind: 'number', value }`);
  }
}

/** A function to call now and then in long loops: throws once the signal aborts or the time is up. */
export function checkpointFor(options: Pick<VerifyOptions, 'timeoutMs' | 'signal'>, where: string): () => void {
  const { signal } = options;
  const timeoutMs = options.timeoutMs === undefined ? Infinity : checkNumber(options.timeoutMs, 'options.timeoutMs', where, { min: 0, infinite: true });
  if (signal !== undefined && (signal === null || typeof signal.aborted !== 'boolean')) {
    throw new TypeError(`${where}: options.signal must be an AbortSignal`);
  }
  const deadline = performance.now() + timeoutMs;
  return () => {
    if (signal?.aborted) {
      throw signal.reason ?? new DOMException(`${where}: aborted`, 'AbortError');
    }
    if (timeoutMs !== Infinity && performance.now() > deadline) {
      throw new DOMException(`${where}: gave up after options.timeoutMs = ${timeoutMs} ms`, 'TimeoutError');
    }
  };
}

/** The states of an array or iterable, checked to be objects or Maps. */
function readStates(trace: Iterable<TraceState>, where: string, firstStep: number, checkpoint: () => void): TraceState[] {
  if (trace === null || typeof trace !== 'object' || typeof (trace as Iterable<TraceState>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${where}: trace must be an array or an iterable of states (objects or Maps), got ${trace === null ? 'null' : typeof trace}`);
  }
  const states = Array.isArray(trace) ? trace : [];
  if (!Array.isArray(trace)) {
    for (const state of trace) {
      states.push(state);
      if ((states.length & 4095) === 0) checkpoint();
    }
  }
  if (states.length === 0) throw new InsufficientDataError(`${where}: empty trace (a trace needs at least one state)`, 1, 0);
  for (let i = 0; i < states.length; i++) {
    const s = states[i];
    if (s === null || typeof s !== 'object' || Array.isArray(s)) {
      throw new TypeError(`${where}: the state at step ${firstStep + i} must be an object or a Map, got ${s === null ? 'null' : Array.isArray(s) ? 'an array' : typeof s}`);
    }
  }
  return states;
}

function readTimes(states: readonly TraceState[], field: string, where: string, firstStep: number): Float64Array {
  const times = new Float64Array(states.length);
  for (let i = 0; i < states.length; i++) {
    const t = lookup(states[i], field);
    const step = firstStep + i;
    if (t === undefined) throw new RangeError(`${where}: the state at step ${step} has no timestamp field '${field}'`);
    if (typeof t !== 'number') throw new TypeError(`${where}: timestamp '${field}' at step ${step} must be a number, got ${t === null ? 'null' : typeof t}`);
    if (!Number.isFinite(t)) throw new RangeError(`${where}: timestamp '${field}' at step ${step} is ${t}; timestamps must be finite`);
    if (i > 0 && t < times[i - 1]) {
      throw new RangeError(`${where}: timestamp '${field}' at step ${step} is ${t}, earlier than ${times[i - 1]} at step ${step - 1}; timestamps must not decrease`);
    }
    times[i] = t;
  }
  return times;
}

/** The finished trace verify and TemporalSolver check, with its options resolved. */
export function prepareTrace(trace: Iterable<TraceState>, options: VerifyOptions | undefined, where: string): { trace: Trace; checkpoint: () => void } {
  const o = checkOptions(options, where);
  const missing = o.missing === undefined ? 'error' : checkChoice(o.missing, ['error', 'false'] as const, 'options.missing', where);
  const firstStep = o.firstStep === undefined ? 0 : checkNumber(o.firstStep, 'options.firstStep', where, { integer: true, min: 0 });
  if (o.timestamp !== undefined && (typeof o.timestamp !== 'string' || o.timestamp === '')) {
    throw new TypeError(`${where}: options.timestamp must be the name of a field, got ${typeof o.timestamp}`);
  }
  const checkpoint = checkpointFor(o, where);
  const states = readStates(trace, where, firstStep, checkpoint);
  const times = o.timestamp === undefined ? null : readTimes(states, o.timestamp, where, firstStep);
  return { trace: { states, times, firstStep, missing, where }, checkpoint };
}

/**
 * Checks a finished trace against a formula with finite-trace (LTLf)
 * semantics, in time linear in the trace length times the formula size.
 *
 * ```ts
 * verify('G (req -> F[0,50] grant)', states)
 * // { satisfied: false, counterexample: { step: 67, formula: 'req -> F[0,50] grant',
 * //   span: [17, 67], reason: 'at step 17 req holds and grant does not hold in steps 17–67' } }
 * ```
 */
export function verify(formula: string | Formula, trace: Iterable<TraceState>, options?: VerifyOptions): VerifyResult {
  const where = 'verify';
  const ast = toFormula(formula, where);
  const prepared = prepareTrace(trace, options, where);
  return verdict(ast, prepared.trace, prepared.checkpoint);
}

/** Evaluates and explains the verdict at step 0. */
export function verdict(ast: Formula, trace: Trace, checkpoint: () => void): VerifyResult {
  const evaluation = evaluate(ast, trace, checkpoint);
  const satisfied = evaluation.values.get(ast)![0] === 1;
  const why = explanation(evaluation, ast, 0);
  return satisfied ? { satisfied, witness: why } : { satisfied, counterexample: why };
}
