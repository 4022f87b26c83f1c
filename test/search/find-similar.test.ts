import { describe, expect, it } from 'vitest';
import { detectPattern, findSimilar, residentSeries } from '../../src/index';
import { seededRandom, randomWalk, randomInt } from '../support/random';
import { bruteForceSearch, type BruteForceSearch } from '../support/reference';

function sineWithNoise(random: () => number, length: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => Math.sin(i / 6) + (random() - 0.5) * 0.3);
}

function expectSameMatches(got: Array<{ index: number; distance: number }>, expected: Array<{ index: number; distance: number }>) {
  expect(got.map((x) => x.index)).toEqual(expected.map((x) => x.index));
  got.forEach((match, k) => expect(Math.abs(match.distance - expected[k].distance)).toBeLessThan(1e-9));
}

describe('findSimilar (UCR-pruned) equals brute-force sliding DTW', () => {
  const random = seededRandom(101);
  const cases: Array<{ name: string; o: BruteForceSearch; threshold: number; series: Float64Array; pattern: number[] }> = [];
  for (let trial = 0; trial < 60; trial++) {
    const n = randomInt(random, 60, 260);
    const series = trial % 2 ? randomWalk(random, n) : sineWithNoise(random, n);
    const m = randomInt(random, 3, 40);
    const from = randomInt(random, 0, n - m);
    const pattern = Array.from(series.subarray(from, from + m), (x) => x + (random() - 0.5) * 0.3);
    const normalize = trial % 3 === 0;
    const window = random() < 0.25 ? undefined : randomInt(random, 0, Math.ceil(m / 4));
    const squared = trial % 5 === 0;
    // Thresholds from tiny (few matches) to generous (many).
    const threshold = (normalize ? m * 0.05 : m * 0.02) * (1 + trial % 7) * (squared ? 0.5 : 1);
    cases.push({ name: `#${trial} n=${n} m=${m} w=${window} ${squared ? 'squared' : 'abs'}${normalize ? ' normalized' : ''}`, o: { window, squared, normalize }, threshold, series, pattern });
  }

  for (const { name, o, threshold, series, pattern } of cases) {
    it(name, () => {
      const options = { window: o.window, cost: o.squared ? 'squared' : 'absolute', normalize: o.normalize } as const;
      expectSameMatches(findSimilar(series, pattern, threshold, options), bruteForceSearch(series, pattern, threshold, o));
      const limit = randomInt(random, 1, 5);
      expectSameMatches(findSimilar(series, pattern, threshold, { ...options, limit }), bruteForceSearch(series, pattern, threshold, { ...o, limit }));
      const exclusion = randomInt(random, 0, pattern.length - 1);
      expectSameMatches(
        findSimilar(series, pattern, threshold, { ...options, exclusion }),
        bruteForceSearch(series, pattern, threshold, { ...o, exclusion }),
      );
      expectSameMatches(
        findSimilar(series, pattern, threshold, { ...options, exclusion, limit }),
        bruteForceSearch(series, pattern, threshold, { ...o, exclusion, limit }),
      );
      expect(detectPattern(series, pattern, threshold, options)).toBe(bruteForceSearch(series, pattern, threshold, o).length > 0);
    });
  }

  it('limit with an unbounded threshold returns the k nearest windows', () => {
    const r = seededRandom(7);
    const series = randomWalk(r, 3000);
    const pattern = Array.from(series.subarray(1000, 1032));
    const options = { window: 3, limit: 5 };
    expectSameMatches(findSimilar(series, pattern, Infinity, options), bruteForceSearch(series, pattern, Infinity, { window: 3, limit: 5 }));
    expectSameMatches(
      findSimilar(series, pattern, Infinity, { ...options, exclusion: 8 }),
      bruteForceSearch(series, pattern, Infinity, { window: 3, limit: 5, exclusion: 8 }),
    );
  });

  it('handles flat windows when normalising', () => {
    const series = [0, 0, 0, 0, 0, 1, 2, 3, 2, 1, 5, 5, 5, 5, 5];
    const pattern = [4, 4, 4, 4, 4];
    expectSameMatches(findSimilar(series, pattern, 1, { normalize: true }), bruteForceSearch(series, pattern, 1, { normalize: true }));
  });
});

describe('pruning statistics', () => {
  it('count every window once and show that most are pruned', () => {
    const random = seededRandom(55);
    const series = randomWalk(random, 50_000);
    const pattern = Array.from(series.subarray(20_000, 20_128), (x) => x + (random() - 0.5) * 0.05);
    const { matches, stats } = findSimilar(series, pattern, 3, { window: 0.1, stats: true });
    expect(matches[0].index).toBe(20_000);
    expect(stats.candidates).toBe(series.length - 127);
    expect(stats.prunedByKim + stats.prunedByKeogh + stats.dtwComputed).toBe(stats.candidates);
    expect(stats.dtwComputed).toBeLessThan(stats.candidates / 10);
  });
});

describe('residentSeries', () => {
  it('searches without copying and gives the same results as findSimilar', () => {
    const random = seededRandom(77);
    const data = randomWalk(random, 5000);
    const resident = residentSeries(data);
    for (let trial = 0; trial < 10; trial++) {
      const from = randomInt(random, 0, 4900);
      const pattern = Array.from(data.subarray(from, from + 64), (x) => x + (random() - 0.5) * 0.1);
      const options = { window: trial % 3, normalize: trial % 2 === 0, limit: 3 };
      expect(resident.findSimilar(pattern, 10, options)).toEqual(findSimilar(data, pattern, 10, options));
      expect(resident.detectPattern(pattern, 10)).toBe(detectPattern(data, pattern, 10));
    }
    expect(resident.toArray()).toEqual(data);
    resident.free();
    expect(resident.freed).toBe(true);
    expect(() => resident.findSimilar([1, 2], 1)).toThrow(/freed/);
  });
});
