// #17.13: findSimilar with limit and exclusion re-sorted every block's best after
// each 8,192-window chunk: quadratic in the series length (2^22 points: 9.9 s).
// Measured without a clock: how often and how much Array.prototype.sort works.
// It must not sort per chunk, and the elements it sorts must grow linearly.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSimilar } from '../../src/index';
import { randomWalk, seededRandom } from '../support/random';

afterEach(() => vi.restoreAllMocks());

function sorting(run: () => void): { calls: number; elements: number } {
  const counts = { calls: 0, elements: 0 };
  const sort = Array.prototype.sort;
  vi.spyOn(Array.prototype, 'sort').mockImplementation(function (this: unknown[], compare?: (a: unknown, b: unknown) => number) {
    counts.calls++;
    counts.elements += this.length;
    return sort.call(this, compare);
  });
  run();
  vi.restoreAllMocks();
  return counts;
}

describe('#17.13 limit + exclusion stays O(n log k)', () => {
  const series = randomWalk(seededRandom(13), 2 ** 18);
  const pattern = Array.from(series.subarray(1000, 1016));
  // A limit that the matches never reach keeps the bound loose: every window is
  // a candidate, so every block has a best (what made the old re-sort quadratic).
  const options = { limit: 100_000, exclusion: 8 };

  it('no sort per chunk, and sorting work linear in the series length', () => {
    const small = sorting(() => findSimilar(series.subarray(0, 2 ** 15), pattern, Infinity, options));
    const large = sorting(() => findSimilar(series, pattern, Infinity, options));
    expect(large.calls).toBe(small.calls); // 8x the chunks, not 8x the sorts
    expect(large.elements).toBeLessThan(9 * small.elements);
  });

  it('limit alone: no sort per chunk either (the best k are kept in a heap)', () => {
    const limitOnly = { limit: 100_000 };
    const small = sorting(() => findSimilar(series.subarray(0, 2 ** 15), pattern, Infinity, limitOnly));
    const large = sorting(() => findSimilar(series, pattern, Infinity, limitOnly));
    expect(large.calls).toBe(small.calls);
  });
});
