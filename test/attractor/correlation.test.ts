// Correlation dimension (Grassberger & Procaccia 1983) against published values.
import { describe, expect, it } from 'vitest';
import { correlationDimension } from '../../src/index';
import { coordinate, henonMap, lorenz, sine } from './systems';

describe('correlationDimension', () => {
  it.each([1, 2, 3])('Lorenz, 10,000 (x, y, z) points, seed %i: within 0.15 of 2.05', (seed) => {
    // GP on the integrated states themselves (no embedding); 2,000 reference
    // points evenly spaced in time are paired with all 10,000 (the default sampling).
    const result = correlationDimension({ points: lorenz(10000, seed) });
    expect(result.embeddingDimension).toBe(3);
    expect(Math.abs(result.dimension - 2.05)).toBeLessThan(0.15);
    const [low, high] = result.scalingRange;
    expect(high / low).toBeGreaterThanOrEqual(4); // at least two octaves of r
  });

  it.each([1, 2, 3])('Lorenz x delay-embedded with automatic parameters, seed %i: within 0.15 of 2.05', (seed) => {
    const result = correlationDimension(coordinate(lorenz(10000, seed), 0));
    expect(Math.abs(result.dimension - 2.05)).toBeLessThan(0.15);
  });

  it('Lorenz with every pair counted (references >= points) agrees with the sampled estimate', () => {
    const points = lorenz(6000, 4);
    const all = correlationDimension({ points }, { references: 6000 });
    const sampled = correlationDimension({ points });
    expect(all.pairs).toBeGreaterThan(sampled.pairs);
    expect(Math.abs(all.dimension - 2.05)).toBeLessThan(0.15);
    expect(Math.abs(all.dimension - sampled.dimension)).toBeLessThan(0.1);
  });

  it('Henon map, 5,000 points embedded in 2 dimensions: 1.21 +- 0.1', () => {
    for (const seed of [1, 2]) {
      const result = correlationDimension(henonMap(5000, seed), { dimension: 2, delay: 1 });
      expect(Math.abs(result.dimension - 1.21)).toBeLessThan(0.1);
    }
  });

  it('a sine (a closed curve) has dimension 1', () => {
    expect(Math.abs(correlationDimension(sine(4000, 1, 48.3)).dimension - 1)).toBeLessThan(0.1);
  });

  it('C(r) is a fraction that never decreases with r', () => {
    const { radii, correlationSums } = correlationDimension(henonMap(2000, 3), { dimension: 2, delay: 1 });
    for (let b = 1; b < radii.length; b++) {
      expect(radii[b]).toBeGreaterThan(radii[b - 1]);
      expect(correlationSums[b]).toBeGreaterThanOrEqual(correlationSums[b - 1]);
    }
    expect(correlationSums[radii.length - 1]).toBe(1);
  });
});
