// The concrete syntax shared by parseFormula and formatFormula: the words and
// symbols of every operator, and the precedence levels (a higher level binds
// tighter). Keeping both directions on one table is what makes the round trip
// parseFormula(formatFormula(f)) == f hold.
import type { BinaryTemporalKind, BooleanKind, Comparison, UnaryTemporalKind } from './ast';

/** Precedence levels, lowest first. */
export const LEVEL = {
  iff: 1, // <->  <=>  iff            right-associative
  implies: 2, // ->  =>  implies     right-associative
  or: 3, // ||  |  or                 left-associative
  and: 4, // &&  &  and               left-associative
  temporal: 5, // U W R M S since     right-associative
  unary: 6, // ! not X WX F G Y O H ... prefix
  primary: 7, // atoms, comparisons, true, false, ( ... )
} as const;

export type UnaryKind = UnaryTemporalKind | 'not';

/** Prefix operators by spelling. */
export const UNARY_WORDS: ReadonlyMap<string, UnaryKind> = new Map<string, UnaryKind>([
  ['!', 'not'],
  ['not', 'not'],
  ['X', 'next'],
  ['WX', 'weakNext'],
  ['F', 'eventually'],
  ['eventually', 'eventually'],
  ['<>', 'eventually'],
  ['G', 'always'],
  ['always', 'always'],
  ['[]', 'always'],
  ['Y', 'yesterday'],
  ['pre', 'yesterday'],
  ['O', 'once'],
  ['once', 'once'],
  ['H', 'historically'],
  ['historically', 'historically'],
]);

/** Binary temporal operators by spelling (level `temporal`). */
export const TEMPORAL_WORDS: ReadonlyMap<string, BinaryTemporalKind> = new Map<string, BinaryTemporalKind>([
  ['U', 'until'],
  ['W', 'weakUntil'],
  ['R', 'release'],
  ['M', 'strongRelease'],
  ['S', 'since'],
  ['since', 'since'],
]);

/** Boolean connectives by spelling, with their level. */
export const BOOLEAN_WORDS: ReadonlyMap<string, BooleanKind> = new Map<string, BooleanKind>([
  ['&&', 'and'],
  ['&', 'and'],
  ['and', 'and'],
  ['||', 'or'],
  ['|', 'or'],
  ['or', 'or'],
  ['->', 'implies'],
  ['=>', 'implies'],
  ['implies', 'implies'],
  ['<->', 'iff'],
  ['<=>', 'iff'],
  ['iff', 'iff'],
]);

export const COMPARISONS: ReadonlySet<string> = new Set<Comparison>(['<', '<=', '>', '>=', '==', '!=']);

/** The canonical spelling formatFormula prints for each operator. */
export const SYMBOL: Readonly<Record<UnaryKind | BinaryTemporalKind | BooleanKind, string>> = {
  not: '!',
  next: 'X',
  weakNext: 'WX',
  eventually: 'F',
  always: 'G',
  yesterday: 'Y',
  once: 'O',
  historically: 'H',
  until: 'U',
  weakUntil: 'W',
  release: 'R',
  strongRelease: 'M',
  since: 'S',
  and: '&&',
  or: '||',
  implies: '->',
  iff: '<->',
};

/** Words that are operators or constants, so a field with this name must be quoted. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...[...UNARY_WORDS.keys(), ...TEMPORAL_WORDS.keys(), ...BOOLEAN_WORDS.keys()].filter((w) => /^\w+$/.test(w)),
  'true',
  'false',
]);

/** A field name that can be written without quotes: letters, digits, _ and $, dotted segments. */
export const BARE_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*(?:\.[\p{L}\p{N}_$]+)*$/u;

/** Words accepted as an unbounded upper bound: F[2,inf], F[2..], O[0:Infinity]. */
export const INFINITY_WORDS: ReadonlySet<string> = new Set(['inf', 'Inf', 'infinity', 'Infinity']);
