// Every match that findSimilar or StreamMatcher reports has a distance equal to
// the DTW of its span (a full-matrix DP here) and within the threshold; and
// findSimilar finds every window within the threshold. Fixed seed;
// MIDSTREAM_PROPERTY_RUNS=<factor> multiplies the number of runs (see budget.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamMatcher, findSimilar } from '../../src/index';
import { referenceDtw } from '../support/reference';
import { configureProperties, runs, series } from './budget';

configureProperties();

const threshold = fc.integer({ min: 0, max: 400 }).map((k) => k / 64);

describe('reported matches are honest', () => {
  it('StreamMatcher: distance = DTW of the reported span <= threshold, spans do not overlap', () => {
    fc.assert(
      fc.property(series(1, 6), series(1, 40), threshold, fc.constantFrom('absolute', 'squared'), (pattern, stream, limit, cost) => {
        const squared = cost === 'squared';
        const matcher = new StreamMatcher(pattern, { threshold: limit, cost });
        const found = [...stream.flatMap((x) => matcher.push(x)), ...matcher.flush()];
        let lastEnd = -1;
        for (const match of found) {
          const span = stream.slice(match.start, match.end + 1);
          expect(match.distance).toBeLessThanOrEqual(limit);
          expect(Math.abs(match.distance - referenceDtw(span, pattern, Infinity, squared))).toBeLessThanOrEqual(1e-9 * (1 + limit));
          expect(match.start).toBeGreaterThan(lastEnd);
          lastEnd = match.end;
        }
      }),
      { numRuns: runs(5000) },
    );
  });

  it('findSimilar: every window within the threshold, each with the DTW of its window', () => {
    fc.assert(
      fc.property(series(1, 8), series(8, 80), threshold, fc.nat({ max: 8 }), (pattern, data, limit, window) => {
        const m = pattern.length;
        const found = findSimilar(data, pattern, limit, { window });
        const byIndex = new Map(found.map((x) => [x.index, x.distance]));
        for (let start = 0; start + m <= data.length; start++) {
          const truth = referenceDtw(data.slice(start, start + m), pattern, window);
          if (truth <= limit) expect(Math.abs(byIndex.get(start)! - truth)).toBeLessThanOrEqual(1e-9 * (1 + limit));
          else expect(byIndex.has(start)).toBe(false);
        }
      }),
      { numRuns: runs(1000) },
    );
  });
});
