// The parameter block of the ucrScan kernel, laid out field for field as the
// ScanParams class in assembly/search.ts (test/search/scan-params.test.ts checks
// that both sides agree on its size). One f64, then 4-byte pointers and integers.
import { wasm } from '../wasm';

export interface ScanParams {
  /** Report windows whose DTW is <= this ("best so far"). */
  bsf: number;
  /** The data in wasm memory (f64). */
  series: number;
  /** Window starts from..to-1 are scanned. */
  from: number;
  to: number;
  /** Pattern (= window) length. */
  m: number;
  /** Band radius in points. */
  r: number;
  squared: boolean;
  normalize: boolean;
  /** The prepared pattern, its envelope, and its visiting order (i32). */
  query: number;
  qUpper: number;
  qLower: number;
  order: number;
  /** The raw series' envelope. */
  dUpper: number;
  dLower: number;
  /** Scratch for the kernel: m, m, m, m + 1 and 2 (m + 1) f64s. */
  candidate: number;
  boundQ: number;
  boundD: number;
  rest: number;
  rows: number;
  /** (start, distance) f64 pairs out, room for to - from. */
  out: number;
  /** Four i32 counters the kernel adds to (see SearchStats). */
  stats: number;
}

// The 4-byte fields in the kernel's declaration order, after bsf (offset 0).
const WORD_FIELDS = [
  'series', 'from', 'to', 'm', 'r', 'squared', 'normalize',
  'query', 'qUpper', 'qLower', 'order', 'dUpper', 'dLower',
  'candidate', 'boundQ', 'boundD', 'rest', 'rows', 'out', 'stats',
] as const satisfies ReadonlyArray<keyof ScanParams>;

/** Size of the block in bytes. */
export const SCAN_PARAMS_BYTES = 8 + 4 * WORD_FIELDS.length;

/** Writes `params` into the block at `ptr` (SCAN_PARAMS_BYTES long). */
export function writeScanParams(ptr: number, params: ScanParams): void {
  const view = new DataView(wasm().memory.buffer, ptr, SCAN_PARAMS_BYTES);
  view.setFloat64(0, params.bsf, true);
  for (const field of WORD_FIELDS) view.setInt32(wordOffset(field), Number(params[field]), true);
}

/** Sets only the fields that change from one chunk of a scan to the next. */
export function writeScanRange(ptr: number, bsf: number, from: number, to: number): void {
  const view = new DataView(wasm().memory.buffer, ptr, SCAN_PARAMS_BYTES);
  view.setFloat64(0, bsf, true);
  view.setInt32(wordOffset('from'), from, true);
  view.setInt32(wordOffset('to'), to, true);
}

function wordOffset(field: (typeof WORD_FIELDS)[number]): number {
  return 8 + 4 * WORD_FIELDS.indexOf(field);
}
