// StrangeLoop's contract: ask/tell, determinism, reset, levels, errors, limits.
import { describe, expect, it } from 'vitest';
import { MaxDepthExceededError, StrangeLoop, type LoopEvent, type StrangeLoopOptions } from '../../src/index';
import { seededRandom } from '../support/random';

/** Runs `trials` of a 4-arm Bernoulli problem; returns the settings played. */
function play(options: StrangeLoopOptions, trials = 300, means = [0.2, 0.5, 0.8, 0.4]) {
  const loop = new StrangeLoop(options);
  loop.parameter('arm', { choices: [0, 1, 2, 3] });
  const rewards = seededRandom(99);
  const played: number[] = [];
  for (let t = 0; t < trials; t++) {
    const trial = loop.ask();
    const arm = trial.params.arm as number;
    played.push(arm);
    loop.tell(trial, rewards() < means[arm] ? 1 : 0);
  }
  return { loop, played };
}

describe('StrangeLoop', () => {
  it('is deterministic for a seed, and reset() gives the same run again', () => {
    const a = play({ seed: 7, maxDepth: 2 });
    const b = play({ seed: 7, maxDepth: 2 });
    expect(a.played).toEqual(b.played);
    expect(play({ seed: 8, maxDepth: 2 }).played).not.toEqual(a.played);
    a.loop.reset();
    expect(a.loop.summary()).toEqual({ levels: 3, trials: 0, changes: 0, vetoed: 0, safetyViolations: 0, rolledBack: 0 });
    expect(a.loop.knowledge(1).trials).toBe(0);
    expect(a.loop.knowledge(2).trials).toBe(0);
    const rewards = seededRandom(99);
    const again: number[] = [];
    for (let t = 0; t < 300; t++) {
      const trial = a.loop.ask();
      const arm = trial.params.arm as number;
      again.push(arm);
      a.loop.tell(trial, rewards() < [0.2, 0.5, 0.8, 0.4][arm] ? 1 : 0);
    }
    expect(again).toEqual(a.played);
  });

  it('finds the best arm at every depth, and knowledge(level) describes each level', () => {
    for (const maxDepth of [0, 1, 2]) {
      const { loop, played } = play({ seed: 3, maxDepth }, 600);
      expect(played.slice(-200).filter((arm) => arm === 2).length).toBeGreaterThan(150);
      const k0 = loop.knowledge(0);
      expect(k0.best).toEqual({ arm: 2 });
      expect(Math.abs(k0.estimate.mean - 0.8)).toBeLessThan(3 * k0.estimate.interval + 0.05);
      expect(k0.trials).toBe(600);
      expect(k0.regret).toBeGreaterThanOrEqual(0);
      for (let level = 1; level <= maxDepth; level++) expect(loop.knowledge(level).level).toBe(level);
      expect(() => loop.knowledge(maxDepth + 1)).toThrow(MaxDepthExceededError);
    }
  });

  it('MaxDepthExceededError is a RangeError naming the level and the maximum', () => {
    const loop = new StrangeLoop({ maxDepth: 0 });
    let error: unknown;
    try {
      loop.knowledge(1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toBeInstanceOf(MaxDepthExceededError);
    expect((error as MaxDepthExceededError).level).toBe(1);
    expect((error as MaxDepthExceededError).maxDepth).toBe(0);
    expect((error as Error).message).toMatch(/level 1.*maxDepth 0/);
  });

  it('uses Gaussian posteriors for rewards outside [0, 1] and finds the best continuous setting', () => {
    const loop = new StrangeLoop({ seed: 5, maxDepth: 0 });
    loop.parameter('x', { min: 0, max: 10, initial: 1 });
    const noise = seededRandom(5);
    for (let t = 0; t < 400; t++) {
      const trial = loop.ask();
      const x = trial.params.x as number;
      loop.tell(trial, 100 - (x - 6.2) ** 2 + 4 * (noise() - 0.5));
    }
    const best = loop.knowledge(0).best as Record<string, number>;
    expect(Math.abs(best.x - 6.2)).toBeLessThan(0.7); // refined below the first grid's 1.25 spacing
  });

  it('maxChangesPerWindow limits changes of setting', () => {
    const loop = new StrangeLoop({ seed: 1, maxChangesPerWindow: 1, changeWindow: 10 });
    loop.parameter('arm', { choices: [0, 1, 2, 3, 4, 5, 6, 7] });
    const changesAt: number[] = [];
    loop.on((e: LoopEvent) => {
      if (e.type === 'change') changesAt.push(e.trial);
    });
    for (let t = 0; t < 200; t++) loop.tell(loop.ask(), 0.5);
    expect(changesAt.length).toBeGreaterThan(0);
    for (let k = 1; k < changesAt.length; k++) expect(changesAt[k] - changesAt[k - 1]).toBeGreaterThanOrEqual(10);
    expect(loop.summary().changes).toBe(changesAt.length);
  });

  it('several trials may be out at once; each is told once', () => {
    const loop = new StrangeLoop({ seed: 2 });
    loop.parameter('arm', { choices: ['a', 'b'] });
    const first = loop.ask();
    const second = loop.ask();
    loop.tell(second, 1);
    loop.tell(first.id, 0);
    expect(() => loop.tell(first, 1)).toThrow(RangeError);
    expect(loop.summary().trials).toBe(2);
  });

  it('checks its arguments', () => {
    expect(() => new StrangeLoop({ maxDepth: -1 })).toThrow(RangeError);
    expect(() => new StrangeLoop({ maxDepth: 1.5 })).toThrow(RangeError);
    expect(() => new StrangeLoop({ algorithm: 'softmax' as never })).toThrow(RangeError);
    expect(() => new StrangeLoop({ safety: 'G x' as never })).toThrow(TypeError);
    expect(() => new StrangeLoop({ maxDepth: 1, discount: 0.9 })).toThrow(/maxDepth 0/);
    const loop = new StrangeLoop();
    expect(() => loop.ask()).toThrow(/declare a parameter/);
    expect(() => loop.parameter('t', { min: 0, max: 1, scale: 'log' })).toThrow(/> 0/);
    expect(() => loop.parameter('t', { min: 2, max: 1 })).toThrow(RangeError);
    expect(() => loop.parameter('t', { choices: [] })).toThrow(RangeError);
    expect(() => loop.parameter('t', { choices: [1], initial: 2 })).toThrow(/not among/);
    loop.parameter('t', { min: 1, max: 2 });
    expect(() => loop.parameter('t', { min: 1, max: 2 })).toThrow(/declared already/);
    const trial = loop.ask();
    expect(() => loop.parameter('u', { choices: [1] })).toThrow(/before the first ask/);
    expect(() => loop.tell(trial, Number.NaN)).toThrow(RangeError);
    expect(() => loop.tell(trial, { score: 1, note: 'x' } as never)).toThrow(TypeError);
    expect(() => loop.tell(12345, 1)).toThrow(RangeError);
    loop.tell(trial, 1); // the failed calls changed nothing
    expect(loop.summary().trials).toBe(1);
    expect(() => loop.knowledge(-1)).toThrow(RangeError);
  });

  it('a tell whose metrics a rule cannot read throws and changes nothing', () => {
    const loop = new StrangeLoop({ seed: 1, safety: ['G (latency < 5)'] });
    loop.parameter('arm', { choices: [0, 1] });
    const trial = loop.ask();
    expect(() => loop.tell(trial, 1)).toThrow(/latency/);
    loop.tell(trial, { score: 1, latency: 2 });
    expect(loop.summary().trials).toBe(1);
    // A state of a shape read before goes straight in; another shape is checked again.
    const next = loop.ask();
    expect(() => loop.tell(next, { score: 1, latency: true })).toThrow(/latency/);
    expect(() => loop.tell(next, { score: 1, delay: 2 })).toThrow(/latency/);
    loop.tell(next, { score: 0, latency: 9 });
    expect(loop.summary()).toMatchObject({ trials: 2, safetyViolations: 1 });
  });
});
