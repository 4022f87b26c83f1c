// The truth of every sub-formula at every step of a finished trace (LTLf),
// bottom-up: each sub-formula gets one Uint8Array over the trace, computed
// from its operands' arrays in O(n) whatever its bounds. Future operators read
// "the next step k >= j where the operand is true (false)" arrays, past
// operators "the last step k <= j" arrays, over the windows of windows.ts:
//   F[a,b] p at i  <=>  nextTrue_p[first_i] <= last_i
//   p U[a,b] q at i <=> nextTrue_q[first_i] <= min(last_i, nextFalse_p[i])
//   p S[a,b] q at i <=> lastTrue_q[last_i] >= max(first_i, lastFalse_p[i])
// and their duals, so the whole formula costs O(n x size). Unbounded operators
// use the one-pass recurrences instead (no window or index arrays).
import type { Bounds, Formula } from './ast';
import { formatFormula } from './format';
import { atomValue, compareValue, type MissingPolicy, type TraceState } from './state';
import { nextIndex, previousIndex, windows, type Windows } from './windows';

export type UnaryNode = Extract<Formula, { operand: Formula }>;
export type BinaryNode = Exclude<Extract<Formula, { left: unknown }>, { kind: 'compare' }>;
export type TemporalBinary = Extract<BinaryNode, { bounds?: unknown }>;

const UNBOUNDED: Bounds = { lo: 0, hi: Infinity };

export interface Trace {
  states: readonly TraceState[];
  /** Timestamps of the states when bounds are in time units, else null (bounds in steps). */
  times: Float64Array | null;
  /** The step number of states[0] in messages. */
  firstStep: number;
  missing: MissingPolicy;
  where: string;
}

/** Every sub-formula's truth at every step, and the windows of the temporal ones. */
export interface Evaluation {
  trace: Trace;
  values: Map<Formula, Uint8Array>;
  windows: Map<Formula, Windows>;
  /** Atoms and comparisons by their text, so each is read from the states once. */
  leaves: Map<string, Uint8Array>;
}

/** The operators that look forward, whose windows run from step i onwards. */
export function isFuture(kind: Formula['kind']): boolean {
  return kind === 'eventually' || kind === 'always' || kind === 'until' || kind === 'weakUntil' || kind === 'release' || kind === 'strongRelease';
}

/** Evaluates `formula` over the trace; `checkpoint` is called between sub-formulas and every 4096 states read. */
export function evaluate(formula: Formula, trace: Trace, checkpoint: () => void): Evaluation {
  const evaluation: Evaluation = { trace, values: new Map(), windows: new Map(), leaves: new Map() };
  visit(formula, evaluation, checkpoint);
  return evaluation;
}

function visit(f: Formula, e: Evaluation, checkpoint: () => void): Uint8Array {
  const known = e.values.get(f);
  if (known) return known;
  let values: Uint8Array;
  if ('operand' in f) {
    values = unary(f, visit(f.operand, e, checkpoint), e);
  } else if ('left' in f && f.kind !== 'compare') {
    values = binary(f as BinaryNode, visit(f.left, e, checkpoint), visit(f.right, e, checkpoint), e);
  } else {
    // The same atom or comparison written twice is read from the states once.
    const key = formatFormula(f);
    values = e.leaves.get(key) ?? atomic(f, e.trace, checkpoint);
    e.leaves.set(key, values);
  }
  checkpoint();
  e.values.set(f, values);
  return values;
}

function atomic(f: Formula, trace: Trace, checkpoint: () => void): Uint8Array {
  const { states, firstStep, missing, where } = trace;
  const n = states.length;
  const out = new Uint8Array(n);
  if (f.kind === 'true') out.fill(1);
  else if (f.kind === 'atom') {
    for (let i = 0; i < n; i++) {
      if ((i & 4095) === 4095) checkpoint();
      out[i] = atomValue(states[i], f.name, firstStep + i, missing, where) ? 1 : 0;
    }
  } else if (f.kind === 'compare') {
    for (let i = 0; i < n; i++) {
      if ((i & 4095) === 4095) checkpoint();
      out[i] = compareValue(states[i], f.op, f.left, f.right, firstStep + i, missing, where) ? 1 : 0;
    }
  }
  return out;
}

function windowsOf(f: Formula & { bounds?: Bounds }, e: Evaluation): Windows {
  const n = e.trace.states.length;
  const w = windows(f.bounds ?? UNBOUNDED, isFuture(f.kind) ? 'future' : 'past', n, e.trace.times);
  e.windows.set(f, w);
  return w;
}

