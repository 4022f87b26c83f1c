// The strange loop's figures (issue #12): the cost of tell/ask, and mean ± 95%
// intervals over many seeds for the four claims: banditbench's standard
// instance, drift, the applied threshold and the shield's price.
// Run: npx tsx bench/meta.bench.ts [cost|standard|drift|applied|shield ...]   (all: about a minute and a half)
import { StrangeLoop } from '../src/meta/index';
import { defaultConfigurations } from '../src/meta/configurations';
import { driftRun, meanInterval, standardMeans, standardRegret, type MeanInterval } from '../test/meta/instances';
import { DEFAULT, fixedF1, GRID, learnThreshold, plantedStream } from '../test/meta/applied-stream';
import { seededRandom } from '../src/random';

const show = (m: MeanInterval, digits = 1) => `${m.mean.toFixed(digits)} ± ${m.interval.toFixed(digits)} (${m.runs} runs)`;
const times = <T>(n: number, f: (k: number) => T) => Array.from({ length: n }, (_, k) => f(k));

/** Per-call time of `calls` calls of `f` (after `prepare`), the fastest of 7 rounds (the machine is shared). */
function fastest(prepare: () => void, f: (k: number) => void, calls: number): number {
  let best = Infinity;
  for (let round = 0; round < 7; round++) {
    prepare();
    const t0 = performance.now();
    for (let k = 0; k < calls; k++) f(k);
    best = Math.min(best, (performance.now() - t0) / calls);
  }
  return best * 1000;
}

function cost(): void {
  console.log('\n## cost per call, µs (10 arms, Bernoulli rewards; fastest of 7 rounds of 20,000 calls)');
  const calls = 20_000;
  const setups: Array<[string, () => StrangeLoop, (score: number) => number | { score: number; latency: number }]> = [
    ['maxDepth 0 (Thompson sampling)', () => new StrangeLoop({ maxDepth: 0, seed: 1 }), (r) => r],
    ['maxDepth 1 (6 shadows)', () => new StrangeLoop({ maxDepth: 1, seed: 1 }), (r) => r],
    ['maxDepth 1, two safety rules', () => new StrangeLoop({ maxDepth: 1, seed: 1, safety: ['G (arm <= 8)', 'G (latency < 5)'] }), (r) => ({ score: r, latency: 1 })],
  ];
  for (const [name, make, outcome] of setups) {
    const loop = make();
    loop.parameter('arm', { choices: times(10, (k) => k) });
    const rewards = seededRandom(1);
    let trials: ReturnType<StrangeLoop['ask']>[] = [];
    const tell = fastest(() => (trials = times(calls, () => loop.ask())), (k) => loop.tell(trials[k], outcome(rewards() < 0.5 ? 1 : 0)), calls);
    const ask = fastest(() => {}, () => loop.tell(loop.ask(), outcome(rewards() < 0.5 ? 1 : 0)), calls) - tell;
    console.log(`${name.padEnd(32)} tell ${tell.toFixed(2)}  ask ${ask.toFixed(2)}`);
  }
}

function standard(): void {
  const runs = 1000;
  console.log(`\n## standard instance: 10 Bernoulli arms, means U[0,1] per run, 500 pulls, pseudo-regret (banditbench: UCB1 86.8, random 204.0, TS 28.9)`);
  const random = meanInterval(times(runs, (run) => {
    const means = standardMeans(run);
    return 500 * (Math.max(...means) - means.reduce((a, b) => a + b, 0) / means.length);
  }));
  console.log(`random                 ${show(random)}`);
  for (const [name, options] of [
    ['thompson (default)', { maxDepth: 0 }],
    ['ucb1', { maxDepth: 0, algorithm: 'ucb1' }],
    ['epsilon-greedy 0.1', { maxDepth: 0, algorithm: 'epsilon-greedy' }],
    ['level 1 (default loop)', { maxDepth: 1 }],
  ] as const) {
    console.log(`${name.padEnd(22)} ${show(meanInterval(times(runs, (run) => standardRegret(options, run))))}`);
  }
}

