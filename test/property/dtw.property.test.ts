// Properties of DTW: symmetric, zero on itself, the path's cost is the distance,
// and equal to a full-matrix DP. Fixed seed; MIDSTREAM_PROPERTY_RUNS=<factor>
// multiplies the number of runs (see budget.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dtw, dtwPath, type DtwOptions } from '../../src/index';
import { pathCost, referenceDtw } from '../support/reference';
import { configureProperties, runs, series } from './budget';

configureProperties();

const options = fc.record(
  { window: fc.nat({ max: 12 }), cost: fc.constantFrom('absolute', 'squared') },
  { requiredKeys: [] },
) as fc.Arbitrary<DtwOptions>;

const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * (1 + Math.abs(y));

describe('DTW properties', () => {
  it('is symmetric', () => {
    fc.assert(fc.property(series(1, 40), series(1, 40), options, (a, b, o) => dtw(a, b, o) === dtw(b, a, o)), { numRuns: runs(1000) });
  });

  it('is zero on itself, and positive on a different series of the same length', () => {
    fc.assert(
      fc.property(series(1, 60), options, (a, o) => {
        expect(dtw(a, a, o)).toBe(0);
        const b = a.map((x, i) => (i === a.length >> 1 ? x + 1 : x));
        expect(dtw(a, b, o)).toBeGreaterThan(0);
      }),
      { numRuns: runs(1000) },
    );
  });

  it('equals the full-matrix DP, and the path costs exactly the distance', () => {
    fc.assert(
      fc.property(series(1, 30), series(1, 30), options, (a, b, o) => {
        const w = o.window === undefined ? Infinity : Math.max(o.window, Math.abs(a.length - b.length));
        const squared = o.cost === 'squared';
        const expected = referenceDtw(a, b, w, squared);
        expect(close(dtw(a, b, o), expected)).toBe(true);
        const { distance, path } = dtwPath(a, b, o);
        expect(close(distance, expected)).toBe(true);
        expect(close(pathCost(a, b, path, squared), distance)).toBe(true);
        expect(path[0]).toEqual([0, 0]);
        expect(path[path.length - 1]).toEqual([a.length - 1, b.length - 1]);
      }),
      { numRuns: runs(1000) },
    );
  });
});
