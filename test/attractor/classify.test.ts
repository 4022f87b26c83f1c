// Regime classification of signals whose regime is known by construction.
import { describe, expect, it } from 'vitest';
import { classifyAttractor, type AttractorClassification } from '../../src/index';
import { type Evidence } from '../../src/attractor/evidence';
import { reasonsFor, regimeOf } from '../../src/attractor/regime';
import { gaussian, seededRandom } from '../support/random';
import { coordinate, dampedOscillator, logisticMap, lorenz, rossler, sine, vanDerPol, whiteNoise } from './systems';

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

/** A sine of period 50 samples plus Gaussian noise of standard deviation `sd`. */
function noisySine(length: number, sd: number, seed: number): Float64Array {
  const noise = gaussian(seededRandom(seed));
  return Float64Array.from({ length }, (_, i) => Math.sin((2 * Math.PI * i) / 50) + sd * noise());
}

const EXPONENTIAL = /separate exponentially/;

describe('classifyAttractor reasons say what the exponent shows', () => {
  it.each([
    [3000, 0.1, 1],
    [3000, 0.3, 2],
    [4000, 0.2, 3],
    [5000, 0.3, 4],
  ])('noisy sine, %i points, noise sd %f (seed %i): no claim of exponential separation', (length, sd, seed) => {
    const result = classifyAttractor(noisySine(length, sd, seed));
    expect(result.type).not.toBe('chaotic');
    const text = result.reasons.join(' | ');
    expect(text).not.toMatch(EXPONENTIAL);
    // The exponent is either within the neutral band or explicitly not read as separation.
    expect(result.reasons[0]).toMatch(/indistinguishable from zero|not read as exponential separation/);
    expectConsistent(result);
  });

  it.each(SEEDS)('logistic map r = 4 (seed %i): nearby states separate exponentially', (seed) => {
    const result = classifyAttractor(logisticMap(5000, seed));
    expect(result.type).toBe('chaotic');
    expect(result.reasons[0]).toMatch(/^largest Lyapunov exponent 0\.\d+ per unit time .*: nearby states separate exponentially$/);
  });

  it.each(SEEDS)('damped oscillator (seed %i): nearby states converge', (seed) => {
    const result = classifyAttractor(dampedOscillator(3000, seed), { dt: 0.05 });
    expect(result.type).toBe('fixed-point');
    expect(result.reasons[0]).toMatch(/: nearby states converge$/);
    expect(result.reasons.join(' ')).not.toMatch(/separate/);
  });

  // The rules on made-up evidence, so the wording is checked at the threshold itself.
  const evidence = (over: Partial<Evidence>): Evidence => ({
    constant: false,
    recursExactly: false,
    ratePerPeriod: 0,
    exponent: 0,
    d2: 1,
    spaceDimension: 4,
    settleRatio: 1,
    falseNeighbours: { fraction: 0.002, dimension: 4, tried: 5 },
    period: 50,
    ...over,
  });
  const reasonsOf = (e: Evidence) => {
    const type = regimeOf(e);
    return { type, reasons: reasonsFor(type, e, [{ label: 'main', type }]) };
  };

  it('0.003 per step over a mean period of 50 samples in noise-filled space: positive, but not called exponential separation', () => {
    const { type, reasons } = reasonsOf(evidence({ exponent: 0.003, ratePerPeriod: 0.15, d2: 3.9 }));
    expect(type).toBe('stochastic');
    expect(reasons.join(' ')).not.toMatch(EXPONENTIAL);
    expect(reasons[0]).toMatch(/not read as exponential separation/);
    expect(reasons.join(' ')).toMatch(/fill it like noise/);
    expect(reasons.join(' ')).not.toMatch(/: deterministic/);
  });

  it('within ±0.1 per mean period the exponent is indistinguishable from zero', () => {
    for (const rate of [0.09, 0, -0.09]) {
      const { reasons } = reasonsOf(evidence({ exponent: rate / 50, ratePerPeriod: rate }));
      expect(reasons[0]).toMatch(/indistinguishable from zero/);
      expect(reasons[0]).not.toMatch(/separate exponentially|states converge/);
    }
  });

  it('beyond the band: separation with determinism is chaos, decay is convergence, no exponent is said so', () => {
    expect(reasonsOf(evidence({ exponent: 0.01, ratePerPeriod: 0.5, d2: 2 })).reasons[0]).toMatch(/nearby states separate exponentially$/);
    expect(reasonsOf(evidence({ exponent: -0.01, ratePerPeriod: -0.5 })).reasons[0]).toMatch(/nearby states converge$/);
    expect(reasonsOf(evidence({ exponent: NaN, ratePerPeriod: NaN })).reasons[0]).toMatch(/no Lyapunov exponent could be measured/);
  });

  it('when the main view is outvoted, the reasons say so', () => {
    const e = evidence({ exponent: 0.003, ratePerPeriod: 0.15, d2: 3.9 });
    const reasons = reasonsFor('limit-cycle', e, [
      { label: 'a', type: 'stochastic' },
      { label: 'b', type: 'limit-cycle' },
      { label: 'c', type: 'limit-cycle' },
    ]);
    expect(reasons).toContain('2 of 3 views say limit-cycle (b, c), while a says stochastic');
    expect(reasons.at(-1)).toMatch(/from a, which on its own says stochastic/);
  });
});


