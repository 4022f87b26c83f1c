// The parameter block of the ucrScan kernel, laid out field for field as the
// ScanParams class in assembly/search.ts (test/search/scan-params.test.ts checks
// that both sides agree on its size). Two f64s, then 4-byte pointers and integers.
import { wasm } from '../wasm';

export interface ScanParams {
  /** Report windows whose DTW is <= this ("best so far"). */
  bsf: number;
  /** With keep > 0 the kernel tightens bsf to the keep-th best distance x (1 + slack). */
  slack: number;
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
  /** > 0: the kernel keeps the best `keep` distances in `best` (f64 x keep) and tightens bsf after each match. */
  keep: number;
  /** How many `best` holds: 0 at the start of a scan, then the kernel's. */
  kept: number;
  best: number;
}

// The 4-byte fields in the kernel's declaration order, after bsf (offset 0) and slack (8).
const WORD_FIELDS = [
  'series', 'from', 'to', 'm', 'r', 'squared', 'normalize',
  'query', 'qUpper', 'qLower', 'order', 'dUpper', 'dLower',
  'candidate', 'boundQ', 'boundD', 'rest', 'rows', 'out', 'stats', 'keep', 'kept', 'best',
] as const satisfies ReadonlyArray<keyof ScanParams>;

/** Size of the block in bytes. */
export const SCAN_PARAMS_BYTES = 16 + 4 * WORD_FIELDS.length;

/** Writes `params` into the block at `ptr` (SCAN_PARAMS_BYTES long). */
export function writeScanParams(ptr: number, params: ScanParams): void {
  const view = new DataView(wasm().memory.buffer, ptr, SCAN_PARAMS_BYTES);
  view.setFloat64(0, params.bsf, true);
  view.setFloat64(8, params.slack, true);
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
  return 16 + 4 * WORD_FIELDS.indexOf(field);
}
