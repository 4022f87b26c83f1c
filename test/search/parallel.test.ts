// findSimilarParallel against findSimilar on one thread. The workers load the
// library by its module URL and cannot import TypeScript, so the library is
// bundled with esbuild first (as test/scheduler/worker.test.ts does).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Library from '../../src/index';
import { randomWalk, seededRandom } from '../support/random';

let dir: string;
let lib: typeof Library;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'midstream-parallel-'));
  const outfile = join(dir, 'index.mjs');
  await build({ entryPoints: [join(__dirname, '../../src/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error' });
  lib = await import(pathToFileURL(outfile).href);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function noisySine(random: () => number, length: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => Math.sin(i / 9) + (random() - 0.5) * 0.5);
}

type Result = { matches: Array<{ index: number; distance: number }>; stats: { candidates: number } };

describe('findSimilarParallel', () => {
  const random = seededRandom(1515);
  const n = 130_000; // > 2 x 50,000 windows: two workers
  const cases = [
    { name: 'best match, random walk, normalize', series: randomWalk(random, n), options: { normalize: true, window: 4, cost: 'squared', limit: 1 } },
    { name: 'best 3, noisy sine, normalize', series: noisySine(random, n), options: { normalize: true, window: 2, limit: 3 } },
    { name: 'best 5, random walk, raw values', series: randomWalk(random, n), options: { window: 3, limit: 5 } },
  ] as const;
  for (const c of cases) {
    it(`returns what one thread returns: ${c.name}`, async () => {
      const start = 77_000;
      const pattern = Array.from(c.series.subarray(start, start + 48), (x) => x + (random() - 0.5) * 0.2);
      const one = lib.findSimilar(c.series, pattern, Infinity, { ...c.options, stats: true }) as Result;
      const parallel = (await lib.findSimilarParallel(c.series, pattern, Infinity, { ...c.options, stats: true, workers: 2 })) as Result;
      expect(parallel.matches.map((x) => x.index)).toEqual(one.matches.map((x) => x.index));
      parallel.matches.forEach((x, k) => {
        // Without normalisation the same DTW on the same values: the same bits. With
        // it, each part's running sums start afresh: the last bits may differ.
        if ('normalize' in c.options) expect(Math.abs(x.distance - one.matches[k].distance)).toBeLessThan(1e-9);
        else expect(x.distance).toBe(one.matches[k].distance);
      });
      expect(parallel.stats.candidates).toBe(one.stats.candidates);
    }, 60_000);
  }

  it('every window within a threshold, as one thread finds them', async () => {
    const series = randomWalk(random, n);
    const pattern = Array.from(series.subarray(10_000, 10_032));
    const threshold = (lib.findSimilar(series, pattern, Infinity, { window: 2, limit: 40 }) as Result['matches'])[39].distance;
    const one = lib.findSimilar(series, pattern, threshold, { window: 2 }) as Result['matches'];
    const parallel = (await lib.findSimilarParallel(series, pattern, threshold, { window: 2, workers: 3 })) as Result['matches'];
    expect(parallel).toEqual(one);
    expect(one.length).toBeGreaterThanOrEqual(40);
  }, 60_000);

  it('runs on the calling thread for short series, one worker, or exclusion; checks options.workers', async () => {
    const series = randomWalk(random, 5000);
    const pattern = Array.from(series.subarray(100, 130));
    const one = lib.findSimilar(series, pattern, Infinity, { limit: 4, exclusion: 0 });
    expect(await lib.findSimilarParallel(series, pattern, Infinity, { limit: 4, exclusion: 0 })).toEqual(one);
    expect(await lib.findSimilarParallel(series, pattern, Infinity, { limit: 4, exclusion: 0, workers: 1 })).toEqual(one);
    await expect(lib.findSimilarParallel(series, pattern, 1, { workers: 0 })).rejects.toThrow(RangeError);
    await expect(lib.findSimilarParallel(series, pattern, 1, { workers: 0 })).rejects.toThrow(/findSimilarParallel: options\.workers/);
    await expect(lib.findSimilarParallel(series, pattern, 1, { workers: '2' as unknown as number })).rejects.toThrow(TypeError);
  });
});
