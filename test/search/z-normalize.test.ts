// The normalisation every window and the pattern get (the zNormalize kernel and
// the scan share its statistics), checked by properties that need no second
// implementation: mean 0, standard deviation 1, flat windows all zeros; and
// against the textbook two-pass formula in test/support/reference.ts.
import { describe, expect, it } from 'vitest';
import { f64View, withScratch } from '../../src/memory';
import { randomInt, randomWalk, seededRandom } from '../support/random';
import { twoPassZNormalize } from '../support/reference';

function kernelZNormalize(values: ArrayLike<number>): Float64Array {
  return withScratch((s, k) => {
    const ptr = s.f64(values);
    k.zNormalize(ptr, values.length, ptr);
    return f64View(ptr, values.length).slice();
  });
}

describe('z-normalisation', () => {
  const random = seededRandom(14);

  it('gives mean 0 and standard deviation 1 at every level and scale', () => {
    for (let trial = 0; trial < 200; trial++) {
      const n = randomInt(random, 2, 300);
      const scale = 10 ** randomInt(random, -12, 12);
      const level = randomInt(random, -1, 1) * 10 ** randomInt(random, 0, 12) * scale;
      const values = randomWalk(random, n).map((x) => level + x * scale);
      if (values.every((x) => x === values[0])) continue;
      const z = kernelZNormalize(values);
      const mean = z.reduce((a, b) => a + b, 0) / n;
      const variance = z.reduce((a, b) => a + b * b, 0) / n - mean * mean;
      expect(Math.abs(mean)).toBeLessThan(1e-9);
      expect(Math.abs(variance - 1)).toBeLessThan(1e-9);
    }
  });

  it('equals the two-pass formula', () => {
    for (let trial = 0; trial < 200; trial++) {
      const n = randomInt(random, 2, 100);
      const values = randomWalk(random, n).map((x) => x * 10 ** randomInt(random, -6, 6) + randomInt(random, -3, 3) * 1e3);
      const expected = twoPassZNormalize(values);
      kernelZNormalize(values).forEach((z, i) => expect(Math.abs(z - expected[i])).toBeLessThan(1e-9));
    }
  });

  it('turns a flat window into zeros, whatever its level and units', () => {
    for (const value of [0, 1, 0.1, 4.2, -7.3, 1e-200, 1e12, 123456.789]) {
      for (const n of [1, 2, 3, 17, 128]) {
        expect(Array.from(kernelZNormalize(new Array(n).fill(value)))).toEqual(new Array(n).fill(0));
        expect(twoPassZNormalize(new Array(n).fill(value))).toEqual(new Array(n).fill(0));
      }
    }
  });
});
