// #17.5: normalisation called a window flat when its sd <= 1e-10, an absolute
// cut-off: the same data in small units (x 1e-11) matched every window. A
// z-normalised search must not depend on the data's units.
import { describe, expect, it } from 'vitest';
import { findSimilar } from '../../src/index';
import { randomWalk, seededRandom } from '../support/random';
import { bruteForceSearch } from '../support/reference';
import { separatingThresholds } from './thresholds';

describe('#17.5 normalised search is invariant to the units of the data', () => {
  const random = seededRandom(5);
  const data = randomWalk(random, 500);
  const m = 40;
  const pattern = Array.from(data.subarray(200, 200 + m), (x) => x + (random() - 0.5) * 0.2);
  const reference = bruteForceSearch(data, pattern, Infinity, { normalize: true, window: 5 });
  const thresholds = separatingThresholds(reference, 6);

  it('the thresholds admit from a few to many windows', () => {
    expect(thresholds.length).toBeGreaterThanOrEqual(4);
  });

  for (const scale of [1e-12, 1e-11, 1e-8, 1e-4, 1, 1e4, 1e8, 1e12]) {
    it(`units x ${scale}: the same windows as at scale 1`, () => {
      const scaled = data.map((x) => x * scale);
      const scaledPattern = pattern.map((x) => x * scale);
      for (const threshold of thresholds) {
        const got = findSimilar(scaled, scaledPattern, threshold, { normalize: true, window: 5 });
        const expected = reference.filter((x) => x.distance <= threshold);
        expect(got.map((x) => x.index).sort((p, q) => p - q)).toEqual(expected.map((x) => x.index).sort((p, q) => p - q));
      }
    });
  }

  it('a constant stretch is flat (all zeros) at every scale and level', () => {
    for (const scale of [1e-12, 1, 1e12]) {
      for (const level of [0, 0.1, 4.2, -7]) {
        const series = [...Array(20).fill(level), 1, 3, 2, 5, 4].map((x) => x * scale);
        const flatPattern = Array(5).fill(level * scale + scale);
        // A flat pattern against a flat window: distance 0; against the bumpy end: not.
        const found = findSimilar(series, flatPattern, 1e-9, { normalize: true });
        expect(found.map((x) => x.index)).toEqual(Array.from({ length: 16 }, (_, i) => i));
      }
    }
  });
});
