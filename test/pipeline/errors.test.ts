// Bad input: the error kind, what the message names, and that the pipeline
// goes on as if the bad sample never came.
import { describe, expect, it } from 'vitest';
import { Midstream } from '../../src/index';
import { collect, ordered, twoRegimeSignal, withoutSummary } from './support';

const { series, pattern } = twoRegimeSignal(11, 1000, 0);

describe('Midstream: bad samples', () => {
  it('a sample of the wrong dimension is a RangeError naming the expected and given shape and the step', () => {
    const ms = new Midstream({ dimension: 3 });
    ms.push([1, 2, 3]);
    ms.push([1, 2, 3]);
    expect(() => ms.push([1, 2])).toThrow(RangeError);
    expect(() => ms.push([1, 2])).toThrow(/step 2 has 2 values; expected an array of 3 numbers/);
    expect(() => ms.push(5)).toThrow(RangeError);
    const plain = new Midstream();
    expect(() => plain.push([1, 2])).toThrow(/step 0 is an array of 2; expected a number/);
  });

  it('a sample missing a declared field is a RangeError naming the field, the fields given and the step', () => {
    const ms = new Midstream({ fields: ['temp', 'load'] });
    ms.push({ temp: 1, load: 2 });
    expect(() => ms.push({ temp: 1 })).toThrow(RangeError);
    expect(() => ms.push({ temp: 1 })).toThrow(/step 1 has no field 'load' \(given 'temp'\); expected an object with 'temp', 'load'/);
  });

  it('a non-numeric value is a TypeError; a non-finite number a RangeError', () => {
    const ms = new Midstream({ fields: ['temp'] });
    expect(() => ms.push({ temp: '20' })).toThrow(TypeError);
    expect(() => ms.push({ temp: '20' })).toThrow(/sample.temp at step 0 must be a number, got string/);
    expect(() => ms.push({ temp: NaN })).toThrow(RangeError);
    expect(() => new Midstream().push('1' as never)).toThrow(TypeError);
    expect(() => new Midstream().push(null as never)).toThrow(TypeError);
    expect(() => new Midstream({ dimension: 2 }).push([1, Infinity])).toThrow(/sample\[1\] at step 0 is Infinity/);
  });

  it('after a bad sample the pipeline goes on as if it never came', async () => {
    const clean = new Midstream({ patterns: { bump: { pattern, threshold: 6, window: 4 } } });
    const cleanEvents = [...Array.from(series).flatMap((x) => clean.push(x)), ...(await clean.end())];
    const ms = new Midstream({ patterns: { bump: { pattern, threshold: 6, window: 4 } } });
    const events = [];
    for (let t = 0; t < series.length; t++) {
      if (t % 97 === 0) expect(() => ms.push(Number.NaN)).toThrow(RangeError);
      events.push(...ms.push(series[t]));
    }
    events.push(...(await ms.end()));
    expect(events).toEqual(cleanEvents);
    expect(cleanEvents.filter((e) => e.type === 'match').length).toBeGreaterThan(0);
    expect(ms.stats().samples).toBe(series.length);
  });

  it('run() rejects with a bad sample after yielding the events before it', async () => {
    const ms = new Midstream({ patterns: { bump: { pattern, threshold: 6, window: 4 } } });
    const source = [...Array.from(series), 'oops' as unknown as number, 1, 2];
    const seen = [];
    await expect(async () => {
      for await (const e of ms.run(source)) seen.push(e);
    }).rejects.toThrow(/step 1000 must be a number|step 1000 is string/);
    const reference = new Midstream({ patterns: { bump: { pattern, threshold: 6, window: 4 } } });
    const before = Array.from(series).flatMap((x) => reference.push(x));
    expect(seen).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });
});

