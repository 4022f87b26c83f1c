// A z-normalised search does not depend on the data's units or level: scaling
// by 10^k and shifting give the same windows (thresholds kept away from every
// distance, as the README's guarantee requires). Fixed seed;
// MIDSTREAM_PROPERTY_RUNS=<factor> multiplies the number of runs (see budget.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSimilar } from '../../src/index';
import { configureProperties, runs, series } from './budget';

configureProperties();

describe('normalised search is invariant to units and level', () => {
  it('same windows after x -> x * 10^k + level', () => {
    fc.assert(
      fc.property(
        series(2, 10),
        series(10, 80),
        fc.integer({ min: -12, max: 12 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat({ max: 10 }),
        (pattern, data, exponent, level, window) => {
          const options = { normalize: true, window };
          const reference = findSimilar(data, pattern, Infinity, options);
          const unit = 10 ** exponent;
          const moved = data.map((x) => (x + level) * unit);
          const movedPattern = pattern.map((x) => (x - level / 2) * unit);
          // Thresholds in gaps between consecutive distances wider than 1e-6.
          const distances = reference.map((x) => x.distance);
          for (let k = 1; k < distances.length; k++) {
            if (distances[k] - distances[k - 1] < 1e-6) continue;
            const threshold = (distances[k] + distances[k - 1]) / 2;
            const got = findSimilar(moved, movedPattern, threshold, options).map((x) => x.index).sort((p, q) => p - q);
            const expected = reference.slice(0, k).map((x) => x.index).sort((p, q) => p - q);
            expect(got).toEqual(expected);
          }
        },
      ),
      { numRuns: runs(500) },
    );
  });
});
