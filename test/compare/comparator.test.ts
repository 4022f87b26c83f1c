import { describe, expect, it } from 'vitest';
import { TemporalComparator, dtw, editDistance, findSimilar, lcs } from '../../src/index';
import { seededRandom, randomSeries } from '../support/random';

describe('TemporalComparator', () => {
  it('keys the cache by content: same-length inputs with different values get their own results', () => {
    const comparator = new TemporalComparator();
    const random = seededRandom(31);
    for (let trial = 0; trial < 50; trial++) {
      const a = randomSeries(random, 20);
      const b = randomSeries(random, 20);
      expect(comparator.dtw(a, b)).toBe(dtw(a, b));
    }
    expect(comparator.stats()).toMatchObject({ hits: 0, misses: 50, size: 50 });
    expect(comparator.lcs('abcd', 'abdc')).toBe(lcs('abcd', 'abdc'));
    expect(comparator.lcs('abcd', 'dcba')).toBe(lcs('abcd', 'dcba'));
    expect(comparator.editDistance([1, 2, 3], [3, 2, 1])).toBe(editDistance([1, 2, 3], [3, 2, 1]));
  });

  it('counts hits and misses, separates options, and clears', () => {
    const comparator = new TemporalComparator();
    const a = [1, 2, 3, 4];
    const b = [1, 3, 3, 5];
    comparator.dtw(a, b);
    comparator.dtw(new Float64Array(a), b); // same content, other container: a hit
    comparator.dtw(a, b, { cost: 'squared' }); // other options: a miss
    expect(comparator.dtw(a, b, { cost: 'squared' })).toBe(dtw(a, b, { cost: 'squared' }));
    expect(comparator.stats()).toEqual({ hits: 2, misses: 2, size: 2, capacity: 1000, hitRate: 0.5 });
    comparator.clear();
    expect(comparator.stats()).toEqual({ hits: 0, misses: 0, size: 0, capacity: 1000, hitRate: 0 });
  });

  it('evicts the least recently used entry', () => {
    const comparator = new TemporalComparator({ cacheSize: 2 });
    comparator.dtw([1], [2]);
    comparator.dtw([1], [3]);
    comparator.dtw([1], [2]); // touch: [1],[3] is now the oldest
    comparator.dtw([1], [4]); // evicts [1],[3]
    comparator.dtw([1], [2]);
    expect(comparator.stats()).toMatchObject({ hits: 2, misses: 3, size: 2 });
    comparator.dtw([1], [3]);
    expect(comparator.stats()).toMatchObject({ hits: 2, misses: 4 });
  });

  it('does not let callers corrupt cached match lists', () => {
    const comparator = new TemporalComparator();
    const series = Array.from({ length: 100 }, (_, i) => Math.sin(i / 4));
    const pattern = series.slice(10, 20);
    const first = comparator.findSimilar(series, pattern, 0.5);
    first[0].distance = 99;
    first.length = 0;
    expect(comparator.findSimilar(series, pattern, 0.5)).toEqual(findSimilar(series, pattern, 0.5));
  });

  it('findSimilar with { stats: true } caches and returns the { matches, stats } shape (#14.3)', () => {
    const comparator = new TemporalComparator();
    const series = Array.from({ length: 300 }, (_, i) => Math.sin(i / 4) + ((i * 7919) % 13) / 40);
    const pattern = series.slice(40, 60);
    const expected = findSimilar(series, pattern, 2, { window: 2, stats: true });
    const first = comparator.findSimilar(series, pattern, 2, { window: 2, stats: true });
    expect(first).toEqual(expected);
    first.matches[0].distance = 99;
    first.stats.candidates = -1;
    const second = comparator.findSimilar(series, pattern, 2, { window: 2, stats: true });
    expect(second).toEqual(expected);
    // With and without statistics are separate entries of their own shapes.
    expect(comparator.findSimilar(series, pattern, 2, { window: 2 })).toEqual(expected.matches);
    expect(comparator.stats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it('rejects a bad cacheSize', () => {
    expect(() => new TemporalComparator({ cacheSize: -1 })).toThrow(RangeError);
    expect(() => new TemporalComparator({ cacheSize: 1.5 })).toThrow(/cacheSize/);
  });
});
