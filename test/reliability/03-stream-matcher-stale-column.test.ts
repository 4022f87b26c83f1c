// #17.3: after reporting a match, StreamMatcher updated the next candidate from
// the columns read before recomputeAfter() swapped its buffers, so it reported
// distances that were not the DTW of the reported span (and above the threshold).
import { describe, expect, it } from 'vitest';
import { StreamMatcher } from '../../src/index';
import { randomInt, seededRandom } from '../support/random';
import { referenceDtw } from '../support/reference';

function run(pattern: number[], threshold: number, stream: number[]) {
  const matcher = new StreamMatcher(pattern, { threshold });
  return [...stream.flatMap((x) => matcher.push(x)), ...matcher.flush()];
}

function expectHonest(pattern: number[], threshold: number, stream: number[]) {
  for (const match of run(pattern, threshold, stream)) {
    const span = stream.slice(match.start, match.end + 1);
    expect(match.distance).toBeLessThanOrEqual(threshold);
    expect(Math.abs(match.distance - referenceDtw(span, pattern))).toBeLessThanOrEqual(1e-12 * (1 + threshold));
  }
}

describe('#17.3 StreamMatcher reports the DTW of the reported span', () => {
  it('the case from the issue', () => {
    const pattern = [0.3, 1.7, 2.8];
    const stream = [0.3, 2.2, 1.3, 1.8, 3.1, 0.7];
    const found = run(pattern, 2.2, stream);
    expect(found.length).toBeGreaterThan(0);
    expectHonest(pattern, 2.2, stream);
  });

  it('2,000 seeded random streams, patterns and thresholds', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 2000; trial++) {
      const pattern = Array.from({ length: randomInt(random, 1, 5) }, () => Math.round(random() * 30) / 10);
      const stream = Array.from({ length: randomInt(random, 1, 14) }, () => Math.round(random() * 30) / 10);
      const threshold = Math.round(random() * 40) / 10;
      expectHonest(pattern, threshold, stream);
    }
  });
});
