// #17.4: normalised search kept running sums of (x - the chunk's first value);
// after a large level shift the window's variance was lost to cancellation, so an
// exact copy of a window was not found (distance 18.8 instead of 0).
import { describe, expect, it } from 'vitest';
import { findSimilar } from '../../src/index';
import { randomInt, seededRandom } from '../support/random';
import { bruteForceSearch } from '../support/reference';
import { separatingThresholds } from './thresholds';

// Multiples of 1/256 below 2^12 in size: level + value is exact for every level
// below 2^44, so the shifted series holds exactly the same data.
function quantisedWalk(random: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  let x = 0;
  for (let i = 0; i < n; i++) out[i] = x += randomInt(random, -128, 128) / 256;
  return out;
}

describe('#17.4 normalised search after a level shift', () => {
  const random = seededRandom(4);
  const data = quantisedWalk(random, 1500);
  const m = 32;
  const at = 900;
  const pattern = Array.from(data.subarray(at, at + m));
  const options = { normalize: true, window: 4 } as const;
  // Level 0: the two-pass reference is exact enough to be the truth.
  const reference = bruteForceSearch(data, pattern, Infinity, { normalize: true, window: 4 });

  for (const level of [1e6, 1e8, 1e10, 1e12]) {
    it(`level ${level}: an exact copy is found at distance 0 and results equal the two-pass reference`, () => {
      const shifted = data.map((x) => x + level);
      expect(shifted.map((x) => x - level)).toEqual(data); // the shift is exact
      const copy = Array.from(shifted.subarray(at, at + m));
      const best = findSimilar(shifted, copy, Infinity, { ...options, limit: 1 });
      expect(best[0].index).toBe(at);
      expect(best[0].distance).toBeLessThan(1e-9);
      // A jump from 0 to the level inside the series, then the copy.
      const jump = Float64Array.from([...data.subarray(0, 700), ...shifted.subarray(700)]);
      const found = findSimilar(jump, copy, 1e-6, options);
      expect(found.map((x) => x.index)).toEqual([at]);
      for (const threshold of separatingThresholds(reference, 6)) {
        const got = findSimilar(shifted, pattern.map((x) => x + level), threshold, options);
        const expected = reference.filter((x) => x.distance <= threshold);
        expect(got.map((x) => x.index).sort((p, q) => p - q)).toEqual(expected.map((x) => x.index).sort((p, q) => p - q));
        got.forEach((match) => {
          const truth = expected.find((x) => x.index === match.index)!;
          expect(Math.abs(match.distance - truth.distance)).toBeLessThan(1e-9);
        });
      }
    });
  }
});
