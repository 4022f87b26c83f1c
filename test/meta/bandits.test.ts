// Level 0 on banditbench's standard instance (10 Bernoulli arms, means uniform
// in [0, 1] per run, 500 pulls, pseudo-regret): UCB1 86.8 and random 204.0 as
// published, Thompson sampling at 29 or below (a plain Beta(1, 1) TS gives about 24).
import { describe, expect, it } from 'vitest';
import { meanInterval, standardMeans, standardRegret } from './instances';
import { seededRandom } from '../support/random';

const RUNS = 200;
const runs = (f: (run: number) => number) => meanInterval(Array.from({ length: RUNS }, (_, run) => f(run)));

/** Textbook UCB1 (Auer, Cesa-Bianchi & Fischer 2002), written here without the loop's code. */
function referenceUcb1(run: number): number {
  const means = standardMeans(run);
  const best = Math.max(...means);
  const rewards = seededRandom(0xbeef + run);
  const n = new Array<number>(10).fill(0);
  const sum = new Array<number>(10).fill(0);
  let regret = 0;
  for (let t = 0; t < 500; t++) {
    let arm = n.indexOf(0);
    if (arm < 0) {
      const score = n.map((nk, k) => sum[k] / nk + Math.sqrt((2 * Math.log(t)) / nk));
      arm = score.indexOf(Math.max(...score));
    }
    regret += best - means[arm];
    n[arm]++;
    sum[arm] += rewards() < means[arm] ? 1 : 0;
  }
  return regret;
}

describe('level 0 on the standard 10-armed Bernoulli instance (500 pulls)', () => {
  it('the instance: random choice has pseudo-regret 204.0 within its noise', () => {
    const random = runs((run) => {
      const means = standardMeans(run);
      return 500 * (Math.max(...means) - means.reduce((a, b) => a + b, 0) / means.length);
    });
    expect(Math.abs(random.mean - 204.0)).toBeLessThanOrEqual(random.interval + 1);
  });

  it('UCB1 reproduces 86.8 within its noise, and agrees with a textbook UCB1', () => {
    const ucb = runs((run) => standardRegret({ maxDepth: 0, algorithm: 'ucb1' }, run));
    const reference = runs(referenceUcb1);
    expect(Math.abs(ucb.mean - 86.8)).toBeLessThanOrEqual(ucb.interval + 1);
    expect(Math.abs(ucb.mean - reference.mean)).toBeLessThanOrEqual(ucb.interval + reference.interval);
  });

  it('Thompson sampling (the default) at 29 or below', () => {
    const ts = runs((run) => standardRegret({ maxDepth: 0 }, run));
    expect(ts.mean + ts.interval).toBeLessThanOrEqual(29);
  });

  it('ε-greedy learns (far below random)', () => {
    const eps = runs((run) => standardRegret({ maxDepth: 0, algorithm: 'epsilon-greedy' }, run));
    expect(eps.mean + eps.interval).toBeLessThan(100);
  });
});
