// Drives the UCR scan kernel over a series in wasm memory, chunk by chunk, so
// the best-so-far bound tightens as matches are found and results stay exact.
// Between chunks it reports progress and honours an abort signal.
import { f64View, i32View, withScratch, type Scratch } from '../memory';
import type { ResolvedSearch } from './options';
import { prepareQuery } from './query';
import { SCAN_PARAMS_BYTES, writeScanParams, writeScanRange } from './scan-params';
import { MatchSelection, type Match } from './selection';

/** A series already in wasm memory, with its envelopes for any band radius. */
export interface SeriesSource {
  ptr: number;
  length: number;
  /** Pointers to the upper and lower envelope of radius r (valid during this call). */
  envelope(r: number, scratch: Scratch): { upper: number; lower: number };
  /** Throws if the memory has been given back meanwhile (a resident series freed by a callback). */
  checkAlive?(): void;
}

export interface SearchStats {
  /** Windows considered. */
  candidates: number;
  /** Windows pruned by LB_Kim (the first and last three points). */
  prunedByKim: number;
  /** Windows pruned by LB_Keogh, with the pattern's envelope or the window's. */
  prunedByKeogh: number;
  /** Windows for which DTW was computed (it may still have abandoned early). */
  dtwComputed: number;
}

/**
 * A bound shared by the searches of several parts of one series (parallel
 * search): each publishes its own best-so-far, and prunes with the least.
 */
export interface SharedBound {
  read(): number;
  publish(bound: number): void;
}

export const CHUNK = 8192;
// Lower bounds are summed in another order than DTW; this slack keeps a window
// whose DTW equals the bound from being pruned by a rounding difference.
const ROUNDING_SLACK = 1e-12;

export function scanSeries(
  source: SeriesSource,
  pattern: Float64Array,
  plan: ResolvedSearch,
  stopAtFirst: boolean,
  shared?: SharedBound,
): { matches: Match[]; stats: SearchStats } {
  const { m, r, signal, onProgress } = plan;
  const windows = source.length - m + 1;
  const selection = new MatchSelection(plan);
  const counters = new Int32Array(4);
  withScratch((s) => {
    throwIfAborted(signal);
    const q = prepareQuery(s, pattern, r, plan.normalize);
    const { upper, lower } = source.envelope(r, s);
    const out = s.f64(2 * Math.min(CHUNK, windows));
    const stats = s.i32(counters); // zeros: the kernel adds to them
    // Best-k: the kernel tightens the bound after every match, as UCR does.
    const keep = selection.boundIsKthBest < windows ? selection.boundIsKthBest : 0;
    const best = keep > 0 ? s.f64(keep) : 0;
    const params = s.alloc(SCAN_PARAMS_BYTES);
    writeScanParams(params, {
      bsf: 0, slack: ROUNDING_SLACK, series: source.ptr, from: 0, to: 0, m, r, squared: plan.squared, normalize: plan.normalize,
      query: q.query, qUpper: q.upper, qLower: q.lower, order: q.order, dUpper: upper, dLower: lower,
      candidate: s.f64(m), boundQ: s.f64(m), boundD: s.f64(m), rest: s.f64(m + 1), rows: s.f64(2 * (m + 1)),
      out, stats, keep, kept: 0, best,
    });
    for (let from = 0; from < windows; from += CHUNK) {
      const to = Math.min(windows, from + CHUNK);
      const bound = shared ? Math.min(selection.bestSoFar, shared.read()) : selection.bestSoFar;
      writeScanRange(params, bound * (1 + ROUNDING_SLACK), from, to);
      const count = s.kernels.ucrScan(params);
      const pairs = f64View(out, 2 * count);
      for (let p = 0; p < count; p++) selection.add(pairs[2 * p], pairs[2 * p + 1]);
      selection.refreshBound();
      shared?.publish(selection.bestSoFar);
      if (stopAtFirst && selection.found > 0) break;
      if (onProgress) {
        onProgress(to, windows);
        source.checkAlive?.();
      }
      throwIfAborted(signal);
    }
    counters.set(i32View(stats, 4));
  });
  const [kim, keoghQuery, keoghData, dtwComputed] = counters;
  return {
    matches: selection.result(),
    stats: { candidates: windows, prunedByKim: kim, prunedByKeogh: keoghQuery + keoghData, dtwComputed },
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** A series copied into scratch memory for one call. */
export function temporarySource(series: Float64Array, scratch: Scratch): SeriesSource {
  const ptr = scratch.f64(series);
  return {
    ptr,
    length: series.length,
    envelope(r, s) {
      return computeEnvelope(ptr, series.length, r, s);
    },
  };
}

export function computeEnvelope(ptr: number, length: number, r: number, s: Scratch): { upper: number; lower: number } {
  const upper = s.f64(length);
  const lower = s.f64(length);
  const deque = s.i32(2 * (length + 1));
  s.kernels.envelope(ptr, length, r, upper, lower, deque);
  return { upper, lower };
}
