// Midstream's learn option: labels on match events tune a pattern's threshold.
import { describe, expect, it } from 'vitest';
import { Midstream, StrangeLoop, StreamMatcher, type MatchEvent, type MidstreamEvent } from '../../src/index';
import { DEFAULT, fixedF1, GRID, learnThreshold, patternShape, plantedStream } from './applied-stream';

const pattern = patternShape();

describe('Midstream learn', () => {
  it('reaches 90% of the hindsight-best F1 within 300 labels (median of 5 streams) and beats the default threshold', () => {
    const ratios: number[] = [];
    let gain = 0;
    const seeds = [1, 2, 3, 4, 5];
    for (const seed of seeds) {
      const stream = plantedStream(seed, 300);
      const best = Math.max(...GRID.map((t) => fixedF1(stream, t)));
      const learned = fixedF1(stream, learnThreshold(stream, seed, 300));
      ratios.push(learned / best);
      gain += learned - fixedF1(stream, DEFAULT);
    }
    ratios.sort((a, b) => a - b);
    expect(ratios[2]).toBeGreaterThanOrEqual(0.9);
    expect(gain / seeds.length).toBeGreaterThanOrEqual(0.05);
  }, 60_000);

  it('across threshold changes, events equal StreamMatchers run by hand on each stretch (positions in the stream)', async () => {
    const stream = plantedStream(9, 120);
    const loop = new StrangeLoop({ seed: 1, maxDepth: 0, algorithm: 'epsilon-greedy', exploration: 1 });
    const t = loop.parameter('threshold', { choices: [4, 6, 9] });
    const ms = new Midstream({ patterns: { shape: { pattern, threshold: 5 } }, learn: { loop, tune: { 'patterns.shape.threshold': t }, labelsPerTrial: 1 } });
    // Each stretch: [first sample, threshold], recorded as the learner switches.
    const stretches: Array<[number, number]> = [[0, t.value as number]];
    const events: MatchEvent[] = [];
    stream.values.forEach((x, i) => {
      for (const e of ms.push(x)) {
        if (e.type !== 'match') continue;
        events.push(e);
        ms.feedback(e.id!, { correct: e.distance < 6 });
        if (t.value !== stretches[stretches.length - 1][1]) stretches.push([i + 1, t.value as number]);
      }
    });
    for (const e of await ms.end()) if (e.type === 'match') events.push(e);
    const expected: Array<[number, number, number]> = [];
    stretches.forEach(([from, threshold], k) => {
      const to = k + 1 < stretches.length ? stretches[k + 1][0] : stream.values.length;
      const matcher = new StreamMatcher(pattern, { threshold });
      for (let i = from; i < to; i++) for (const m of matcher.push(stream.values[i])) expected.push([m.start + from, m.end + from, m.distance]);
      for (const m of matcher.flush()) expected.push([m.start + from, m.end + from, m.distance]);
    });
    expect(stretches.length).toBeGreaterThan(5);
    expect(events.map((e) => [e.start, e.end, e.distance])).toEqual(expected);
  });

  it('with a single choice it reports exactly what the plain pipeline does', async () => {
    const stream = plantedStream(4, 30);
    const loop = new StrangeLoop({ maxDepth: 0 });
    const t = loop.parameter('threshold', { choices: [5] });
    const learning = new Midstream({ patterns: { shape: { pattern, threshold: 5 } }, learn: { loop, tune: { 'patterns.shape.threshold': t } } });
    const plain = new Midstream({ patterns: { shape: { pattern, threshold: 5 } } });
    const strip = (events: MidstreamEvent[]) => events.map((e) => ({ ...e, id: undefined }));
    const a: MidstreamEvent[] = [];
    const b: MidstreamEvent[] = [];
    for (const x of stream.values) {
      for (const e of learning.push(x)) {
        a.push(e);
        if (e.type === 'match') learning.feedback(e.id!, { correct: e.distance < 4 });
      }
      b.push(...plain.push(x));
    }
    a.push(...(await learning.end()));
    b.push(...(await plain.end()));
    expect(strip(a)).toEqual(strip(b));
    expect((a.filter((e) => e.type === 'match') as MatchEvent[]).map((e) => e.id)).toEqual(a.filter((e) => e.type === 'match').map((_, k) => k));
  });

  it('checks feedback and the learn option', () => {
    const loop = new StrangeLoop();
    const t = loop.parameter('threshold', { min: 1, max: 9 });
    const other = new StrangeLoop().parameter('threshold', { min: 1, max: 9 }); // same name, another loop
    const base = { patterns: { shape: { pattern, threshold: 5 } } };
    expect(() => new Midstream({ ...base, learn: { loop: {} as never, tune: {} } })).toThrow(TypeError);
    expect(() => new Midstream({ ...base, learn: { loop, tune: { 'patterns.nope.threshold': t } } })).toThrow(/patterns.<name>.threshold/);
    expect(() => new Midstream({ ...base, learn: { loop, tune: { 'patterns.shape.threshold': other } } })).toThrow(TypeError);
    expect(() => new Midstream({ ...base, learn: { loop, tune: { 'patterns.shape.threshold': t }, reward: 'auc' as never } })).toThrow(RangeError);
    expect(() => new Midstream(base).feedback(0, { correct: true })).toThrow(/no options.learn/);
    const ms = new Midstream({ ...base, learn: { loop, tune: { 'patterns.shape.threshold': t } } });
    expect(() => ms.feedback(0, { correct: true })).toThrow(/not a match event/);
    expect(() => ms.feedback('0' as never, { correct: true })).toThrow(TypeError);
    expect(() => ms.missed(0)).toThrow(RangeError);
  });
});
