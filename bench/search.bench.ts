// Subsequence search on 10^6 points: Midstream's UCR-pruned findSimilar beside a
// brute-force sliding DTW (the same wasm DTW kernel, no pruning) and the npm
// `dtw` package, both on a 10^5-point prefix and scaled; then StreamMatcher's
// throughput; then the UCR suite's own best-match task beside UCR_DTW.cpp
// (bench/ucr-task.ts). Run: npx tsx bench/search.bench.ts   (or npm run bench -- search)
import DTW from 'dtw';
import { StreamMatcher, findSimilar, residentSeries } from '../src/index';
import { withScratch } from '../src/memory';
import { compare, formatMs, randomWalk, seededRandom } from './support';
import { ucrTask } from './ucr-task';

const random = seededRandom(2012);
const n = 1_000_000;
const m = 128;
const window = Math.ceil(0.1 * m);
const series = randomWalk(random, n);
const pattern = Array.from(series.subarray(500_000, 500_000 + m), (x) => x + (random() - 0.5) * 0.2);
// The threshold that admits about 10 matches: the 10th best window's distance.
const threshold = findSimilar(series, pattern, Infinity, { window, limit: 10 })[9].distance;

/** Sliding DTW over every window of series[0, prefix) with the wasm kernel, no pruning. */
function bruteForce(prefix: number): number[] {
  return withScratch((s, k) => {
    const ps = s.f64(series.subarray(0, prefix));
    const pq = s.f64(pattern);
    const rows = s.f64(2 * (m + 1));
    const found: number[] = [];
    for (let start = 0; start + m <= prefix; start++) {
      if (k.dtwDistance(ps + 8 * start, m, pq, m, window, 0, Infinity, rows) <= threshold) found.push(start);
    }
    return found;
  });
}

const npmDtw = new DTW({ distanceMetric: 'manhattan' });
const prefixArray = Array.from(series.subarray(0, 100_000));
function npmSliding(prefix: number): number[] {
  const found: number[] = [];
  for (let start = 0; start + m <= prefix; start++) {
    if (npmDtw.compute(prefixArray.slice(start, start + m), pattern, window) <= threshold) found.push(start);
  }
  return found;
}

// Same answers on the prefix before timing anything.
const prefix = 100_000;
const fast = findSimilar(series.subarray(0, prefix), pattern, threshold, { window }).map((x) => x.index).sort((a, b) => a - b);
const slow = bruteForce(prefix);
if (fast.join() !== slow.join()) throw new Error('pruned and brute-force results differ');
const { matches, stats } = findSimilar(series, pattern, threshold, { window, stats: true });
console.log(`series ${n} points, pattern ${m}, window ${window}, threshold ${threshold.toFixed(3)} -> ${matches.length} matches`);
console.log(`pruning: ${stats.candidates} windows, LB_Kim ${stats.prunedByKim}, LB_Keogh ${stats.prunedByKeogh}, DTW ${stats.dtwComputed}`);

const windowsFull = n - m + 1;
const npmPrefix = 10_000;
const resident = residentSeries(series);
const results = await compare(
  `findSimilar, ${n} points, ${m}-point pattern, window 10%`,
  [
    { name: 'midstream findSimilar', run: () => findSimilar(series, pattern, threshold, { window }) },
    { name: 'midstream resident series (no copy)', run: () => resident.findSimilar(pattern, threshold, { window }) },
    { name: 'midstream findSimilar, normalize: true', run: () => findSimilar(series, pattern, 3 * threshold / m, { window, normalize: true }) },
    { name: 'brute-force sliding DTW (wasm), 10^5 prefix', run: () => bruteForce(prefix), scale: windowsFull / (prefix - m + 1) },
    { name: 'npm dtw sliding, 10^4 prefix', run: () => npmSliding(npmPrefix), scale: windowsFull / (npmPrefix - m + 1) },
  ],
  { time: 0, iterations: 3 },
);
const bruteRatio = results[3].meanMs / results[0].meanMs;
console.log(`\nfindSimilar vs brute-force sliding DTW: ${bruteRatio.toFixed(0)}x faster; 10^6-point search ${formatMs(results[0].meanMs)}`);

// StreamMatcher: points per second with a 128-point pattern.
const streamPoints = 1_000_000;
const streamResults = await compare(
  `StreamMatcher, ${m}-point pattern`,
  [{ name: `StreamMatcher.pushMany, ${streamPoints} points`, run: () => new StreamMatcher(pattern, { threshold }).pushMany(series.subarray(0, streamPoints)) }],
  { time: 0, iterations: 3 },
);
console.log(`StreamMatcher: ${(streamPoints / (streamResults[0].meanMs / 1000) / 1e6).toFixed(2)} million points/s`);
resident.free();

await ucrTask();
