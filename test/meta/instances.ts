// Bandit instances for the strange loop's checks, and a mean ± 95% interval.
// Shared by the tests and bench/meta.bench.ts (the instances, not the learner).
import { seededRandom } from '../support/random';
import { StrangeLoop, type StrangeLoopOptions } from '../../src/meta/index';

export interface MeanInterval {
  mean: number;
  /** Half-width of the 95% interval of the mean (1.96 standard errors). */
  interval: number;
  runs: number;
}

export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, interval: 1.96 * Math.sqrt(variance / n), runs: n };
}

/** banditbench's instance: 10 arms with means uniform in [0, 1], drawn per run. */
export function standardMeans(run: number, arms = 10): number[] {
  const random = seededRandom(0x5eed + run * 7919);
  return Array.from({ length: arms }, () => random());
}

/** Pseudo-regret of a loop over `pulls` Bernoulli pulls: Σ (best mean − mean of the arm played). */
export function standardRegret(options: StrangeLoopOptions, run: number, pulls = 500): number {
  const means = standardMeans(run);
  const best = Math.max(...means);
  const rewards = seededRandom(0xbeef + run);
  const loop = new StrangeLoop({ ...options, seed: run + 1 });
  loop.parameter('arm', { choices: means.map((_, k) => k) });
  let regret = 0;
  for (let t = 0; t < pulls; t++) {
    const trial = loop.ask();
    const mean = means[trial.params.arm as number];
    regret += best - mean;
    loop.tell(trial, rewards() < mean ? 1 : 0);
  }
  return regret;
}

/** A piecewise-stationary instance: `arms` Bernoulli arms whose means are redrawn every `segment` steps. */
export function driftMeans(run: number, segments: number, arms = 5): number[][] {
  const random = seededRandom(0xd21f7 + run * 104729);
  return Array.from({ length: segments }, () => Array.from({ length: arms }, () => random()));
}

export function driftRun(options: StrangeLoopOptions, run: number, horizon = 10_000, segment = 2_000): { reward: number; regret: number } {
  const means = driftMeans(run, Math.ceil(horizon / segment));
  const rewards = seededRandom(0xfeed + run);
  const loop = new StrangeLoop({ ...options, seed: run + 1 });
  loop.parameter('arm', { choices: means[0].map((_, k) => k) });
  let reward = 0;
  let regret = 0;
  for (let t = 0; t < horizon; t++) {
    const mu = means[Math.floor(t / segment)];
    const trial = loop.ask();
    const mean = mu[trial.params.arm as number];
    regret += Math.max(...mu) - mean;
    const r = rewards() < mean ? 1 : 0;
    reward += r;
    loop.tell(trial, r);
  }
  return { reward, regret };
}
