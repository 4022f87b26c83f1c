// The envelope kernel (block prefix/suffix extremes) against the definition:
// upper[i] = max and lower[i] = min of x over [i - r, i + r] clipped to the
// series, for every length and radius around the block edges.
import { describe, expect, it } from 'vitest';
import { f64View, withScratch } from '../../src/memory';
import { randomInt, randomWalk, seededRandom } from '../support/random';

function kernelEnvelope(x: Float64Array, r: number): { upper: number[]; lower: number[] } {
  return withScratch((s, k) => {
    const ptr = s.f64(x);
    const upper = s.f64(x.length);
    const lower = s.f64(x.length);
    const scratch = s.i32(2 * (x.length + 1));
    k.envelope(ptr, x.length, r, upper, lower, scratch);
    return { upper: Array.from(f64View(upper, x.length)), lower: Array.from(f64View(lower, x.length)) };
  });
}

function definitionEnvelope(x: Float64Array, r: number): { upper: number[]; lower: number[] } {
  const upper: number[] = [];
  const lower: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const window = Array.from(x.subarray(Math.max(0, i - r), Math.min(x.length, i + r + 1)));
    upper.push(Math.max(...window));
    lower.push(Math.min(...window));
  }
  return { upper, lower };
}

describe('envelope', () => {
  it('is the running max and min over the clipped band, for every length and radius', () => {
    const random = seededRandom(15);
    for (let n = 1; n <= 40; n++) {
      for (let r = 0; r <= n + 2; r++) {
        const x = randomWalk(random, n);
        expect(kernelEnvelope(x, r)).toEqual(definitionEnvelope(x, r));
      }
    }
  });

  it('handles ties and noise on long series', () => {
    const random = seededRandom(16);
    for (let trial = 0; trial < 30; trial++) {
      const n = randomInt(random, 50, 2000);
      const r = randomInt(random, 0, 40);
      // Rounded values repeat often: ties between the two blocks of a window.
      const x = Float64Array.from({ length: n }, () => Math.round((random() - 0.5) * 8) + 0); // + 0: no -0
      expect(kernelEnvelope(x, r)).toEqual(definitionEnvelope(x, r));
    }
  });
});
