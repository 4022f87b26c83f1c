import { describe, expect, it } from 'vitest';
import { dtw, dtwPath } from '../../src/index';
import { seededRandom, randomSeries, randomInt } from '../support/random';
import { pathCost, referenceDtw } from '../support/reference';

describe('dtw', () => {
  it('matches the full-matrix DP on random inputs, both costs, with and without a band', () => {
    const random = seededRandom(1);
    for (let trial = 0; trial < 300; trial++) {
      const a = randomSeries(random, randomInt(random, 1, 40));
      const b = randomSeries(random, randomInt(random, 1, 40));
      const squared = random() < 0.5;
      const window = random() < 0.5 ? undefined : randomInt(random, 0, 45);
      const w = window === undefined ? Infinity : Math.max(window, Math.abs(a.length - b.length));
      const expected = referenceDtw(a, b, w, squared);
      const got = dtw(a, b, { window, cost: squared ? 'squared' : 'absolute' });
      expect(got).toBeCloseTo(expected, 9);
    }
  });

  it('is symmetric and zero for identical series', () => {
    const random = seededRandom(2);
    const a = randomSeries(random, 50);
    const b = randomSeries(random, 37);
    expect(dtw(a, b)).toBeCloseTo(dtw(b, a), 12);
    expect(dtw(a, a)).toBe(0);
  });

  it('gives known values', () => {
    expect(dtw([1, 2, 3], [1, 2, 2, 3])).toBe(0);
    expect(dtw([0, 0], [1, 1, 1])).toBe(3);
    expect(dtw([0, 0], [2, 2, 2], { cost: 'squared' })).toBe(12);
    expect(dtw([1], [5])).toBe(4);
  });

  it('takes a window as a fraction of the longer series', () => {
    const random = seededRandom(3);
    const a = randomSeries(random, 100);
    const b = randomSeries(random, 100);
    expect(dtw(a, b, { window: 0.1 })).toBeCloseTo(referenceDtw(a, b, 10), 9);
  });

  it('abandons early only when the distance is above the limit', () => {
    const random = seededRandom(4);
    for (let trial = 0; trial < 200; trial++) {
      const a = randomSeries(random, randomInt(random, 1, 30));
      const b = randomSeries(random, randomInt(random, 1, 30));
      const exact = referenceDtw(a, b);
      const limit = exact * (0.5 + random());
      const got = dtw(a, b, { abandonAbove: limit });
      if (exact <= limit) expect(got).toBeCloseTo(exact, 9);
      else expect(got === Infinity || got > limit).toBe(true);
    }
  });

  it('accepts Float64Array and other typed arrays', () => {
    expect(dtw(new Float64Array([1, 2, 3]), new Float32Array([1, 2, 2, 3]))).toBe(0);
    expect(dtw(new Int16Array([0, 4]), [0, 1, 4])).toBe(1);
  });
});

describe('dtwPath', () => {
  it('returns the DP distance and a valid path of that cost', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 150; trial++) {
      const a = randomSeries(random, randomInt(random, 1, 30));
      const b = randomSeries(random, randomInt(random, 1, 30));
      const squared = random() < 0.5;
      const window = random() < 0.5 ? undefined : randomInt(random, 0, 30);
      const w = window === undefined ? Infinity : Math.max(window, Math.abs(a.length - b.length));
      const { distance, path } = dtwPath(a, b, { window, cost: squared ? 'squared' : 'absolute' });
      expect(distance).toBeCloseTo(referenceDtw(a, b, w, squared), 9);
      expect(path[0]).toEqual([0, 0]);
      expect(path[path.length - 1]).toEqual([a.length - 1, b.length - 1]);
      for (let p = 1; p < path.length; p++) {
        const di = path[p][0] - path[p - 1][0];
        const dj = path[p][1] - path[p - 1][1];
        expect([di, dj]).toSatisfy(([x, y]: number[]) => (x === 1 || x === 0) && (y === 1 || y === 0) && x + y > 0);
        expect(Math.abs(path[p][0] - path[p][1])).toBeLessThanOrEqual(w);
      }
      expect(pathCost(a, b, path, squared)).toBeCloseTo(distance, 9);
    }
  });

  it('gives the expected path for a simple case', () => {
    expect(dtwPath([1, 2, 3], [1, 2, 2, 3]).path).toEqual([[0, 0], [1, 1], [1, 2], [2, 3]]);
  });
});
