// The surrogate-data test (src/attractor/surrogates.ts): nearest-neighbour
// prediction of a series against amplitude-adjusted Fourier surrogates.
import { describe, expect, it } from 'vitest';
import { surrogateTest } from '../../src/attractor/surrogates';
import { gaussian, seededRandom } from '../support/random';
import { coordinate, logisticMap, lorenz, vanDerPol, whiteNoise } from './systems';

const mean = (values: number[]) => values.reduce((a, b) => a + b) / values.length;

function ar1(length: number, a: number, seed: number): Float64Array {
  const noise = gaussian(seededRandom(seed));
  const x = new Float64Array(length);
  for (let i = 1; i < length; i++) x[i] = a * x[i - 1] + noise();
  return x;
}

describe('surrogateTest', () => {
  it('linear Gaussian noise predicts about as well as its surrogates (error ratio above 0.8)', () => {
    for (const [x, dimension, delay] of [
      [whiteNoise(4000, 1), 3, 1],
      [ar1(4000, 0.9, 2), 3, 2],
      [ar1(4000, 0.98, 3), 4, 5],
    ] as const) {
      const t = surrogateTest(x, dimension, delay, 10)!;
      expect(t.surrogateErrors).toHaveLength(9);
      expect(t.error / mean(t.surrogateErrors)).toBeGreaterThan(0.8);
    }
  });

  it('deterministic data predict at least 5 times better: logistic map, Lorenz x, Van der Pol', () => {
    for (const [x, dimension, delay, theiler] of [
      [logisticMap(4000, 1), 1, 1, 5],
      [coordinate(lorenz(8000, 1), 0), 3, 17, 160],
      [vanDerPol(4000, 1), 2, 22, 130],
    ] as const) {
      const t = surrogateTest(x, dimension, delay, theiler)!;
      expect(t.error / mean(t.surrogateErrors)).toBeLessThan(0.2);
    }
  });

  it('tests the longest power-of-two stretch, predicts `delay` steps ahead, and gives the same answer every time', () => {
    const x = logisticMap(3000, 2);
    const a = surrogateTest(x, 2, 3, 5)!;
    expect(a.length).toBe(2048);
    expect(a.horizon).toBe(3);
    expect(surrogateTest(x, 2, 3, 5)).toEqual(a);
  });

  it('too short to test: undefined', () => {
    expect(surrogateTest(logisticMap(100, 1), 2, 1, 5)).toBeUndefined();
    expect(surrogateTest(logisticMap(300, 1), 3, 20, 80)).toBeUndefined(); // 196 predictable points, 2 Theiler windows of 80
  });
});
