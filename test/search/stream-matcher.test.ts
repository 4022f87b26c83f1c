import { describe, expect, it } from 'vitest';
import { StreamMatcher, dtw } from '../../src/index';
import { seededRandom, randomInt } from '../support/random';
import { allSubsequenceDtw } from '../support/reference';

/** A noisy background with warped, noisy copies of the pattern planted at the given positions. */
function plantedStream(random: () => number, pattern: number[], length: number, positions: number[]): { stream: number[]; regions: Array<[number, number]> } {
  const stream = Array.from({ length }, () => 3 + (random() - 0.5) * 0.4);
  const regions: Array<[number, number]> = [];
  for (const at of positions) {
    // Time-warp: repeat or skip a few pattern points.
    const warped: number[] = [];
    for (const x of pattern) {
      const roll = random();
      if (roll < 0.15) continue;
      warped.push(x + (random() - 0.5) * 0.1);
      if (roll > 0.85) warped.push(x + (random() - 0.5) * 0.1);
    }
    warped.forEach((x, k) => (stream[at + k] = x));
    regions.push([at, at + warped.length - 1]);
  }
  return { stream, regions };
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] <= b[1] && b[0] <= a[1];

describe('StreamMatcher (SPRING)', () => {
  it('finds each planted occurrence at the brute-force best subsequence', () => {
    const random = seededRandom(301);
    for (let trial = 0; trial < 8; trial++) {
      const m = randomInt(random, 8, 16);
      const pattern = Array.from({ length: m }, (_, i) => Math.sin((i / m) * Math.PI * 2) * 2);
      const positions = [20, 90, 160].map((p) => p + randomInt(random, 0, 10));
      const { stream, regions } = plantedStream(random, pattern, 240, positions);
      const D = allSubsequenceDtw(stream, pattern);
      const threshold = 0.35 * m;
      // Brute force: the qualifying subsequences, and the best one near each planted region.
      const qualifying: Array<{ start: number; end: number; distance: number }> = [];
      D.forEach((row, ts) => row.forEach((d, te) => d <= threshold && qualifying.push({ start: ts, end: te, distance: d })));
      const expected = regions.map((region) => {
        const near = qualifying.filter((q) => overlaps([q.start, q.end], region));
        return near.reduce((best, q) => (q.distance < best.distance ? q : best));
      });
      // Every qualifying subsequence belongs to a planted occurrence: the background never matches.
      for (const q of qualifying) expect(regions.some((r) => overlaps([q.start, q.end], r))).toBe(true);

      const matcher = new StreamMatcher(pattern, { threshold });
      const found = [...matcher.pushMany(stream.slice(0, 100)), ...stream.slice(100).flatMap((x) => matcher.push(x)), ...matcher.flush()];
      expect(found.map((f) => [f.start, f.end])).toEqual(expected.map((e) => [e.start, e.end]));
      found.forEach((f, k) => expect(f.distance).toBeCloseTo(expected[k].distance, 9));
    }
  });

  it('on random data: exact distances of non-overlapping subsequences within the threshold', () => {
    // SPRING keeps one start per cell, so on arbitrary data it may drop a
    // qualifying subsequence right after reporting an overlapping one; the
    // planted-occurrence test above is where it must agree with brute force.
    const random = seededRandom(302);
    let reported = 0;
    for (let trial = 0; trial < 20; trial++) {
      const n = randomInt(random, 40, 120);
      const m = randomInt(random, 2, 10);
      const stream = Array.from({ length: n }, () => (random() - 0.5) * 4);
      const pattern = Array.from({ length: m }, () => (random() - 0.5) * 4);
      const squared = trial % 2 === 1;
      const D = allSubsequenceDtw(stream, pattern, squared);
      const threshold = m * (squared ? 0.8 : 0.6);
      const matcher = new StreamMatcher(pattern, { threshold, cost: squared ? 'squared' : 'absolute' });
      const found = [...matcher.pushMany(stream), ...matcher.flush()];
      reported += found.length;
      for (const f of found) {
        expect(f.distance).toBeLessThanOrEqual(threshold);
        expect(f.distance).toBeCloseTo(D[f.start][f.end], 9);
        // No subsequence ending at the same point beats the reported start.
        for (let ts = 0; ts <= f.end; ts++) if (ts > (found[found.indexOf(f) - 1]?.end ?? -1)) expect(D[ts][f.end]).toBeGreaterThanOrEqual(f.distance - 1e-9);
      }
      for (let k = 1; k < found.length; k++) expect(found[k].start).toBeGreaterThan(found[k - 1].end);
    }
    expect(reported).toBeGreaterThan(20);
  });

  it('with a window, reports alignments within the band', () => {
    const pattern = [0, 1, 2, 3, 2, 1, 0];
    const stream = [5, 5, 0, 1, 2, 3, 2, 1, 0, 5, 5, 0, 0, 0, 1, 1, 1, 2, 2, 3, 2, 1, 0, 5];
    const strict = new StreamMatcher(pattern, { threshold: 0.5, window: 1 });
    const loose = new StreamMatcher(pattern, { threshold: 0.5 });
    const strictFound = [...strict.pushMany(stream), ...strict.flush()];
    const looseFound = [...loose.pushMany(stream), ...loose.flush()];
    expect(strictFound).toEqual([{ start: 2, end: 8, distance: 0 }]); // the slow copy needs more warping than 1
    expect(looseFound).toHaveLength(2);
    const slow = looseFound[1];
    expect(slow.start).toBeGreaterThanOrEqual(11); // the zeros at 11..13 all align with the pattern's first 0
    expect(slow.distance).toBe(0);
    expect(dtw(stream.slice(slow.start, slow.end + 1), pattern)).toBe(0);
  });

  it('rejects bad input and keeps working', () => {
    expect(() => new StreamMatcher([1, 2], {} as { threshold: number })).toThrow(/threshold is required/);
    expect(() => new StreamMatcher([1, 2], { threshold: NaN })).toThrow(RangeError);
    expect(() => new StreamMatcher([], { threshold: 1 })).toThrow(/pattern must not be empty/);
    const matcher = new StreamMatcher([1, 2, 3], { threshold: 0 });
    expect(() => matcher.push(NaN)).toThrow(RangeError);
    expect(() => matcher.push('1' as unknown as number)).toThrow(TypeError);
    expect(() => matcher.pushMany([1, Infinity])).toThrow(/values\[1\] is Infinity/);
    expect([...matcher.pushMany([0, 1, 2, 3, 9]), ...matcher.flush()]).toEqual([{ start: 1, end: 3, distance: 0 }]);
  });
});