function unary(f: UnaryNode, p: Uint8Array, e: Evaluation): Uint8Array {
  const n = p.length;
  const out = new Uint8Array(n);
  switch (f.kind) {
    case 'not':
      for (let i = 0; i < n; i++) out[i] = p[i] ^ 1;
      return out;
    case 'next':
    case 'weakNext':
      for (let i = 0; i < n - 1; i++) out[i] = p[i + 1];
      out[n - 1] = f.kind === 'weakNext' ? 1 : 0;
      return out;
    case 'yesterday':
      for (let i = 1; i < n; i++) out[i] = p[i - 1];
      return out;
  }
  if (f.bounds === undefined) return unboundedUnary(f.kind, p, out);
  const { first, last } = windowsOf(f, e);
  if (f.kind === 'eventually' || f.kind === 'always') {
    // F: some true step in the window; G: no false step in it.
    const want = f.kind === 'eventually' ? 1 : 0;
    const next = nextIndex(p, want);
    for (let i = 0; i < n; i++) out[i] = (first[i] <= last[i] && next[first[i]] <= last[i] ? 1 : 0) ^ (want ^ 1);
  } else {
    const want = f.kind === 'once' ? 1 : 0;
    const previous = previousIndex(p, want);
    for (let i = 0; i < n; i++) out[i] = (first[i] <= last[i] && previous[last[i]] >= first[i] ? 1 : 0) ^ (want ^ 1);
  }
  return out;
}

function binary(f: BinaryNode, p: Uint8Array, q: Uint8Array, e: Evaluation): Uint8Array {
  const n = p.length;
  const out = new Uint8Array(n);
  switch (f.kind) {
    case 'and':
      for (let i = 0; i < n; i++) out[i] = p[i] & q[i];
      return out;
    case 'or':
      for (let i = 0; i < n; i++) out[i] = p[i] | q[i];
      return out;
    case 'implies':
      for (let i = 0; i < n; i++) out[i] = (p[i] ^ 1) | q[i];
      return out;
    case 'iff':
      for (let i = 0; i < n; i++) out[i] = (p[i] ^ q[i]) ^ 1;
      return out;
  }
  if (f.bounds === undefined) return unboundedBinary(f.kind, p, q, out);
  const { first, last } = windowsOf(f, e);
  if (f.kind === 'since') {
    const lastFalseP = previousIndex(p, 0);
    const lastTrueQ = previousIndex(q, 1);
    for (let i = 0; i < n; i++) {
      out[i] = first[i] <= last[i] && lastTrueQ[last[i]] >= Math.max(first[i], lastFalseP[i]) ? 1 : 0;
    }
    return out;
  }
  if (f.kind === 'until' || f.kind === 'weakUntil') {
    const nextFalseP = nextIndex(p, 0);
    const nextTrueQ = nextIndex(q, 1);
    const weak = f.kind === 'weakUntil';
    for (let i = 0; i < n; i++) {
      const until = first[i] <= last[i] && nextTrueQ[first[i]] <= Math.min(last[i], nextFalseP[i]);
      out[i] = until || (weak && nextFalseP[i] === n) ? 1 : 0;
    }
    return out;
  }
  throw new RangeError(`${e.trace.where}: ${f.kind} takes no bounds`);
}

// Unbounded operators need no window: the textbook one-pass recurrences,
// backwards for the future ones (from the last step, where X is false and WX
// true) and forwards for the past ones (from step 0, where Y is false).
function unboundedUnary(kind: 'eventually' | 'always' | 'once' | 'historically', p: Uint8Array, out: Uint8Array): Uint8Array {
  const n = p.length;
  if (kind === 'eventually') {
    out[n - 1] = p[n - 1];
    for (let i = n - 2; i >= 0; i--) out[i] = p[i] | out[i + 1];
  } else if (kind === 'always') {
    out[n - 1] = p[n - 1];
    for (let i = n - 2; i >= 0; i--) out[i] = p[i] & out[i + 1];
  } else if (kind === 'once') {
    out[0] = p[0];
    for (let i = 1; i < n; i++) out[i] = p[i] | out[i - 1];
  } else {
    out[0] = p[0];
    for (let i = 1; i < n; i++) out[i] = p[i] & out[i - 1];
  }
  return out;
}

function unboundedBinary(kind: TemporalBinary['kind'], p: Uint8Array, q: Uint8Array, out: Uint8Array): Uint8Array {
  const n = p.length;
  if (kind === 'since') {
    out[0] = q[0];
    for (let i = 1; i < n; i++) out[i] = q[i] | (p[i] & out[i - 1]);
    return out;
  }
  // The value just after the last step: what X/WX of the operator is there.
  const afterEnd = kind === 'weakUntil' || kind === 'release' ? 1 : 0;
  let next = afterEnd;
  for (let i = n - 1; i >= 0; i--) {
    // U, W: q now, or p now and the same from the next step; R, M: q now, and p now or the same from the next step.
    next = kind === 'until' || kind === 'weakUntil' ? q[i] | (p[i] & next) : q[i] & (p[i] | next);
    out[i] = next;
  }
  return out;
}
