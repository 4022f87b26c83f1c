// The UCR suite's own task: the best match (threshold Infinity, limit 1,
// z-normalised windows), where the scan tightens its bound after every match
// and prunes with LB_Kim (three levels), LB_Keogh both ways and abandoning DTW.
// Checked against the brute-force sliding DTW of test/support/reference.ts.
import { describe, expect, it } from 'vitest';
import { findSimilar } from '../../src/index';
import { randomInt, randomWalk, seededRandom } from '../support/random';
import { bruteForceSearch } from '../support/reference';

function noisySine(random: () => number, length: number): Float64Array {
  const period = 10 + random() * 40;
  return Float64Array.from({ length }, (_, i) => Math.sin((2 * Math.PI * i) / period) + (random() - 0.5) * 0.4);
}

function expectSameMatches(got: Array<{ index: number; distance: number }>, expected: Array<{ index: number; distance: number }>) {
  expect(got.map((x) => x.index)).toEqual(expected.map((x) => x.index));
  got.forEach((match, k) => expect(Math.abs(match.distance - expected[k].distance)).toBeLessThan(1e-9 * Math.max(1, expected[k].distance)));
}

describe('best match, UCR style (threshold Infinity, limit, normalize)', () => {
  const random = seededRandom(2012);
  for (let trial = 0; trial < 24; trial++) {
    const walk = trial % 2 === 0;
    const n = randomInt(random, 300, 2500);
    const m = randomInt(random, 4, 64); // 4 and 5: LB_Kim without its third level
    const r = randomInt(random, 0, Math.ceil(m / 8));
    const squared = trial % 3 !== 2;
    const limit = trial % 4 === 3 ? 3 : 1;
    const series = walk ? randomWalk(random, n) : noisySine(random, n);
    // A query that is not in the series: another draw of the same kind.
    const pattern = Array.from(walk ? randomWalk(random, m) : noisySine(random, m));
    it(`#${trial} ${walk ? 'random walk' : 'noisy sine'} n=${n} m=${m} r=${r} ${squared ? 'squared' : 'abs'} limit ${limit}`, () => {
      const options = { normalize: true, window: r, cost: squared ? 'squared' : 'absolute', limit } as const;
      expectSameMatches(
        findSimilar(series, pattern, Infinity, options),
        bruteForceSearch(series, pattern, Infinity, { normalize: true, window: r, squared, limit }),
      );
    });
  }

  it('across many scan chunks (more than 8,192 windows) on a random walk', () => {
    const series = randomWalk(random, 20_000);
    const pattern = Array.from(randomWalk(random, 32));
    for (const limit of [1, 4]) {
      expectSameMatches(
        findSimilar(series, pattern, Infinity, { normalize: true, window: 3, cost: 'squared', limit }),
        bruteForceSearch(series, pattern, Infinity, { normalize: true, window: 3, squared: true, limit }),
      );
    }
  });
});
