// Midstream against the parts called by hand, on seeded data: the same matches,
// regime changes and verdicts, from push() and from run() over every kind of source.
import { describe, expect, it } from 'vitest';
import { Midstream, type MidstreamEvent } from '../../src/index';
import { byHand, collect, ordered, twoRegimeSignal, withoutSummary } from './support';

const { series, pattern } = twoRegimeSignal(7);
const spec = {
  pattern: { name: 'bump', pattern, threshold: 6, window: 4 },
  regime: { window: 600, every: 600 },
  rules: { bounded: 'G (x < 6)', tight: 'G (x < 1.2)', quietNoise: 'G (regime.stochastic -> !match.bump)', eventually: 'F match.bump' },
};
const options = () => ({
  patterns: { bump: { pattern, threshold: 6, window: 4 } },
  regime: { window: 600, every: 600 },
  rules: spec.rules,
});
const expected = byHand(series, spec);

describe('Midstream: events equal the parts called by hand', () => {
  it('the reference finds something of every kind (the comparison is not vacuous)', () => {
    const kinds = new Set(expected.map((e) => e.type));
    expect([...kinds].sort()).toEqual(['match', 'regime', 'verdict']);
    expect(expected.filter((e) => e.type === 'regime').map((e) => (e as { regime: string }).regime)).toEqual(['limit-cycle', 'stochastic']);
    expect(expected.filter((e) => e.type === 'match').length).toBeGreaterThanOrEqual(3);
  });

  it('run() over an array', async () => {
    const ms = new Midstream(options());
    const events = await collect(ms.run(series));
    expect(ordered(withoutSummary(events))).toEqual(expected);
    const summary = events.at(-1)!;
    expect(summary).toEqual({
      type: 'summary',
      step: series.length - 1,
      samples: series.length,
      matches: { bump: expected.filter((e) => e.type === 'match').length },
      regime: 'stochastic',
      regimeChanges: 2,
      verdicts: Object.fromEntries(expected.filter((e) => e.type === 'verdict').map((e) => [(e as { rule: string }).rule, (e as { verdict: string }).verdict])),
    });
    // Every sample seen by every stage exactly once.
    expect(ms.stats().stages).toEqual({ match: series.length, regime: series.length, rules: series.length });
    expect(ms.stats().samples).toBe(series.length);
    ms.close();
  });

  it('push() one sample at a time, then end()', async () => {
    const ms = new Midstream(options());
    const events: MidstreamEvent[] = [];
    for (let t = 0; t < series.length; t++) {
      events.push(...ms.push(series[t]));
      // push() cannot wait: the rules reading regime atoms hold samples until the analyses in flight end.
      if ((t + 1) % 600 === 0) events.push(...(await ms.settle()));
    }
    events.push(...(await ms.end()));
    expect(ordered(withoutSummary(events))).toEqual(expected);
    ms.close();
  });

  it('every kind of source gives the same events: iterable, async iterable, ReadableStream, typed array', async () => {
    const values = Array.from(series);
    function* iterable() {
      yield* values;
    }
    async function* asyncIterable() {
      for (const x of values) yield x;
    }
    const stream = new ReadableStream<number>({
      start(controller) {
        for (const x of values) controller.enqueue(x);
        controller.close();
      },
    });
    for (const source of [iterable(), asyncIterable(), stream, Float64Array.from(values)]) {
      const ms = new Midstream(options());
      expect(ordered(withoutSummary(await collect(ms.run(source))))).toEqual(expected);
      ms.close();
    }
  });

  it('named fields and timestamps: events carry the time of their step', async () => {
    const ms = new Midstream({ fields: ['temp', 'load'], timeField: 't', patterns: { bump: { pattern, threshold: 6, window: 4, field: 'temp' } } });
    const samples = Array.from(series.subarray(0, 1200), (temp, i) => ({ t: 1000 + i / 10, temp, load: -temp }));
    const events = await collect(ms.run(samples));
    const matches = events.filter((e) => e.type === 'match');
    const reference = expected.filter((e) => e.type === 'match' && e.step < 1199);
    expect(matches.slice(0, reference.length).map(({ time, ...rest }) => rest)).toEqual(reference);
    for (const e of events) expect(e.time).toBe(1000 + e.step / 10);
    ms.close();
  });

  it('vector samples (dimension): the pattern reads x1', async () => {
    const ms = new Midstream({ dimension: 2, patterns: { bump: { pattern, threshold: 6, window: 4, field: 'x1' } } });
    const events = withoutSummary(await collect(ms.run(Array.from(series, (x) => [0, x]))));
    expect(events).toEqual(expected.filter((e) => e.type === 'match'));
    expect(ms.fields).toEqual(['x0', 'x1']);
    ms.close();
  });

  it('event shapes: exactly the documented keys', async () => {
    const ms = new Midstream(options());
    const events = await collect(ms.run(series));
    const keys = (type: string) => Object.keys(events.find((e) => e.type === type)!).sort();
    expect(keys('match')).toEqual(['distance', 'end', 'pattern', 'start', 'step', 'type']);
    expect(keys('regime')).toEqual(['confidence', 'lyapunovExponent', 'previous', 'regime', 'step', 'type', 'window']);
    expect(keys('summary')).toEqual(['matches', 'regime', 'regimeChanges', 'samples', 'step', 'type', 'verdicts']);
    const falseVerdict = events.find((e) => e.type === 'verdict' && e.verdict === 'false')!;
    expect(Object.keys(falseVerdict).sort()).toEqual(['counterexample', 'rule', 'step', 'type', 'verdict']);
    ms.close();
  });
});
