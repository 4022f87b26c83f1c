// #17.7: values above about 1e154 or below 1e-154 overflowed or underflowed the
// squared distances, every neighbour was dropped and chaos came out as a limit
// cycle with exponent NaN. The estimators are scale-free: the same data in any
// units must give the same verdict and exponent.
import { describe, expect, it } from 'vitest';
import { classifyAttractor, correlationDimension, lyapunovExponent } from '../../src/index';
import { logisticMap } from '../attractor/systems';

const scaled = (x: Float64Array, factor: number) => x.map((v) => v * factor);
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('#17.7 attractor estimates do not depend on the data\'s units', () => {
  const x = logisticMap(2000, 3);
  const atOne = { classified: classifyAttractor(x), lyapunov: lyapunovExponent(x), d2: correlationDimension(x) };

  it('the logistic map at scale 1 is chaotic with exponent near ln 2 (the baseline)', () => {
    expect(atOne.classified.type).toBe('chaotic');
    expect(relative(atOne.lyapunov.exponent, Math.LN2)).toBeLessThan(0.1);
  });

  for (const power of [700, -700, 1000, -1000, 600, -600]) {
    it(`x 2^${power}: same verdict, exponent and dimension to 1e-12`, () => {
      const y = scaled(x, 2 ** power);
      const classified = classifyAttractor(y);
      expect(classified.type).toBe(atOne.classified.type);
      expect(classified.confidence).toBe(atOne.classified.confidence);
      expect(relative(classified.lyapunovExponent, atOne.classified.lyapunovExponent)).toBeLessThan(1e-12);
      expect(relative(classified.correlationDimension, atOne.classified.correlationDimension)).toBeLessThan(1e-12);
      expect(relative(lyapunovExponent(y).exponent, atOne.lyapunov.exponent)).toBeLessThan(1e-12);
      expect(relative(correlationDimension(y).dimension, atOne.d2.dimension)).toBeLessThan(1e-12);
    });
  }

  for (const factor of [1e200, 1e-200, 1e300, 1e-300, 1e160, 1e-160]) {
    it(`x ${factor}: same verdict, exponent within 2%`, () => {
      const y = scaled(x, factor);
      const classified = classifyAttractor(y);
      expect(classified.type).toBe(atOne.classified.type);
      expect(relative(classified.lyapunovExponent, atOne.classified.lyapunovExponent)).toBeLessThan(0.02);
      expect(relative(lyapunovExponent(y).exponent, atOne.lyapunov.exponent)).toBeLessThan(0.02);
      expect(relative(correlationDimension(y).dimension, atOne.d2.dimension)).toBeLessThan(0.02);
    });
  }

  it('results with units stay in the caller\'s units (divergence in ln distance, radii)', () => {
    const factor = 2 ** 800;
    const y = scaled(x, factor);
    const curve = lyapunovExponent(y).divergence;
    for (let k = 0; k < curve.length; k++) expect(curve[k] - atOne.lyapunov.divergence[k]).toBeCloseTo(Math.log(factor), 9);
    const d2 = correlationDimension(y);
    expect(relative(d2.scalingRange[0], atOne.d2.scalingRange[0] * factor)).toBeLessThan(1e-12);
    expect(relative(d2.radii[3], atOne.d2.radii[3] * factor)).toBeLessThan(1e-12);
  });

  it('points in phase space at 2^-830 give the same exponent as at scale 1', () => {
    const points = Array.from({ length: x.length - 1 }, (_, i) => [x[i], x[i + 1]]);
    const tiny = points.map((p) => p.map((v) => v * 2 ** -830));
    const a = lyapunovExponent({ points });
    const b = lyapunovExponent({ points: tiny });
    expect(relative(b.exponent, a.exponent)).toBeLessThan(1e-12);
    expect(classifyAttractor({ points: tiny }).type).toBe(classifyAttractor({ points }).type);
  });
});
