// #17.6: TemporalComparator keyed its cache on Object.entries(options), so options
// it could not see (class getters, prototype fields) collided with "no options".
import { describe, expect, it } from 'vitest';
import { TemporalComparator, detectPattern, dtw, findSimilar } from '../../src/index';
import { randomWalk, seededRandom } from '../support/random';

class Band {
  get window() {
    return 1;
  }
}

describe('#17.6 TemporalComparator keys on the resolved options', () => {
  const a = [0, 0, 0, 0, 10, 0];
  const b = [0, 10, 0, 0, 0, 0];

  it('dtw: getters and prototype fields are options like any other', () => {
    const cmp = new TemporalComparator();
    expect(cmp.dtw(a, b)).toBe(dtw(a, b));
    expect(dtw(a, b, new Band())).not.toBe(dtw(a, b));
    expect(cmp.dtw(a, b, new Band())).toBe(dtw(a, b, new Band()));
    expect(cmp.dtw(a, b, Object.create({ window: 1 }))).toBe(dtw(a, b, { window: 1 }));
    expect(cmp.dtw(a, b, Object.create({ cost: 'squared' }))).toBe(dtw(a, b, { cost: 'squared' }));
    // Equal resolved options share an entry whatever object carries them.
    expect(cmp.stats()).toMatchObject({ misses: 3, hits: 1 });
  });

  it('findSimilar and detectPattern: the same', () => {
    const cmp = new TemporalComparator();
    const series = randomWalk(seededRandom(6), 400);
    const pattern = Array.from(series.subarray(100, 120), (x) => x + 0.3);
    const proto = Object.create({ window: 0, normalize: true, limit: 2 });
    expect(cmp.findSimilar(series, pattern, 20)).toEqual(findSimilar(series, pattern, 20));
    expect(cmp.findSimilar(series, pattern, 20, proto)).toEqual(findSimilar(series, pattern, 20, { window: 0, normalize: true, limit: 2 }));
    expect(cmp.detectPattern(series, pattern, 0.5)).toBe(detectPattern(series, pattern, 0.5));
    expect(cmp.detectPattern(series, pattern, 0.5, Object.create({ normalize: true }))).toBe(
      detectPattern(series, pattern, 0.5, { normalize: true }),
    );
  });
});
