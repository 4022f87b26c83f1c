// The shield: a reward that grows toward a forbidden region. No applied setting
// may break a parameter rule; metric rules broken after a change are rolled back.
import { describe, expect, it } from 'vitest';
import { StrangeLoop, type LoopEvent } from '../../src/meta/index';
import { seededRandom } from '../support/random';

/** Reward grows with the threshold; the false-alarm rate crosses 0.2 at threshold 12. */
function drive(safety: string[], seed: number, trials = 1500) {
  const loop = new StrangeLoop({ seed, safety });
  loop.parameter('threshold', { min: 1, max: 40, scale: 'log', initial: 4 });
  const noise = seededRandom(seed + 100);
  const events: LoopEvent[] = [];
  loop.on((e) => events.push(e));
  const applied: number[] = [];
  let reward = 0;
  for (let t = 0; t < trials; t++) {
    const trial = loop.ask();
    const threshold = trial.params.threshold as number;
    applied.push(threshold);
    const score = 0.8 * Math.min(1, threshold / 40) + 0.2 * noise();
    reward += score;
    loop.tell(trial, { score, falseAlarmRate: threshold / 60 });
  }
  return { loop, events, applied, reward: reward / trials };
}

describe('safety shield', () => {
  it('never applies a setting a parameter rule forbids, and counts the vetoes', () => {
    const { loop, applied, events } = drive(['G (threshold >= 1 && threshold <= 20)'], 1);
    expect(Math.max(...applied)).toBeLessThanOrEqual(20);
    const s = loop.summary();
    expect(s.vetoed).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'veto')).toHaveLength(s.vetoed);
    for (const e of events) if (e.type === 'veto') expect(e.proposed.threshold as number).toBeGreaterThan(20);
    expect(s.safetyViolations).toBe(0);
  });

  it('rolls back to the last safe setting when observed metrics break a rule', () => {
    const { loop, events } = drive(['G (falseAlarmRate < 0.2)'], 2);
    const s = loop.summary();
    expect(s.safetyViolations).toBeGreaterThan(0);
    const rollbacks = events.filter((e) => e.type === 'rollback');
    expect(rollbacks).toHaveLength(s.safetyViolations);
    for (const e of rollbacks) if (e.type === 'rollback') expect((e.to.threshold as number) / 60).toBeLessThan(0.2);
    expect(s.rolledBack).toBeLessThanOrEqual(s.safetyViolations);
    // The best setting reported is one under which the rule held.
    expect((loop.knowledge(0).best as Record<string, number>).threshold / 60).toBeLessThan(0.2);
  });

  it('the reward given up to the shield is the price of staying in the allowed region', () => {
    const free = drive([], 3);
    const shielded = drive(['G (threshold <= 20)'], 3);
    expect(Math.max(...free.applied)).toBeGreaterThan(20);
    expect(Math.max(...shielded.applied)).toBeLessThanOrEqual(20);
    expect(shielded.reward).toBeLessThan(free.reward);
    // It still learns inside the allowed region: better than staying at the initial threshold 4 (mean 0.18).
    expect(shielded.reward).toBeGreaterThan(0.8 * (4 / 40) + 0.1 + 0.1);
  });
});

describe('the shield probes a copy of each monitor', () => {
  it('a probe decides as a fresh monitor replaying the trace and the candidate would, and changes nothing', async () => {
    const { Shield } = await import('../../src/meta/shield');
    const { monitor } = await import('../../src/logic/index');
    const rules = ['G (x <= 7)', 'G (x > 5 -> X (y < 3))', '(y < 9) U (x == 0)'];
    const random = seededRandom(11);
    for (let run = 0; run < 30; run++) {
      const shield = new Shield(rules);
      const trace: Array<{ x: number; y: number }> = [];
      for (let step = 0; step < 12; step++) {
        const candidate = { x: Math.floor(random() * 9), y: Math.floor(random() * 10) };
        const replayed = rules.find((rule) => {
          const m = monitor(rule);
          let verdict = m.verdict;
          for (const state of [...trace, candidate]) verdict = m.push(state);
          return verdict === 'false';
        });
        expect(shield.probe(candidate)?.rule).toBe(replayed);
        const state = { x: Math.floor(random() * 9), y: Math.floor(random() * 10) };
        const breach = shield.read(state);
        trace.push(state);
        if (breach) break;
      }
    }
  });
});
