import { describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../src/scheduler/index';
import { FakeClock } from './helpers';

describe('Scheduler cancellation', () => {
  it('handle.cancel() before the run: the task never runs', () => {
    const scheduler = new Scheduler({ clock: new FakeClock().now });
    const ran: string[] = [];
    const a = scheduler.schedule(() => ran.push('a'));
    const b = scheduler.schedule(() => ran.push('b'));
    expect(b.status).toBe('queued');
    expect(b.cancel()).toBe(true);
    expect(b.cancel()).toBe(false); // only once
    expect(b.status).toBe('cancelled');
    scheduler.runUntilIdle();
    expect(ran).toEqual(['a']);
    expect(a.status).toBe('completed');
    expect(a.cancel()).toBe(false); // too late
    expect(scheduler.stats()).toMatchObject({ scheduled: 2, completed: 1, cancelled: 1, queued: 0 });
  });

  it('an aborted signal rejects postTask with the signal reason and the task never runs', async () => {
    const scheduler = new Scheduler();
    const controller = new AbortController();
    const callback = vi.fn();
    const promise = scheduler.postTask(callback, { signal: controller.signal });
    const reason = { why: 'user left the page' };
    controller.abort(reason);
    await expect(promise).rejects.toBe(reason);
    await scheduler.drain();
    expect(callback).not.toHaveBeenCalled();
    expect(scheduler.stats()).toMatchObject({ scheduled: 1, cancelled: 1, completed: 0 });
  });

  it('abort without a reason rejects with an AbortError', async () => {
    const scheduler = new Scheduler();
    const controller = new AbortController();
    const promise = scheduler.postTask(() => 1, { signal: controller.signal });
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('an already aborted signal: postTask rejects at once, schedule returns a cancelled handle', async () => {
    const scheduler = new Scheduler();
    const callback = vi.fn();
    const signal = AbortSignal.abort('gone');
    await expect(scheduler.postTask(callback, { signal })).rejects.toBe('gone');
    const handle = scheduler.schedule(callback, { signal });
    expect(handle.status).toBe('cancelled');
    await scheduler.drain();
    expect(callback).not.toHaveBeenCalled();
    expect(scheduler.stats()).toMatchObject({ scheduled: 0, queued: 0 });
  });

  it('cancels during a run: a running task cancels and aborts tasks queued behind it', async () => {
    const scheduler = new Scheduler();
    const ran: string[] = [];
    const controller = new AbortController();
    let laterHandle: ReturnType<Scheduler['schedule']> | undefined;
    let selfHandle: ReturnType<Scheduler['schedule']> | undefined;
    let selfCancel: boolean | undefined;
    selfHandle = scheduler.schedule(() => {
      ran.push('canceller');
      expect(laterHandle?.cancel()).toBe(true);
      controller.abort('stop');
      selfCancel = selfHandle?.cancel(); // a running task cannot be cancelled
    });
    laterHandle = scheduler.schedule(() => ran.push('cancelled by handle'));
    const aborted = scheduler.postTask(() => ran.push('aborted by signal'), { signal: controller.signal });
    const survivor = scheduler.postTask(() => ran.push('survivor'));
    await expect(aborted).rejects.toBe('stop');
    await survivor;
    await scheduler.drain();
    expect(ran).toEqual(['canceller', 'survivor']);
    expect(selfCancel).toBe(false);
    expect(selfHandle.status).toBe('completed');
    expect(scheduler.stats()).toMatchObject({ scheduled: 4, completed: 2, cancelled: 2, queued: 0 });
  });

  it('aborting after an async callback returned does not change its outcome', async () => {
    const scheduler = new Scheduler();
    const controller = new AbortController();
    const promise = scheduler.postTask(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        controller.abort('too late');
        return 'finished';
      },
      { signal: controller.signal },
    );
    await expect(promise).resolves.toBe('finished');
    expect(scheduler.stats()).toMatchObject({ completed: 1, cancelled: 0 });
  });

  it('aborting during the synchronous run rejects postTask with the reason (as the browser does)', async () => {
    const scheduler = new Scheduler();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (const callback of [() => 'sync result', async () => 'async result', async () => Promise.reject(new Error('ignored'))]) {
        const controller = new AbortController();
        const ran = vi.fn();
        const promise = scheduler.postTask(
          () => {
            ran();
            controller.abort('stop');
            return callback();
          },
          { signal: controller.signal },
        );
        await expect(promise).rejects.toBe('stop');
        expect(ran).toHaveBeenCalledTimes(1);
      }
      // schedule() has no promise to reject: its task simply completed.
      const controller = new AbortController();
      const handle = scheduler.schedule(() => controller.abort(), { signal: controller.signal });
      await scheduler.drain();
      expect(handle.status).toBe('completed');
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(unhandled).toEqual([]);
      expect(scheduler.stats()).toMatchObject({ cancelled: 3, completed: 1, failed: 0 });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('removes its abort listener when the task settles', async () => {
    const scheduler = new Scheduler();
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await scheduler.postTask(() => 1, { signal: controller.signal });
    expect(add).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledTimes(1);
    expect(remove.mock.calls[0][1]).toBe(add.mock.calls[0][1]);
    controller.abort(); // nothing is listening: no rejection, no error
    expect(scheduler.stats()).toMatchObject({ completed: 1, cancelled: 0 });
  });

  it('cancelling the only delayed task drops its timer, so drain resolves at once', async () => {
    const scheduler = new Scheduler();
    const callback = vi.fn();
    const handle = scheduler.schedule(callback, { delay: 60_000 });
    expect(handle.status).toBe('delayed');
    expect(scheduler.stats().queued).toBe(1);
    handle.cancel();
    const started = performance.now();
    await scheduler.drain();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(callback).not.toHaveBeenCalled();
    expect(scheduler.stats()).toMatchObject({ queued: 0, cancelled: 1 });
  });

  it('a cancelled delayed task is skipped while its neighbours still run on time', async () => {
    const scheduler = new Scheduler();
    const ran: number[] = [];
    const handles = [5, 1, 3, 2, 4].map((delay) => scheduler.schedule(() => ran.push(delay), { delay }));
    handles[1].cancel(); // delay 1: the one the timer is armed for
    handles[4].cancel(); // delay 4
    await scheduler.drain();
    expect(ran).toEqual([2, 3, 5]);
  });

  it('the timeout pattern: thousands of delayed tasks cancelled, the rest still run in due order', () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now });
    const ran: number[] = [];
    const delayOf = (i: number) => 1000 + ((i * 7919) % 5000);
    const handles = Array.from({ length: 5000 }, (_, i) => scheduler.schedule(() => ran.push(i), { delay: delayOf(i) }));
    const kept: number[] = [];
    handles.forEach((handle, i) => {
      if (i % 50 === 0) kept.push(i);
      else handle.cancel();
    });
    expect(scheduler.stats()).toMatchObject({ queued: kept.length, cancelled: 5000 - kept.length });
    clock.advance(10_000);
    scheduler.runUntilIdle();
    expect(ran).toEqual(kept.sort((a, b) => delayOf(a) - delayOf(b) || a - b));
  });

  it('cancelling many of a large queue keeps the counts right', () => {
    const scheduler = new Scheduler({ clock: new FakeClock().now });
    let runs = 0;
    const handles = Array.from({ length: 10_000 }, (_, i) =>
      scheduler.schedule(() => runs++, { priority: i % 2 ? 'background' : 'user-blocking', deadline: i % 3 ? undefined : i }),
    );
    let cancelled = 0;
    handles.forEach((handle, i) => {
      if (i % 7 < 3 && handle.cancel()) cancelled++;
    });
    expect(scheduler.stats().queued).toBe(10_000 - cancelled);
    expect(scheduler.runUntilIdle()).toBe(10_000 - cancelled);
    expect(runs).toBe(10_000 - cancelled);
    expect(scheduler.stats()).toMatchObject({ queued: 0, cancelled, completed: runs });
  });
});
