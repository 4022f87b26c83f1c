// The search step of `demo` and `analyze`: findSimilar (src/search) over the
// whole series. The distinct matches (one per occurrence, no two overlapping)
// are findSimilar's own `exclusion: 0` selection; the CLI selects nothing itself.
import { distinctMatches, findSimilar, type Match, type SearchOptions } from '../index';
import type { CommonOptions } from './options';
import { Progress } from './progress';

export interface SearchReport {
  threshold: number | null;
  window: number | null;
  cost: string;
  windows: number;
  /** Windows within the threshold (null when no threshold was given). */
  withinThreshold: number | null;
  milliseconds: number;
  /** Distinct (non-overlapping) matches, best first, or every match with --all. */
  matches: Match[];
}

/** The report, and the distinct matches (the same as report.matches unless --all). */
export function runSearch(
  series: Float64Array,
  pattern: Float64Array,
  threshold: number | undefined,
  o: CommonOptions,
): { report: SearchReport; distinct: Match[] } {
  const options: SearchOptions = { cost: o.cost };
  if (o.window !== undefined) options.window = o.window;
  const windows = series.length - pattern.length + 1;
  const started = performance.now();
  const summary = { threshold: threshold ?? null, window: o.window ?? null, cost: o.cost, windows };

  if (threshold === undefined && !o.all) {
    // The best distinct windows: one search, pruned by the bound the limit gives.
    const distinct = findSimilar(series, pattern, Infinity, { ...options, exclusion: 0, limit: o.top });
    const milliseconds = performance.now() - started;
    return { report: { ...summary, withinThreshold: null, milliseconds, matches: distinct }, distinct };
  }
  const bound = threshold ?? Infinity;
  const all = findSimilarWithProgress(series, pattern, bound, options, new Progress(o.json ? 'off' : o.progress));
  const distinct = distinctMatches(all, pattern.length);
  const milliseconds = performance.now() - started;
  return { report: { ...summary, withinThreshold: all.length, milliseconds, matches: o.all ? all : distinct }, distinct };
}

/** findSimilar(series, pattern, threshold, options), with its progress shown. */
function findSimilarWithProgress(
  series: Float64Array,
  pattern: Float64Array,
  threshold: number,
  options: Omit<SearchOptions, 'limit' | 'exclusion'>,
  progress: Progress,
): Match[] {
  progress.start('searching', series.length - pattern.length + 1);
  try {
    return findSimilar(series, pattern, threshold, { ...options, onProgress: (done) => progress.update(done) });
  } finally {
    progress.done();
  }
}

/** One line that says which search was run. */
export function describeSearch(search: SearchReport, patternLength: number): string {
  const band =
    search.window === null
      ? 'no band'
      : search.window > 0 && search.window < 1
        ? `Sakoe-Chiba band ${Math.round(search.window * 100)}% (${Math.ceil(search.window * patternLength)} points)`
        : `Sakoe-Chiba band ${search.window} points`;
  const threshold = search.threshold === null ? 'no threshold' : `threshold ${search.threshold}`;
  return `findSimilar, DTW with ${search.cost} cost, ${band}, ${threshold}`;
}
