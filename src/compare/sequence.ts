// Discrete sequence comparison: longest common subsequence and Levenshtein
// distance. Strings compare by Unicode code point; arrays by value (SameValueZero),
// so any tokens work: numbers, strings, booleans. Kernels: assembly/lcs.ts, edit.ts.
import { withScratch } from '../memory';
import type { NumericSeries } from '../validate';

/**
 * What lcs and editDistance accept: a string, or an array / typed array of
 * tokens (other array-likes are rejected, and so does this type).
 */
export type TokenSequence = string | readonly unknown[] | NumericSeries | BigInt64Array | BigUint64Array;

/** Maps both inputs onto small integer ids, equal tokens to equal ids. */
export function tokenize(a: TokenSequence, b: TokenSequence, where: string): [Int32Array, Int32Array] {
  if (typeof a === 'string' && typeof b === 'string') return [codePoints(a), codePoints(b)];
  const ids = new Map<unknown, number>();
  return [toIds(a, 'a', where, ids), toIds(b, 'b', where, ids)];
}

function codePoints(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let k = 0;
  for (const ch of text) out[k++] = ch.codePointAt(0)!;
  return out.subarray(0, k);
}

function toIds(value: TokenSequence, name: string, where: string, ids: Map<unknown, number>): Int32Array {
  const items: ArrayLike<unknown> | undefined =
    typeof value === 'string'
      ? Array.from(value)
      : Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))
        ? (value as ArrayLike<unknown>)
        : undefined;
  if (!items) {
    throw new TypeError(`${where}: ${name} must be a string, an array or a typed array, got ${value === null ? 'null' : typeof value}`);
  }
  const out = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const token = items[i];
    if (typeof token === 'number' && Number.isNaN(token)) {
      throw new RangeError(`${where}: ${name}[${i}] is NaN, which equals nothing; remove or replace it`);
    }
    let id = ids.get(token);
    if (id === undefined) ids.set(token, (id = ids.size));
    out[i] = id;
  }
  return out;
}

function runShorterInner(
  a: Int32Array,
  b: Int32Array,
  kernel: 'lcsLength' | 'levenshtein',
): number {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  return withScratch((s, k) => {
    const pLong = s.i32(long);
    const pShort = s.i32(short);
    const row = s.i32(short.length + 1);
    return k[kernel](pLong, long.length, pShort, short.length, row);
  });
}

/** Length of the longest common subsequence of `a` and `b`. */
export function lcs(a: TokenSequence, b: TokenSequence): number {
  const [x, y] = tokenize(a, b, 'lcs');
  if (x.length === 0 || y.length === 0) return 0;
  return runShorterInner(x, y, 'lcsLength');
}

/** Levenshtein distance: fewest single-token insertions, deletions and substitutions turning `a` into `b`. */
export function editDistance(a: TokenSequence, b: TokenSequence): number {
  const [x, y] = tokenize(a, b, 'editDistance');
  if (x.length === 0 || y.length === 0) return Math.max(x.length, y.length);
  return runShorterInner(x, y, 'levenshtein');
}
