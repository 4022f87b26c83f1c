// distinctMatches(matches, patternLength, { exclusion }): the greedy, best-first
// overlap suppression, against the definition written out here (keep a match
// unless a kept one overlaps it by more than `exclusion` points), and equal to
// findSimilar's own `exclusion` on the windows findSimilar found.
import { describe, expect, it } from 'vitest';
import { distinctMatches, findSimilar } from '../../src/index';
import { randomInt, randomWalk, seededRandom } from '../support/random';

type Match = { index: number; distance: number };

function greedyDistinct(matches: readonly Match[], m: number, exclusion: number): Match[] {
  const sorted = [...matches].sort((p, q) => p.distance - q.distance || p.index - q.index);
  const kept: Match[] = [];
  for (const match of sorted) {
    const overlapsKept = kept.some((k) => m - Math.abs(k.index - match.index) > exclusion);
    if (!overlapsKept) kept.push(match);
  }
  return kept;
}

describe('distinctMatches', () => {
  it('equals the greedy definition on random match lists (shuffled, with ties)', () => {
    const random = seededRandom(404);
    for (let trial = 0; trial < 300; trial++) {
      const m = randomInt(random, 1, 30);
      const exclusion = randomInt(random, 0, m + 2);
      const count = randomInt(random, 0, 80);
      const indices = new Set<number>();
      while (indices.size < count) indices.add(randomInt(random, 0, 400));
      // Few distinct distances, so ties are common and the index decides.
      const matches = [...indices].map((index) => ({ index, distance: randomInt(random, 0, 6) / 2 }));
      expect(distinctMatches(matches, m, { exclusion }), `m=${m} exclusion=${exclusion}`).toEqual(greedyDistinct(matches, m, exclusion));
    }
  });

  it("gives findSimilar's own exclusion from findSimilar's full list (one search for both)", () => {
    const random = seededRandom(405);
    for (let trial = 0; trial < 20; trial++) {
      const series = randomWalk(random, randomInt(random, 200, 600));
      const m = randomInt(random, 4, 40);
      const from = randomInt(random, 0, series.length - m);
      const pattern = Array.from(series.subarray(from, from + m), (x) => x + (random() - 0.5) * 0.2);
      const threshold = m * 0.1 * (1 + (trial % 5));
      const exclusion = randomInt(random, 0, m - 1);
      const all = findSimilar(series, pattern, threshold, { window: 3 });
      expect(distinctMatches(all, m, { exclusion })).toEqual(findSimilar(series, pattern, threshold, { window: 3, exclusion }));
    }
  });

  it('leaves its input as it was, and defaults to no overlap at all', () => {
    const matches = [
      { index: 10, distance: 2 },
      { index: 12, distance: 1 },
      { index: 20, distance: 3 },
    ];
    const before = structuredClone(matches);
    expect(distinctMatches(matches, 5)).toEqual([
      { index: 12, distance: 1 },
      { index: 20, distance: 3 },
    ]);
    expect(distinctMatches(matches, 5, { exclusion: 3 })).toEqual([
      { index: 12, distance: 1 },
      { index: 10, distance: 2 },
      { index: 20, distance: 3 },
    ]);
    expect(matches).toEqual(before);
  });

  it('names the argument in its errors', () => {
    expect(() => distinctMatches('x' as never, 5)).toThrow(new TypeError('distinctMatches: matches must be an array of { index, distance }, got string'));
    expect(() => distinctMatches([null] as never, 5)).toThrow(/distinctMatches: matches\[0\] must be an object/);
    expect(() => distinctMatches([{ index: -1, distance: 0 }], 5)).toThrow(RangeError);
    expect(() => distinctMatches([{ index: 1, distance: NaN }], 5)).toThrow(/distinctMatches: matches\[0\]\.distance must not be NaN/);
    expect(() => distinctMatches([], 0)).toThrow(/distinctMatches: patternLength must be >= 1/);
    expect(() => distinctMatches([], 5, { exclusion: 1.5 })).toThrow(/distinctMatches: options\.exclusion must be a whole number/);
  });
});
