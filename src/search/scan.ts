// Drives the UCR scan kernel over a series in wasm memory, chunk by chunk, so
// the best-so-far bound tightens as matches are found and results stay exact.
import { f64View, i32View, withScratch, type Scratch } from '../memory';
import type { ResolvedSearch } from './options';
import { prepareQuery } from './query';
import { MatchSelection, type Match } from './selection';

/** A series already in wasm memory, with its envelopes for any band radius. */
export interface SeriesSource {
  ptr: number;
  length: number;
  /** Pointers to the upper and lower envelope of radius r (valid during this call). */
  envelope(r: number, scratch: Scratch): { upper: number; lower: number };
}

export interface SearchStats {
  /** Windows considered. */
  candidates: number;
  /** Windows pruned by LB_KimFL. */
  prunedByKim: number;
  /** Windows pruned by LB_Keogh, with the pattern's envelope or the window's. */
  prunedByKeogh: number;
  /** Windows for which DTW was computed (it may still have abandoned early). */
  dtwComputed: number;
}

const CHUNK = 8192;
// Lower bounds are summed in another order than DTW; this slack keeps a window
// whose DTW equals the bound from being pruned by a rounding difference.
const ROUNDING_SLACK = 1e-12;

export function scanSeries(
  source: SeriesSource,
  pattern: Float64Array,
  plan: ResolvedSearch,
  stopAtFirst: boolean,
): { matches: Match[]; stats: SearchStats } {
  const { m, r } = plan;
  const windows = source.length - m + 1;
  const selection = new MatchSelection(plan);
  const counters = new Int32Array(4);
  withScratch((s, k) => {
    const q = prepareQuery(s, pattern, r, plan.normalize);
    const { upper, lower } = source.envelope(r, s);
    const candidate = s.f64(m);
    const boundQ = s.f64(m);
    const boundD = s.f64(m);
    const rest = s.f64(m + 1);
    const rows = s.f64(2 * (m + 1));
    const out = s.f64(2 * Math.min(CHUNK, windows));
    const statsPtr = s.i32(4);
    k.searchStats(statsPtr); // zero the counters
    for (let from = 0; from < windows; from += CHUNK) {
      const to = Math.min(windows, from + CHUNK);
      const bsf = selection.bestSoFar * (1 + ROUNDING_SLACK);
      const count = k.ucrScan(
        source.ptr, from, to, m, r, plan.squared, plan.normalize, bsf,
        q.query, q.upper, q.lower, q.order, upper, lower,
        candidate, boundQ, boundD, rest, rows, out,
      );
      const pairs = f64View(out, 2 * count);
      for (let p = 0; p < count; p++) selection.add(pairs[2 * p], pairs[2 * p + 1]);
      selection.refreshBound();
      if (stopAtFirst && selection.found > 0) break;
    }
    k.searchStats(statsPtr);
    counters.set(i32View(statsPtr, 4));
  });
  const [kim, keoghQuery, keoghData, dtwComputed] = counters;
  return {
    matches: selection.result(),
    stats: { candidates: windows, prunedByKim: kim, prunedByKeogh: keoghQuery + keoghData, dtwComputed },
  };
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