function drift(): void {
  const seeds = 30;
  console.log(`\n## drift: 5 Bernoulli arms, means redrawn every 2,000 steps, 10,000 steps, ${seeds} seeds (total reward; pseudo-regret)`);
  const fixed = defaultConfigurations(undefined).map((c) => {
    const rs = times(seeds, (run) => driftRun({ maxDepth: 0, algorithm: c.algorithm, exploration: c.exploration, discount: c.discount, window: c.window }, run));
    const label = `${c.algorithm} c=${c.exploration} γ=${c.discount}${c.window ? ` w=${c.window}` : ''}`;
    return { label, reward: meanInterval(rs.map((r) => r.reward)), regret: meanInterval(rs.map((r) => r.regret)) };
  });
  for (const f of fixed) console.log(`fixed ${f.label.padEnd(34)} reward ${show(f.reward, 0)}  regret ${show(f.regret, 0)}`);
  const sorted = fixed.map((f) => f.reward.mean).sort((a, b) => a - b);
  const median = (sorted[2] + sorted[3]) / 2;
  const best = sorted[sorted.length - 1];
  const bestRegret = Math.min(...fixed.map((f) => f.regret.mean));
  for (const maxDepth of [1, 2]) {
    const rs = times(seeds, (run) => driftRun({ maxDepth }, run));
    const reward = meanInterval(rs.map((r) => r.reward));
    console.log(`level ${maxDepth} (maxDepth ${maxDepth})${' '.repeat(25)} reward ${show(reward, 0)}  regret ${show(meanInterval(rs.map((r) => r.regret)), 0)}`);
    console.log(`  vs median fixed ${median.toFixed(0)}: ${reward.mean > median ? 'beats it' : 'does NOT beat it'}; vs best fixed ${best.toFixed(0)}: ${((100 * reward.mean) / best).toFixed(1)}% of its reward, ${((100 * meanInterval(rs.map((r) => r.regret)).mean) / bestRegret).toFixed(0)}% of its regret`);
  }
}

function applied(): void {
  const seeds = 30;
  console.log(`\n## applied: planted, time-warped occurrences (300 per stream) and look-alikes; threshold learned from 300 labels (5 per trial), ${seeds} streams`);
  const ratio: number[] = [];
  const learned: number[] = [];
  const defaults: number[] = [];
  const bests: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const stream = plantedStream(seed, 300);
    const best = Math.max(...GRID.map((t) => fixedF1(stream, t)));
    const f1 = fixedF1(stream, learnThreshold(stream, seed, 300));
    bests.push(best);
    learned.push(f1);
    defaults.push(fixedF1(stream, DEFAULT));
    ratio.push(f1 / best);
  }
  console.log(`F1, best fixed threshold in hindsight (grid of ${GRID.length})  ${show(meanInterval(bests), 3)}`);
  console.log(`F1, learned threshold                                ${show(meanInterval(learned), 3)}`);
  console.log(`F1, default threshold ${DEFAULT}                              ${show(meanInterval(defaults), 3)}`);
  console.log(`learned / best                                       ${show(meanInterval(ratio), 3)}; >= 0.9 on ${ratio.filter((r) => r >= 0.9).length} of ${seeds}`);
  console.log(`learned - default                                    ${show(meanInterval(learned.map((f, k) => f - defaults[k])), 3)}`);
}

function shield(): void {
  const seeds = 30;
  console.log(`\n## shield: reward 0.8·min(1, t/40) + 0.2·U, rule G (threshold <= 20), 1,500 trials, ${seeds} seeds`);
  const run = (safety: string[], seed: number) => {
    const loop = new StrangeLoop({ seed, safety });
    loop.parameter('threshold', { min: 1, max: 40, scale: 'log', initial: 4 });
    const noise = seededRandom(seed + 100);
    let reward = 0;
    let broken = 0;
    for (let t = 0; t < 1500; t++) {
      const trial = loop.ask();
      const threshold = trial.params.threshold as number;
      if (threshold > 20) broken++;
      const score = 0.8 * Math.min(1, threshold / 40) + 0.2 * noise();
      reward += score;
      loop.tell(trial, score);
    }
    return { reward: reward / 1500, broken, vetoed: loop.summary().vetoed };
  };
  const free = times(seeds, (s) => run([], s));
  const on = times(seeds, (s) => run(['G (threshold <= 20)'], s));
  console.log(`mean reward per trial, no shield   ${show(meanInterval(free.map((r) => r.reward)), 3)}; trials above 20: ${free.reduce((a, r) => a + r.broken, 0)}`);
  console.log(`mean reward per trial, shield on   ${show(meanInterval(on.map((r) => r.reward)), 3)}; trials above 20: ${on.reduce((a, r) => a + r.broken, 0)}; vetoes ${show(meanInterval(on.map((r) => r.vetoed)), 1)}`);
  console.log(`reward given up to the shield      ${show(meanInterval(free.map((r, k) => r.reward - on[k].reward)), 3)} (allowed optimum: threshold 20, 0.5 per trial; the first grid point below it, 15.9, 0.418; unshielded optimum 40, 0.9)`);
}

// Sections to run: all by default, or those named (cost, standard, drift, applied, shield).
const sections: Record<string, () => void> = { cost, standard, drift, applied, shield };
const wanted = process.argv.slice(2).filter((name) => name in sections);
for (const name of wanted.length > 0 ? wanted : Object.keys(sections)) sections[name]();
