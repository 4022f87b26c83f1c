import { describe, expect, it } from 'vitest';
import { detectPattern, findSimilar } from '../../src/index';
import { seededRandom, randomWalk, randomInt } from '../support/random';
import { bruteForceSimilar } from '../support/reference';

describe('findSimilar', () => {
  it('returns exactly the brute-force matches, sorted by distance', () => {
    const random = seededRandom(21);
    for (let trial = 0; trial < 40; trial++) {
      const series = randomWalk(random, randomInt(random, 20, 200));
      const m = randomInt(random, 2, 16);
      const start = randomInt(random, 0, series.length - m);
      const pattern = Array.from(series.subarray(start, start + m), (x) => x + (random() - 0.5) * 0.2);
      const threshold = random() * 3;
      const window = random() < 0.5 ? undefined : randomInt(random, 0, m);
      const squared = random() < 0.3;
      const expected = bruteForceSimilar(series, pattern, threshold, window ?? Infinity, squared);
      const got = findSimilar(series, pattern, threshold, { window, cost: squared ? 'squared' : 'absolute' });
      expect(got.map((x) => x.index)).toEqual(expected.map((x) => x.index));
      got.forEach((match, k) => expect(match.distance).toBeCloseTo(expected[k].distance, 9));
    }
  });

  it('finds a planted motif at distance 0', () => {
    const series = Array.from({ length: 300 }, (_, i) => Math.sin(i / 7));
    const pattern = series.slice(100, 130);
    const matches = findSimilar(series, pattern, 0);
    expect(matches.some((m) => m.index === 100 && m.distance === 0)).toBe(true);
    expect(detectPattern(series, pattern, 0)).toBe(true);
    expect(detectPattern(series, pattern.map((x) => x + 5), 1)).toBe(false);
  });
});
