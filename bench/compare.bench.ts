// DTW and findSimilar: Midstream's wasm kernels beside the npm packages `dtw` and
// `dynamic-time-warping` and a plain JS typed-array DTW, in one process.
// Run: npx tsx bench/compare.bench.ts   (or npm run bench -- compare)
import DTW from 'dtw';
import DynamicTimeWarping from 'dynamic-time-warping';
import { dtw, findSimilar } from '../src/index';
import { compare, randomWalk, seededRandom } from './support';

/** The obvious JS implementation: two Float64Array rows, absolute cost. */
function plainDtw(a: Float64Array, b: Float64Array): number {
  const m = b.length;
  let prev = new Float64Array(m + 1).fill(Infinity);
  let cur = new Float64Array(m + 1);
  prev[0] = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = Infinity;
    const ai = a[i - 1];
    for (let j = 1; j <= m; j++) {
      cur[j] = Math.abs(ai - b[j - 1]) + Math.min(prev[j - 1], prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}

const npmDtw = new DTW({ distanceMetric: 'manhattan' });
const absDiff = (x: number, y: number) => Math.abs(x - y);
const random = seededRandom(42);

// Three kinds of data: DTW's cost per cell must not depend on them (the choice of
// predecessor is unpredictable on noise, predictable on smooth data).
const kinds: Record<string, (length: number) => Float64Array> = {
  'white noise': (length) => Float64Array.from({ length }, () => random() - 0.5),
  'random walk': (length) => randomWalk(random, length),
  sine: (length) => {
    const phase = random() * 6;
    return Float64Array.from({ length }, (_, i) => Math.sin(0.05 * i + phase));
  },
};
const perCell: Array<{ size: number; kind: string; midstreamNs: number; plainNs: number }> = [];

for (const size of [128, 1000]) {
  for (const [kind, make] of Object.entries(kinds)) {
    const a = make(size);
    const b = make(size);
    const arrayA = Array.from(a);
    const arrayB = Array.from(b);
    const expected = plainDtw(a, b);
    for (const got of [dtw(a, b), npmDtw.compute(arrayA, arrayB), new DynamicTimeWarping(arrayA, arrayB, absDiff).getDistance()]) {
      if (Math.abs(got - expected) > 1e-6 * expected) throw new Error(`results differ: ${got} vs ${expected}`);
    }
    const repeat = size < 500 ? 20 : 1;
    const results = await compare(`dtw ${size} x ${size}, ${kind}`, [
      { name: 'midstream dtw (wasm)', run: () => dtw(a, b), repeat },
      { name: 'plain JS typed-array DTW', run: () => plainDtw(a, b), repeat },
      { name: 'npm dtw', run: () => npmDtw.compute(arrayA, arrayB), repeat },
      { name: 'npm dynamic-time-warping', run: () => new DynamicTimeWarping(arrayA, arrayB, absDiff).getDistance(), repeat },
    ]);
    const cells = size * size;
    perCell.push({ size, kind, midstreamNs: (results[0].meanMs * 1e6) / cells, plainNs: (results[1].meanMs * 1e6) / cells });
  }
}

console.log('\n## dtw time per cell by kind of data (target: noise within 1.3x of random walk, >= 3x plain JS)');
console.log('| size | data | midstream ns/cell | plain JS ns/cell | plain JS / midstream | vs random walk |');
console.log('|---|---|---:|---:|---:|---:|');
for (const row of perCell) {
  const walk = perCell.find((r) => r.size === row.size && r.kind === 'random walk')!;
  console.log(
    `| ${row.size} | ${row.kind} | ${row.midstreamNs.toFixed(2)} | ${row.plainNs.toFixed(2)} | ${(row.plainNs / row.midstreamNs).toFixed(1)}x | ${(row.midstreamNs / walk.midstreamNs).toFixed(2)}x |`,
  );
}

// findSimilar on 100k points with a 128-point pattern cut from the series plus noise,
// the threshold set so that about 10 windows match.
const series = randomWalk(random, 100_000);
const pattern = Array.from(series.subarray(40_000, 40_128), (x) => x + (random() - 0.5) * 0.1);
const all = findSimilar(series, pattern, Infinity);
const threshold = all[9].distance;
const matches = findSimilar(series, pattern, threshold);
console.log(`\nfindSimilar: ${series.length} points, pattern ${pattern.length}, threshold ${threshold.toFixed(3)} -> ${matches.length} matches`);

// The peers have no subsequence search: slide them over a prefix and scale by the window count.
const prefix = 2_000;
const prefixSeries = Array.from(series.subarray(0, prefix));
const windowsFull = series.length - pattern.length + 1;
const windowsPrefix = prefix - pattern.length + 1;
const slide = (distance: (window: number[]) => number) => () => {
  const found: number[] = [];
  for (let s = 0; s < windowsPrefix; s++) if (distance(prefixSeries.slice(s, s + pattern.length)) <= threshold) found.push(s);
  return found;
};
const patternF64 = Float64Array.from(pattern);
await compare(`findSimilar ${series.length} points, ${pattern.length}-point pattern`, [
  { name: 'midstream findSimilar', run: () => findSimilar(series, pattern, threshold) },
  { name: 'plain JS typed-array DTW, sliding', run: slide((w) => plainDtw(Float64Array.from(w), patternF64)), scale: windowsFull / windowsPrefix },
  { name: 'npm dtw, sliding', run: slide((w) => npmDtw.compute(w, pattern)), scale: windowsFull / windowsPrefix },
  { name: 'npm dynamic-time-warping, sliding', run: slide((w) => new DynamicTimeWarping(w, pattern, absDiff).getDistance()), scale: windowsFull / windowsPrefix },
], { time: 200, iterations: 2 });
