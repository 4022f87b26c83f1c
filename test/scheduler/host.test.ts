import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/scheduler/index';
import { FakeClock } from './helpers';

/** Burns about `microseconds` of CPU, standing in for a small piece of real work. */
function spin(microseconds: number): void {
  const until = performance.now() + microseconds / 1000;
  while (performance.now() < until) {
    // busy
  }
}

describe('Scheduler and the host event loop', () => {
  it('stays responsive: setImmediate, timer and I/O callbacks run while 100,000 tasks are queued', async () => {
    const scheduler = new Scheduler({ sliceMs: 5 });
    const total = 100_000;
    let ran = 0;
    for (let i = 0; i < total; i++) {
      scheduler.schedule(() => {
        ran++;
        spin(1);
      });
    }
    expect(scheduler.stats().queued).toBe(total);

    const queuedWhenImmediateRan = await new Promise<number>((resolve) => setImmediate(() => resolve(scheduler.stats().queued)));
    const queuedWhenTimerRan = await new Promise<number>((resolve) => setTimeout(() => resolve(scheduler.stats().queued), 0));
    await readFile(new URL(import.meta.url));
    const queuedAfterIo = scheduler.stats().queued;
    expect(queuedWhenImmediateRan).toBeGreaterThan(total / 2);
    expect(queuedWhenTimerRan).toBeGreaterThan(0);
    // A timer already due runs in the timers phase, before that turn's slice, so it
    // may see the queue as the immediate left it; a read of a file takes several
    // loop turns (open, stat, read, close), and slices run in between.
    expect(queuedWhenTimerRan).toBeLessThanOrEqual(queuedWhenImmediateRan);
    expect(queuedAfterIo).toBeGreaterThan(0);
    expect(queuedAfterIo).toBeLessThan(queuedWhenImmediateRan);

    // A 1 ms interval keeps ticking while the rest drains; no gap is much longer than a slice.
    let last = performance.now();
    let longestGap = 0;
    let ticks = 0;
    const interval = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 1);
    await scheduler.drain();
    clearInterval(interval);
    expect(ran).toBe(total);
    expect(ticks).toBeGreaterThan(5);
    expect(longestGap).toBeLessThan(100); // slices are 5 ms; generous for a loaded CI machine
    expect(scheduler.stats()).toMatchObject({ completed: total, queued: 0 });
  });

  it('runs one slice of at most sliceMs per host turn', async () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now, sliceMs: 5 });
    // Count host turns with a setImmediate chain that runs once per event-loop iteration.
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const turns: number[] = [];
    for (let i = 0; i < 23; i++) {
      scheduler.schedule(() => {
        turns.push(turn);
        clock.advance(1); // each task takes 1 ms of fake time
      });
    }
    await scheduler.drain();
    counting = false;
    const perTurn = new Map<number, number>();
    for (const t of turns) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect([...perTurn.values()]).toEqual([5, 5, 5, 5, 3]);
  });

  it('sliceMs 0 runs one task per host turn', async () => {
    const scheduler = new Scheduler({ clock: new FakeClock().now, sliceMs: 0 });
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const turns: number[] = [];
    for (let i = 0; i < 4; i++) scheduler.schedule(() => turns.push(turn));
    await scheduler.drain();
    counting = false;
    expect(new Set(turns).size).toBe(4);
  });

  it('shouldYield() tells a long task when its slice is used up', async () => {
    const scheduler = new Scheduler({ sliceMs: 2 });
    expect(scheduler.shouldYield()).toBe(false); // outside a run
    const spentMs = await scheduler.postTask(() => {
      const started = performance.now();
      while (!scheduler.shouldYield()) spin(10);
      return performance.now() - started;
    });
    expect(spentMs).toBeGreaterThanOrEqual(1.5);
    expect(spentMs).toBeLessThan(50);
  });

  it('uses one timer for many delayed tasks and runs them in due order', async () => {
    // A fake clock makes due times exact: all 1,000 tasks are posted at t=0.
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now });
    const realSetTimeout = globalThis.setTimeout;
    let timersArmed = 0;
    globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      timersArmed++;
      return realSetTimeout(...args);
    }) as typeof setTimeout;
    const ran: number[] = [];
    const due = (i: number) => 5 + ((i * 7) % 10);
    try {
      for (let i = 0; i < 1000; i++) scheduler.schedule(() => ran.push(i), { delay: due(i) });
      // Re-armed only when a new task is due before the armed one: 5, then never again.
      expect(timersArmed).toBe(1);
      clock.advance(20); // the real timer fires after ~5 ms and finds every task due
      await scheduler.drain();
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    expect(timersArmed).toBe(1);
    expect(ran).toEqual(Array.from({ length: 1000 }, (_, i) => i).sort((a, b) => due(a) - due(b) || a - b));
    const { latency } = scheduler.stats();
    expect(latency.count).toBe(1000);
    expect(latency.max).toBe(15); // due at 5, started at 20
  });
});
