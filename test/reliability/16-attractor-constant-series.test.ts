// #17.16: a constant whose mean does not round exactly (0.1, 4.2) produced a
// spectrum of round-off, a Theiler window of 2,047 and a "too short" error, where
// 0, 1 and 0.5 gave NaN. Every constant now gets the answer 0 gets: a fixed
// point with confidence 1, exponent NaN (no pair ever separates), correlation
// dimension 0, delay 1, dimension 1, Theiler window 1.
import { describe, expect, it } from 'vitest';
import { classifyAttractor, correlationDimension, estimateDelay, estimateDimension, lyapunovExponent } from '../../src/index';

const constants = [0, 1, 0.5, 0.1, 4.2, 1e6 + 0.1, -3.7, 1 / 3, 1e-300, 1e300, -7e-12];

describe('#17.16 every constant series gets the same answer', () => {
  for (const c of constants) {
    it(`constant ${c}`, () => {
      const x = new Float64Array(2000).fill(c);
      const classified = classifyAttractor(x);
      expect(classified.type).toBe('fixed-point');
      expect(classified.confidence).toBe(1);
      expect(classified.lyapunovExponent).toBeNaN();
      expect(classified.correlationDimension).toBe(0);
      expect(classified.theiler).toBe(1);
      expect(classified.delay).toBe(1);
      expect(classified.dimension).toBe(1);
      expect(classified.meanPeriod).toBe(Infinity);
      expect(lyapunovExponent(x).exponent).toBeNaN();
      expect(correlationDimension(x).dimension).toBe(0);
      expect(estimateDelay(x)).toBe(1);
      expect(estimateDimension(x)).toBe(1);
    });
  }

  it('constant points in phase space too', () => {
    const points = Array.from({ length: 600 }, () => [0.1, 4.2, -1e6 - 0.3]);
    const classified = classifyAttractor({ points });
    expect(classified.type).toBe('fixed-point');
    expect(classified.theiler).toBe(1);
    expect(lyapunovExponent({ points }).exponent).toBeNaN();
    expect(correlationDimension({ points }).dimension).toBe(0);
  });
});
