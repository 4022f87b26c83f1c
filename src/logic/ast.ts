// The formula language's abstract syntax: plain, JSON-friendly objects that
// parseFormula returns, formatFormula prints, and verify, monitor and
// robustness evaluate. One `kind` per operator; bounded operators carry
// `bounds` (absent means unbounded).

/** Numeric comparison operators of an atomic predicate. */
export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** One side of a comparison: a state field or a number literal. */
export type Term = { kind: 'field'; name: string } | { kind: 'number'; value: number };

/**
 * A closed interval of steps (or of time units, when states carry a timestamp
 * field named by an option), `lo <= hi`; `hi` may be Infinity.
 */
export interface Bounds {
  lo: number;
  hi: number;
}

export type UnaryTemporalKind =
  | 'next' // X: strong next, false at the last step of a finished trace
  | 'weakNext' // WX: true at the last step
  | 'eventually' // F, F[a,b]
  | 'always' // G, G[a,b]
  | 'yesterday' // Y: false at step 0
  | 'once' // O, O[a,b]
  | 'historically'; // H, H[a,b]

export type BinaryTemporalKind =
  | 'until' // U, U[a,b]: strong until
  | 'weakUntil' // W
  | 'release' // R: weak release, p R q == !(!p U !q)
  | 'strongRelease' // M: p M q == !(!p W !q)
  | 'since'; // S, S[a,b]

export type BooleanKind = 'and' | 'or' | 'implies' | 'iff';

export type Formula =
  | { kind: 'true' }
  | { kind: 'false' }
  /** A field read as a boolean. */
  | { kind: 'atom'; name: string }
  | { kind: 'compare'; op: Comparison; left: Term; right: Term }
  | { kind: 'not'; operand: Formula }
  | { kind: BooleanKind; left: Formula; right: Formula }
  | { kind: UnaryTemporalKind; operand: Formula; bounds?: Bounds }
  | { kind: BinaryTemporalKind; left: Formula; right: Formula; bounds?: Bounds };

/** Operators that accept `[a,b]` bounds. */
export const BOUNDABLE: ReadonlySet<Formula['kind']> = new Set([
  'eventually',
  'always',
  'until',
  'once',
  'historically',
  'since',
]);