describe('Midstream: source errors', () => {
  it('an error in the source rejects run() with that error after every event decided before it', async () => {
    const boom = new Error('sensor unplugged');
    async function* source() {
      for (let t = 0; t < 700; t++) yield series[t];
      throw boom;
    }
    const options = { patterns: { bump: { pattern, threshold: 6, window: 4 } }, regime: { window: 300, every: 300 } };
    const ms = new Midstream(options);
    const seen = [];
    let caught: unknown;
    try {
      for await (const e of ms.run(source())) seen.push(e);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(boom);
    // The same 700 samples pushed and settled: matches and both regime analyses (at steps 299 and 599).
    const reference = new Midstream(options);
    const expected = Array.from(series.subarray(0, 700)).flatMap((x) => reference.push(x));
    expected.push(...(await reference.settle()));
    expect(ordered(seen)).toEqual(ordered(expected));
    expect(seen.filter((e) => e.type === 'regime').length).toBeGreaterThan(0);
    ms.close();
    reference.close();
  });

  it('a source that is not one is a TypeError', async () => {
    const ms = new Midstream();
    await expect(ms.run(42 as never).next()).rejects.toThrow(TypeError);
    await expect(ms.run('123' as never).next()).rejects.toThrow(/source must be an array, an iterable, an async iterable or a ReadableStream, got string/);
  });
});

describe('Midstream: options are checked at construction', () => {
  it('a rule naming an unknown field is rejected when the pipeline is built', () => {
    expect(() => new Midstream({ fields: ['temp'], rules: { hot: 'G (tmp < 80)' } })).toThrow(RangeError);
    expect(() => new Midstream({ fields: ['temp'], rules: { hot: 'G (tmp < 80)' } })).toThrow(/options.rules.hot names 'tmp', which is not a field or derived atom \(known: temp\)/);
    expect(() => new Midstream({ rules: { m: 'F match.spike' } })).toThrow(/names 'match.spike'/);
    expect(() => new Midstream({ rules: { r: 'G !regime.chaotic' } })).toThrow(/names 'regime.chaotic', but there is no options.regime/);
    expect(() => new Midstream({ rules: { bad: 'G (x <' } })).toThrow(SyntaxError);
    expect(() => new Midstream({ rules: { bad: 5 as never } })).toThrow(TypeError);
  });

  it('patterns, regime, fields and the rest', () => {
    expect(() => new Midstream({ fields: ['a', 'b'], patterns: { p: { pattern, threshold: 1 } } })).toThrow(/options.patterns.p.field is required with several fields/);
    expect(() => new Midstream({ fields: ['a'], patterns: { p: { pattern, threshold: 1, field: 'b' } } })).toThrow(/'b' is not a field/);
    expect(() => new Midstream({ patterns: { p: { pattern, threshold: -1 } } })).toThrow(RangeError);
    expect(() => new Midstream({ patterns: { p: { pattern: [], threshold: 1 } } })).toThrow(RangeError);
    expect(() => new Midstream({ patterns: { p: { pattern: 'abc' as never, threshold: 1 } } })).toThrow(TypeError);
    expect(() => new Midstream({ patterns: { p: { pattern } as never } })).toThrow(/threshold is required/);
    expect(() => new Midstream({ fields: [] })).toThrow(RangeError);
    expect(() => new Midstream({ fields: ['a', 'a'] })).toThrow(/twice/);
    expect(() => new Midstream({ fields: ['match'] })).toThrow(RangeError);
    expect(() => new Midstream({ fields: ['a'], dimension: 1 })).toThrow(/not both/);
    expect(() => new Midstream({ dimension: 0 })).toThrow(RangeError);
    expect(() => new Midstream({ timeField: 't' })).toThrow(/needs named fields/);
    expect(() => new Midstream({ regime: { every: 0 } })).toThrow(RangeError);
    expect(() => new Midstream({ regime: { dt: 0 } })).toThrow(RangeError);
    expect(() => new Midstream({ offload: 'yes' as never })).toThrow(TypeError);
    expect(() => new Midstream({ scheduler: {} as never })).toThrow(TypeError);
    expect(() => new Midstream(5 as never)).toThrow(TypeError);
  });

  it('after close() every call but stats() and close() throws', async () => {
    const ms = new Midstream();
    ms.close();
    expect(() => ms.push(1)).toThrow(/closed/);
    await expect(ms.end()).rejects.toThrow(/closed/);
    expect(() => ms.reset()).toThrow(/closed/);
    expect(ms.stats().closed).toBe(true);
    ms.close();
  });

  it('push() after end() needs reset()', async () => {
    const ms = new Midstream();
    ms.push(1);
    await ms.end();
    expect(() => ms.push(2)).toThrow(/reset\(\)/);
    ms.reset();
    expect(ms.push(2)).toEqual([]);
  });
});

describe('Midstream: timeField', () => {
  it('every sample needs its time: a missing time is a RangeError, a non-numeric one a TypeError, an array (no time) a RangeError', () => {
    const ms = new Midstream({ fields: ['temp'], timeField: 't' });
    expect(ms.push({ t: 1, temp: 2 })).toEqual([]);
    expect(() => ms.push({ temp: 2 })).toThrow(/step 1 has no time field 't'; expected an object with 'temp', 't'/);
    expect(() => ms.push({ t: 'now', temp: 2 })).toThrow(TypeError);
    expect(() => ms.push([2])).toThrow(RangeError);
    expect(ms.stats().samples).toBe(1);
  });
});