/** Resonant (narrow-band) noise: x(t) = 2r cos(2 pi / period) x(t - 1) - r^2 x(t - 2) + white noise. */
function resonantNoise(length: number, period: number, r: number, seed: number): Float64Array {
  const noise = gaussian(seededRandom(seed));
  const a1 = 2 * r * Math.cos((2 * Math.PI) / period);
  const x = new Float64Array(length);
  for (let i = 2; i < length; i++) x[i] = a1 * x[i - 1] - r * r * x[i - 2] + noise();
  return x;
}

describe('classifyAttractor: a cycle under measurement noise', () => {
  // Noise fills the small scales (false neighbours stay, D2 near the embedding
  // dimension), but the cycle's share of the variance, 0.5 / (0.5 + sd^2), comes
  // back every period.
  it.each([
    [0.01, 1],
    [0.1, 2],
    [0.3, 3],
    [0.5, 4],
  ])('a sine plus noise of sd %f (seed %i) is a limit-cycle, and the reasons name its period', (sd, seed) => {
    const result = classifyAttractor(noisySine(4000, sd, seed));
    expect(result.type).toBe('limit-cycle');
    const text = result.reasons.join(' | ');
    expect(text).toMatch(/a cycle of 50 samples \(autocorrelation\) carries \d+% of the variance or more, undiminished over 10 periods/);
    expect(text).not.toMatch(/no low-dimensional determinism/);
    expectConsistent(result);
  });

  it('noise twice the sine (a third of the variance periodic) is not called a limit-cycle', () => {
    const result = classifyAttractor(noisySine(4000, 1, 5));
    expect(result.type).not.toBe('limit-cycle');
  });

  it.each(SEEDS)('resonant noise (r = 0.999, seed %i) has a period, but it fades: not a limit-cycle', (seed) => {
    const result = classifyAttractor(resonantNoise(4000, 50, 0.999, seed));
    expect(result.type).not.toBe('limit-cycle');
    expect(result.reasons.join(' ')).toMatch(/a cycle of (49|50|51) samples .* it fades, so it is no sustained cycle/);
  });
});

describe('classifyAttractor: linear noise against its surrogates', () => {
  // Smooth, narrow-band noise passes the false-neighbour test and its neighbours
  // drift apart, so by the exponent it looked chaotic (seeds 1 and 2 at r = 0.99
  // and 0.999 were 'chaotic' before the surrogate test). Its nearest-neighbour
  // prediction is no better than that of surrogates with its spectrum.
  it.each([
    [0.99, 1],
    [0.99, 2],
    [0.995, 1],
    [0.999, 1],
    [0.999, 2],
    [0.999, 3],
  ])('resonant noise r = %f (seed %i) is stochastic', (r, seed) => {
    const result = classifyAttractor(resonantNoise(4000, 50, r, seed));
    expect(result.type).toBe('stochastic');
    expect(result.reasons.join(' ')).toMatch(/surrogates with the same spectrum and values: no better than linear noise/);
    expectConsistent(result);
  });

  it('chaos predicts far better than its surrogates: logistic map, Lorenz x, Rossler x', () => {
    for (const [x, dt] of [
      [logisticMap(5000, 1), 1],
      [coordinate(lorenz(10000, 1), 0), 0.01],
      [coordinate(rossler(5000, 1), 0), 0.05],
    ] as const) {
      const result = classifyAttractor(x, { dt });
      expect(result.type).toBe('chaotic');
      expect(result.reasons.join(' ')).toMatch(/surrogates with the same spectrum and values: deterministic, beyond what noise with that spectrum can do/);
    }
  });

  it.each(SEEDS)('the Rossler attractor keeps its period but is chaotic (seed %i)', (seed) => {
    const result = classifyAttractor(coordinate(rossler(5000, seed), 0), { dt: 0.05 });
    expect(result.type).toBe('chaotic');
    expect(result.reasons.join(' ')).toMatch(/chaos around a cycle/);
  });
});
