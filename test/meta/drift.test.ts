// Level 1 on a piecewise-stationary instance (5 Bernoulli arms, means redrawn
// every 2,000 steps, 10,000 steps): it must beat the median fixed level-0
// configuration and stay within 10% of the best one in hindsight (total reward).
// bench/meta.bench.ts runs 30 seeds; here 8, with the same claim on their sum.
import { describe, expect, it } from 'vitest';
import { driftRun } from './instances';
import { defaultConfigurations } from '../../src/meta/configurations';

const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7];

describe('level 1 under drift', () => {
  it('beats the median fixed level-0 configuration and is within 10% of the best', () => {
    const total = (f: (run: number) => number) => SEEDS.reduce((sum, run) => sum + f(run), 0);
    const fixed = defaultConfigurations(undefined).map((c) =>
      total((run) => driftRun({ maxDepth: 0, algorithm: c.algorithm, exploration: c.exploration, discount: c.discount, window: c.window }, run).reward),
    );
    const level1 = total((run) => driftRun({ maxDepth: 1 }, run).reward);
    const sorted = [...fixed].sort((a, b) => a - b);
    const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
    const best = sorted[sorted.length - 1];
    expect(level1).toBeGreaterThan(median);
    expect(level1).toBeGreaterThanOrEqual(0.9 * best);
  }, 60_000);
});
