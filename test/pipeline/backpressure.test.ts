// run()'s bounded buffers: a slow consumer slows the source instead of filling
// memory, and a long synchronous source still lets the host run between batches.
import { describe, expect, it } from 'vitest';
import { Midstream } from '../../src/index';
import { RUN_BATCH } from '../../src/pipeline/midstream';

const SPIKE = [0, 4, 8, 4, 0];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Midstream.run backpressure', () => {
  it('10^7 samples, a consumer that sleeps: the source is read only as far as the events taken, memory stays flat', async () => {
    const total = 10_000_000;
    const every = 100_000; // a spike every 100,000 samples: 100 matches
    let pulled = 0;
    function* source() {
      for (let t = 0; t < total; t++) {
        pulled++;
        const k = t % every;
        yield k < SPIKE.length ? SPIKE[k] : 0;
      }
    }
    const ms = new Midstream({ patterns: { spike: { pattern: SPIKE, threshold: 0.5 } } });
    const heapAtStart = process.memoryUsage().heapUsed;
    let maxHeapGrowth = 0;
    let matches = 0;
    let maxAhead = 0;
    for await (const event of ms.run(source())) {
      // The pipeline stopped pulling at the sample that decided this event.
      if (event.type === 'match') {
        matches++;
        maxAhead = Math.max(maxAhead, pulled - (event.step + 1));
        if (matches % 10 === 0) {
          await sleep(20); // the slow consumer
          maxHeapGrowth = Math.max(maxHeapGrowth, process.memoryUsage().heapUsed - heapAtStart);
        }
      }
    }
    expect(matches).toBe(total / every);
    expect(maxAhead).toBe(0);
    expect(ms.stats().buffers.maxEvents).toBe(1);
    expect(ms.stats().samples).toBe(total);
    expect(ms.stats().stages.match).toBe(total);
    // Reading all 10^7 samples ahead into a buffer would take hundreds of MB.
    expect(maxHeapGrowth).toBeLessThan(32 * 1024 * 1024);
  });

  it('an async source: one sample at a time, never ahead of the consumer', async () => {
    let pulled = 0;
    async function* source() {
      for (let t = 0; t < 20_000; t++) {
        pulled++;
        yield t % 1000 < SPIKE.length ? SPIKE[t % 1000] : 0;
      }
    }
    const ms = new Midstream({ patterns: { spike: { pattern: SPIKE, threshold: 0.5 } } });
    let maxAhead = 0;
    let matches = 0;
    for await (const event of ms.run(source())) {
      if (event.type !== 'match') continue;
      matches++;
      maxAhead = Math.max(maxAhead, pulled - (event.step + 1));
      await sleep(1);
    }
    expect(matches).toBe(20);
    expect(maxAhead).toBe(0);
  });

  it(`a synchronous source is taken in batches of at most ${RUN_BATCH}, with the host running between them`, async () => {
    let pulled = 0;
    const pulledAtTimer: number[] = [];
    const timer = setInterval(() => pulledAtTimer.push(pulled), 0);
    function* source() {
      for (let t = 0; t < 20 * RUN_BATCH; t++) {
        pulled++;
        yield 0;
      }
    }
    const ms = new Midstream({ patterns: { spike: { pattern: SPIKE, threshold: 0.5 } } });
    for await (const event of ms.run(source())) expect(event.type).toBe('summary');
    clearInterval(timer);
    // Timers fired while the source was being read, not only before or after.
    expect(pulledAtTimer.some((n) => n > 0 && n < 20 * RUN_BATCH)).toBe(true);
  });

  it('the rules hold at most every x (maxPending + 1) samples while waiting for the regime; push() refuses more', async () => {
    const options = { regime: { window: 100, every: 100, maxPending: 1 }, rules: { calm: 'G !regime.chaotic' } };
    const ms = new Midstream(options);
    const limit = 100 * (1 + 1);
    for (let t = 0; t < limit; t++) ms.push(Math.sin(t / 3));
    expect(ms.stats().buffers.heldForRules).toBe(limit - 99); // held from step 99, the first analysis
    for (let t = limit; t < limit + 99; t++) ms.push(Math.sin(t / 3));
    expect(() => ms.push(0)).toThrow(/samples wait for the regime analysis.*settle\(\)/);
    await ms.settle();
    expect(ms.stats().buffers.heldForRules).toBe(0);
    expect(ms.stats().stages.rules).toBe(ms.stats().samples);
    ms.push(0); // room again
    ms.close();
  });

  it('maxPending: push() skips analyses beyond it (counted); run() waits instead and skips none', async () => {
    const signal = Array.from({ length: 1000 }, (_, t) => Math.sin(t / 3));
    const pushed = new Midstream({ regime: { window: 100, every: 100, maxPending: 2 } });
    for (const x of signal) pushed.push(x);
    expect(pushed.stats().regime).toMatchObject({ started: 2, skipped: 8, pending: 2 });
    await pushed.end();
    expect(pushed.stats().regime).toMatchObject({ started: 2, completed: 2, pending: 0 });

    const ran = new Midstream({ regime: { window: 100, every: 100, maxPending: 2 } });
    let maxPending = 0;
    for await (const _ of ran.run(signal)) maxPending = Math.max(maxPending, ran.stats().regime.pending);
    expect(ran.stats().regime).toMatchObject({ started: 10, completed: 10, skipped: 0, pending: 0 });
    expect(maxPending).toBeLessThanOrEqual(2);
  });

  it('regime.window: at least 100 samples; analyses use the last `window` samples', async () => {
    expect(() => new Midstream({ regime: { window: 99 } })).toThrow(RangeError);
    const ms = new Midstream({ regime: { window: 100, every: 250 } });
    const events = [];
    for await (const e of ms.run(Array.from({ length: 500 }, (_, t) => Math.sin(t / 3)))) events.push(e);
    const regime = events.filter((e) => e.type === 'regime');
    expect(regime.length).toBeGreaterThan(0);
    expect(regime[0].window).toEqual([150, 249]);
    expect(ms.stats().regime.started).toBe(2);
  });
});

describe("regime.whenBusy: 'skip'", () => {
  it('run() goes on while analyses are in flight and skips those that fall due meanwhile; every sample still reaches every stage', async () => {
    expect(() => new Midstream({ regime: { whenBusy: 'later' as never } })).toThrow(RangeError);
    const signal = Array.from({ length: 20_000 }, (_, t) => Math.sin(t / 3) + 0.001 * (t % 7));
    // A worker analysing 4,000 points takes far longer than the thread takes to read 100 samples.
    const ms = new Midstream({ regime: { window: 4000, every: 100, maxPending: 1, whenBusy: 'skip' }, offload: true });
    let maxPending = 0;
    for await (const _ of ms.run(signal)) maxPending = Math.max(maxPending, ms.stats().regime.pending);
    const { regime, stages, samples } = ms.stats();
    expect(regime.started + regime.skipped).toBe((20_000 - 4000) / 100 + 1);
    expect(regime.skipped).toBeGreaterThan(0);
    expect(regime.started).toBeGreaterThanOrEqual(1);
    expect(regime.completed).toBe(regime.started);
    expect(maxPending).toBeLessThanOrEqual(1);
    expect(stages.regime).toBe(samples);
    ms.close();
  });
});
