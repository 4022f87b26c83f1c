// Ten pipelines on one Scheduler, reset() replay, close() mid-stream, and the
// worker (offload): same events as in the thread, and gone after close().
import { describe, expect, it } from 'vitest';
import { Midstream, Scheduler, type MidstreamEvent } from '../../src/index';
import { wasm } from '../../src/wasm';
import { collect, ordered, threadCount, twoRegimeSignal, withoutSummary } from './support';

const options = (pattern: Float64Array, extra: object = {}) => ({
  patterns: { bump: { pattern, threshold: 6, window: 4 } },
  regime: { window: 400, every: 400 },
  rules: { bounded: 'G (x < 3.5)', calm: 'G (regime.stochastic -> !match.bump)' },
  ...extra,
});

async function until(condition: () => boolean): Promise<void> {
  // Polls the state the test is about; vitest's timeout bounds the wait.
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('Midstream: independent state', () => {
  it('ten pipelines side by side on one Scheduler give the same events as each run alone', async () => {
    const signals = Array.from({ length: 10 }, (_, k) => twoRegimeSignal(100 + k, 800, 400));
    const alone: MidstreamEvent[][] = [];
    for (const { series, pattern } of signals) {
      const ms = new Midstream(options(pattern));
      alone.push(ordered(await collect(ms.run(series))));
      ms.close();
    }
    const scheduler = new Scheduler();
    const pipelines = signals.map(({ pattern }) => new Midstream(options(pattern, { scheduler })));
    const together = await Promise.all(pipelines.map((ms, k) => collect(ms.run(signals[k].series))));
    expect(together.map(ordered)).toEqual(alone);
    // Not vacuous: the signals differ, and so do their events.
    expect(new Set(alone.map((events) => JSON.stringify(events))).size).toBe(10);
    expect(alone.every((events) => events.some((e) => e.type === 'regime'))).toBe(true);
    expect(scheduler.stats().completed).toBeGreaterThan(0);
    for (const ms of pipelines) ms.close();
  });

  it('reset() returns a pipeline to its initial state: the same events on a replay, also after a partial stream', async () => {
    const { series, pattern } = twoRegimeSignal(5, 800, 400);
    const ms = new Midstream(options(pattern));
    const first = await collect(ms.run(series));
    ms.reset();
    expect(ms.stats()).toMatchObject({ samples: 0, stages: { match: 0, regime: 0, rules: 0 }, events: { match: 0, regime: 0, verdict: 0, summary: 0 } });
    const second = await collect(ms.run(series));
    expect(ordered(second)).toEqual(ordered(first));
    ms.reset();
    for (let t = 0; t < 700; t++) ms.push(series[t]); // part of a stream, analyses in flight
    ms.reset();
    expect(ordered(await collect(ms.run(series)))).toEqual(ordered(first));
    ms.close();
  });
});

describe('Midstream: close() and the worker', () => {
  it('offload: the analysis runs in a worker and gives the same events as in the thread', async () => {
    const { series, pattern } = twoRegimeSignal(9, 800, 400);
    const inThread = new Midstream(options(pattern));
    const expected = ordered(await collect(inThread.run(series)));
    inThread.close();
    const offloaded = new Midstream(options(pattern, { offload: true }));
    const events = ordered(await collect(offloaded.run(series)));
    expect(events).toEqual(expected);
    expect(offloaded.stats().regime.mode).toBe('worker');
    expect(inThread.stats().regime.mode).toBe('thread');
    offloaded.close();
  });

  it('close() mid-stream ends run(), stops the source, and no worker stays alive', async () => {
    const { series, pattern } = twoRegimeSignal(3, 800, 400);
    const threadsBefore = threadCount();
    let pulled = 0;
    let sourceFinished = false;
    async function* endless() {
      try {
        for (let t = 0; ; t++) {
          pulled++;
          yield series[t % series.length];
        }
      } finally {
        sourceFinished = true;
      }
    }
    const ms = new Midstream(options(pattern, { offload: true }));
    const seen: MidstreamEvent[] = [];
    for await (const event of ms.run(endless())) {
      seen.push(event);
      if (event.type === 'regime') ms.close();
    }
    expect(seen.at(-1)!.type).toBe('regime'); // nothing after close()
    expect(sourceFinished).toBe(true);
    const pulledAtClose = pulled;
    expect(ms.stats()).toMatchObject({ closed: true, regime: { mode: 'worker' } });
    await until(() => threadCount() <= threadsBefore);
    expect(threadCount()).toBeLessThanOrEqual(threadsBefore);
    expect(pulled).toBe(pulledAtClose);
  });

  it('opening and closing pipelines with workers leaks no threads, JS heap or wasm memory', async () => {
    const { series, pattern } = twoRegimeSignal(4, 800, 400);
    const threadsBefore = threadCount();
    const cycle = async () => {
      const ms = new Midstream(options(pattern, { offload: true }));
      const inThread = new Midstream(options(pattern));
      for (let t = 0; t < 1000; t++) {
        ms.push(series[t]);
        inThread.push(series[t]);
      }
      ms.close(); // analyses in flight are dropped
      inThread.close();
    };
    await cycle();
    await until(() => threadCount() <= threadsBefore);
    const wasmBytes = wasm().memory.buffer.byteLength;
    const heapBefore = process.memoryUsage().heapUsed;
    for (let k = 0; k < 20; k++) await cycle();
    await until(() => threadCount() <= threadsBefore);
    expect(threadCount()).toBeLessThanOrEqual(threadsBefore);
    expect(wasm().memory.buffer.byteLength).toBe(wasmBytes);
    // 20 pipelines' buffers kept alive would be tens of MB; allow GC noise.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(16 * 1024 * 1024);
  });

  it('events from run() with offload, one by one, equal those of push() in the thread', async () => {
    const { series, pattern } = twoRegimeSignal(21, 800, 400);
    const ms = new Midstream(options(pattern));
    const pushed: MidstreamEvent[] = [];
    for (let t = 0; t < series.length; t++) {
      pushed.push(...ms.push(series[t]));
      if ((t + 1) % 400 === 0) pushed.push(...(await ms.settle()));
    }
    pushed.push(...(await ms.end()));
    const offloaded = new Midstream(options(pattern, { offload: true }));
    expect(ordered(withoutSummary(await collect(offloaded.run(series))))).toEqual(ordered(withoutSummary(pushed)));
    ms.close();
    offloaded.close();
  });
});

describe('Midstream: a consumer that stops early', () => {
  it('breaking out of for await stops the source; after reset() a replay gives the full events', async () => {
    const { series, pattern } = twoRegimeSignal(13, 800, 400);
    const full = ordered(await collect(new Midstream(options(pattern)).run(series)));
    let stopped = false;
    function* source() {
      try {
        yield* series;
      } finally {
        stopped = true;
      }
    }
    const ms = new Midstream(options(pattern));
    for await (const event of ms.run(source())) if (event.type === 'match') break;
    expect(stopped).toBe(true);
    expect(ms.stats().samples).toBeLessThan(series.length);
    ms.reset();
    expect(ordered(await collect(ms.run(series)))).toEqual(full);
    ms.close();
  });
});
