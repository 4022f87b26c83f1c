// Regime classification of signals whose regime is known by construction.
import { describe, expect, it } from 'vitest';
import { classifyAttractor, type AttractorClassification } from '../../src/index';
import { coordinate, dampedOscillator, logisticMap, lorenz, sine, vanDerPol, whiteNoise } from './systems';

const SEEDS = [1, 2, 3];

function expectConsistent(result: AttractorClassification): void {
  const agreeing = result.views.filter((view) => view.type === result.type).length;
  expect(result.confidence).toBe(agreeing / result.views.length);
  expect(result.reasons.length).toBeGreaterThanOrEqual(2);
}

describe('classifyAttractor', () => {
  it.each(SEEDS)('damped oscillator (seed %i) settles: fixed-point, negative exponent', (seed) => {
    const result = classifyAttractor(dampedOscillator(3000, seed), { dt: 0.05 });
    expect(result.type).toBe('fixed-point');
    expect(result.lyapunovExponent).toBeLessThan(0);
    expectConsistent(result);
  });

  it.each(SEEDS)('sine, period 48.3 samples (seed %i): limit-cycle with dimension 1 and exponent 0', (seed) => {
    const result = classifyAttractor(sine(3000, seed, 48.3));
    expect(result.type).toBe('limit-cycle');
    expect(Math.abs(result.correlationDimension - 1)).toBeLessThan(0.1);
    expect(Math.abs(result.lyapunovExponent)).toBeLessThan(0.01);
    expectConsistent(result);
  });

  it('a sine sampled exactly 50 times per period (a finite set of states) is still a limit-cycle', () => {
    const result = classifyAttractor(sine(3000, 4, 50));
    expect(result.type).toBe('limit-cycle');
    expect(result.reasons.join(' ')).toMatch(/repeats itself exactly/);
  });

  it.each([
    [1, 1],
    [2, 1],
    [3, 5],
  ])('Van der Pol, seed %i, mu %i: limit-cycle', (seed, mu) => {
    const result = classifyAttractor(vanDerPol(5000, seed, mu), { dt: 0.05 });
    expect(result.type).toBe('limit-cycle');
    expectConsistent(result);
  });

  it.each(SEEDS)('logistic map r = 4 (seed %i): chaotic, exponent near ln 2', (seed) => {
    const result = classifyAttractor(logisticMap(5000, seed));
    expect(result.type).toBe('chaotic');
    expect(Math.abs(result.lyapunovExponent / Math.LN2 - 1)).toBeLessThan(0.05);
    expectConsistent(result);
  });

  it.each(SEEDS)('Lorenz x (seed %i): chaotic', (seed) => {
    const result = classifyAttractor(coordinate(lorenz(10000, seed), 0), { dt: 0.01 });
    expect(result.type).toBe('chaotic');
    expect(result.dimension).toBe(3);
    expectConsistent(result);
  });

  it('Lorenz (x, y, z) points: chaotic', () => {
    const result = classifyAttractor({ points: lorenz(8000, 5) }, { dt: 0.01 });
    expect(result.type).toBe('chaotic');
    expect(result.delay).toBe(0);
  });

  it.each(SEEDS)('Gaussian white noise (seed %i) is not chaotic: stochastic', (seed) => {
    const result = classifyAttractor(whiteNoise(4000, seed));
    expect(result.type).not.toBe('chaotic');
    expect(result.type).toBe('stochastic');
    expect(result.reasons.join(' ')).toMatch(/false nearest neighbours stay/);
    expectConsistent(result);
  });

  it('a constant signal is a fixed point', () => {
    const result = classifyAttractor(new Float64Array(500).fill(3));
    expect(result.type).toBe('fixed-point');
    expect(result.confidence).toBe(1);
  });

  it('confidence is lower when the views disagree: Lorenz with 10% measurement noise vs clean', () => {
    const mean = (values: number[]) => values.reduce((a, b) => a + b) / values.length;
    const clean: number[] = [];
    const noisy: number[] = [];
    for (const seed of SEEDS) {
      const x = coordinate(lorenz(6000, seed), 0);
      const noise = whiteNoise(6000, 100 + seed);
      const rms = Math.sqrt(x.reduce((sum, v) => sum + v * v, 0) / x.length);
      clean.push(classifyAttractor(x, { dt: 0.01 }).confidence);
      const result = classifyAttractor(x.map((v, i) => v + 0.1 * rms * noise[i]), { dt: 0.01 });
      expectConsistent(result);
      noisy.push(result.confidence);
    }
    expect(mean(clean)).toBe(1);
    expect(mean(noisy)).toBeLessThan(mean(clean));
  });
});
