// The autocorrelation's cycle (src/attractor/periodicity.ts) on signals whose
// periodic share of the variance is known: a sine of amplitude 1 has variance
// 1/2, so with noise of standard deviation sd the share is 0.5 / (0.5 + sd^2).
import { describe, expect, it } from 'vitest';
import { periodicComponent } from '../../src/attractor/periodicity';
import { gaussian, seededRandom } from '../support/random';
import { coordinate, lorenz, whiteNoise } from './systems';

function noisySine(length: number, period: number, sd: number, seed: number): Float64Array {
  const noise = gaussian(seededRandom(seed));
  return Float64Array.from({ length }, (_, i) => Math.sin((2 * Math.PI * i) / period) + sd * noise());
}

describe('periodicComponent', () => {
  it.each([
    [50, 0, 1],
    [48.3, 0.3, 2],
    [100, 0.5, 3],
    [25, 1, 4],
  ])('a sine of period %f with noise sd %f (seed %i): the period, and the share of the variance', (period, sd, seed) => {
    const p = periodicComponent(noisySine(6000, period, sd, seed))!;
    expect(Math.abs(p.period - period)).toBeLessThanOrEqual(Math.max(1, 0.03 * period)); // the top of a noisy, flat peak
    expect(p.periods).toBe(10);
    expect(Math.abs(p.share - 0.5 / (0.5 + sd * sd))).toBeLessThan(0.05);
    expect(p.persistence).toBeGreaterThan(0.9);
  });

  it('points in phase space: the coordinates count as one process (a circle is one cycle)', () => {
    const values = new Float64Array(2 * 3000);
    for (let i = 0; i < 3000; i++) {
      values[2 * i] = Math.cos((2 * Math.PI * i) / 40);
      values[2 * i + 1] = Math.sin((2 * Math.PI * i) / 40);
    }
    const p = periodicComponent(values, 2)!;
    expect(p.period).toBe(40);
    expect(p.share).toBeGreaterThan(0.99);
  });

  it('white noise and Lorenz x carry no sustained cycle', () => {
    for (const x of [whiteNoise(5000, 1), coordinate(lorenz(10000, 1), 0)]) {
      const p = periodicComponent(x);
      expect(p === undefined || p.share < 0.2).toBe(true);
    }
  });

  it('fewer than 12 periods in the data: nothing to say', () => {
    expect(periodicComponent(noisySine(500, 50, 0, 1))).toBeUndefined();
    expect(periodicComponent(new Float64Array(100).fill(2))).toBeUndefined();
  });
});
