// Automatic embedding parameters: delay from mutual information, dimension
// from false nearest neighbours, on signals whose answer is known.
import { describe, expect, it } from 'vitest';
import { embed, estimateDelay, estimateDimension, falseNearestNeighbours } from '../../src/index';
import { averageMutualInformation } from '../../src/attractor/delay';
import { meanPeriod } from '../../src/attractor/spectrum';
import { coordinate, henonMap, logisticMap, lorenz, sine, whiteNoise } from './systems';

const SEEDS = [1, 2, 3];

describe('estimateDelay', () => {
  it.each([20, 48.3, 100, 250])('a sine of period %f gets a delay between 5% and 30% of the period', (period) => {
    for (const seed of SEEDS) {
      const delay = estimateDelay(sine(4000, seed, period));
      expect(delay).toBeGreaterThanOrEqual(Math.max(1, Math.floor(0.05 * period)));
      expect(delay).toBeLessThanOrEqual(0.3 * period);
    }
  });

  it('Lorenz x at dt = 0.01: the first minimum of the mutual information, 0.1 to 0.3 time units', () => {
    for (const seed of [...SEEDS, 24]) {
      const x = coordinate(lorenz(10000, seed), 0);
      const delay = estimateDelay(x);
      expect(delay).toBeGreaterThanOrEqual(10);
      expect(delay).toBeLessThanOrEqual(30);
      const { information } = averageMutualInformation(x, delay + 3);
      expect(information[delay]).toBeLessThanOrEqual(information[delay - 1]);
      expect(information[delay]).toBeLessThanOrEqual(information[delay + 1]);
    }
  });

  it('Lorenz x whose information is flat, with ripples of 0.001 nats, after 0.18 time units (seed 24): the flat stretch, not the deeper minimum at 0.62', () => {
    const x = coordinate(lorenz(10000, 24), 0);
    const delay = estimateDelay(x);
    expect(delay).toBeGreaterThanOrEqual(17);
    expect(delay).toBeLessThanOrEqual(26);
  });

  it('maps and white noise lose their information within steps: delay 1 from the autocorrelation', () => {
    for (const seed of SEEDS) {
      expect(estimateDelay(logisticMap(5000, seed))).toBe(1);
      expect(estimateDelay(whiteNoise(5000, seed))).toBe(1);
    }
  });
});

describe('estimateDimension (false nearest neighbours)', () => {
  it('the logistic map is one-dimensional, Henon two, Lorenz three', () => {
    for (const seed of SEEDS) {
      expect(estimateDimension(logisticMap(5000, seed), { delay: 1 })).toBe(1);
      expect(estimateDimension(henonMap(5000, seed), { delay: 1 })).toBe(2);
      const x = coordinate(lorenz(10000, seed), 0);
      expect(estimateDimension(x)).toBe(3);
    }
  });

  it('noise never loses its false neighbours', () => {
    const { fractions } = falseNearestNeighbours(whiteNoise(3000, 5), { delay: 1, maxDimension: 6 });
    expect(fractions).toHaveLength(6);
    for (const fraction of fractions) expect(fraction).toBeGreaterThan(0.1);
  });
});

describe('embed', () => {
  it('chooses dimension and delay itself when not given', () => {
    const x = henonMap(2000, 1);
    const e = embed(x);
    expect(e.dimension).toBe(2);
    expect(e.delay).toBe(1);
    expect(e.count).toBe(1999);
    expect(e.points[2 * 10 + 1]).toBe(x[11]);
  });
});

describe('meanPeriod', () => {
  it('is the period of a sine and about 4 samples for white noise (mean frequency 1/4)', () => {
    expect(meanPeriod(sine(4096, 1, 64))).toBeCloseTo(64, 0);
    expect(Math.abs(meanPeriod(whiteNoise(4096, 1)) - 4)).toBeLessThan(0.3);
  });
});
