// yield() inherits its task's priority and signal through promise jobs (src/scheduler/context.ts),
// beyond what WPT checks: nesting, abort after the task ended, no leak into code outside the
// task, several schedulers, and asyncContext 'off'. The default 'lazy' rule has its own file
// (context-lazy.test.ts), since it depends on what ran before in the module.
import { describe, expect, it } from 'vitest';
import { Scheduler, TaskController, type TaskPriority } from '../../src/scheduler/index';
import { yieldPriority } from './helpers';

const timer = (ms = 1) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("yield() through promise jobs (asyncContext 'eager')", () => {
  it('inherits priority and signal across an await of a pending promise', async () => {
    const scheduler = new Scheduler({ asyncContext: 'eager' });
    const controller = new TaskController({ priority: 'background' });
    const reason = new Error('stop');
    const seen = await scheduler.postTask(
      async () => {
        await timer();
        const priority = await yieldPriority(scheduler);
        controller.setPriority('user-blocking');
        await timer();
        const followed = await yieldPriority(scheduler);
        await timer();
        controller.abort(reason);
        const outcome = await scheduler.yield().then(
          () => 'resolved',
          (error: unknown) => error,
        );
        return { priority, followed, outcome };
      },
      { signal: controller.signal },
    ).catch((error: unknown) => ({ rejected: error }));
    // The task itself was aborted while it waited on the promise; its yield() still inherited.
    expect(seen).toEqual({ priority: 'background', followed: 'user-blocking', outcome: reason });
  });

  it('inherits in queueMicrotask and in then() callbacks, bound where then() is called', async () => {
    const scheduler = new Scheduler({ asyncContext: 'eager' });
    let resolveOutside!: () => void;
    const boundOutside = new Promise<void>((resolve) => (resolveOutside = resolve)).then(() => yieldPriority(scheduler));
    const [inMicrotask, inThen] = await scheduler.postTask(
      () => {
        resolveOutside(); // its reaction was bound outside any task
        const microtask = new Promise<TaskPriority>((resolve) => queueMicrotask(() => resolve(yieldPriority(scheduler))));
        const reaction = Promise.resolve().then(() => yieldPriority(scheduler));
        return Promise.all([microtask, reaction]);
      },
      { priority: 'background' },
    );
    expect(inMicrotask).toBe('background');
    expect(inThen).toBe('background');
    expect(await boundOutside).toBe('user-visible');
  });

  it("a task posted inside a task has its own context, and the outer task's comes back after", async () => {
    const scheduler = new Scheduler({ asyncContext: 'eager' });
    const outer = new TaskController({ priority: 'background' });
    const result = await scheduler.postTask(
      async () => {
        const inner = scheduler.postTask(
          async () => {
            await timer();
            outer.abort(new Error('outer only'));
            const priority = await yieldPriority(scheduler);
            return priority; // the outer signal's abort does not reach the inner task's yield()
          },
          { priority: 'user-blocking' },
        );
        const innerPriority = await inner;
        const outerYield = await scheduler.yield().then(
          () => 'resolved',
          (error: Error) => error.message,
        );
        return { innerPriority, outerYield };
      },
      { signal: outer.signal },
    ).catch((error: Error) => ({ outerRejected: error.message }));
    expect(result).toEqual({ innerPriority: 'user-blocking', outerYield: 'outer only' });
  });

  it('a promise job that outlives its task still inherits its priority and signal', async () => {
    const scheduler = new Scheduler({ asyncContext: 'eager' });
    const controller = new TaskController({ priority: 'background' });
    let openFirst!: () => void;
    let openSecond!: () => void;
    const first = new Promise<void>((resolve) => (openFirst = resolve));
    const second = new Promise<void>((resolve) => (openSecond = resolve));
    let priority!: Promise<TaskPriority>;
    let outcome!: Promise<unknown>;
    const handle = scheduler.schedule(
      () => {
        // Reactions bound here, in the task; they run after it has completed.
        priority = first.then(() => yieldPriority(scheduler));
        outcome = second.then(() => scheduler.yield()).then(
          () => 'resolved',
          (error: unknown) => error,
        );
      },
      { signal: controller.signal },
    );
    await scheduler.drain();
    expect(handle.status).toBe('completed');
    openFirst();
    expect(await priority).toBe('background');
    const reason = new Error('after the end');
    controller.abort(reason);
    openSecond();
    expect(await outcome).toBe(reason);
  });

  it('nothing leaks to code outside the task: the caller, timers, runUntilIdle callers, other schedulers', async () => {
    const scheduler = new Scheduler({ asyncContext: 'eager' });
    const other = new Scheduler({ asyncContext: 'eager' });
    const controller = new TaskController({ priority: 'background' });
    let fromTimer!: Promise<TaskPriority>;
    let fromOther!: Promise<TaskPriority>;
    await scheduler.postTask(
      async () => {
        await timer();
        fromTimer = new Promise((resolve) => setTimeout(() => resolve(yieldPriority(scheduler))));
        fromOther = yieldPriority(other); // another scheduler's yield() knows nothing of this task
      },
      { signal: controller.signal },
    );
    controller.abort();
    expect(await yieldPriority(scheduler)).toBe('user-visible'); // the awaiting caller
    expect(await fromTimer).toBe('user-visible');
    expect(await fromOther).toBe('user-visible');

    // Tasks run synchronously from the caller's code leave the caller's context as it was.
    const synchronous = new Scheduler({ asyncContext: 'eager' });
    synchronous.postTask(() => timer().then(() => yieldPriority(synchronous)), { priority: 'background' }).catch(() => {});
    synchronous.runUntilIdle();
    expect(await yieldPriority(synchronous)).toBe('user-visible'); // raced on the host's turns
    await synchronous.drain();
  });
});

describe("asyncContext 'off'", () => {
  it('yield() knows the task only synchronously and where an awaited yield() resumes', async () => {
    const scheduler = new Scheduler({ asyncContext: 'off' });
    const seen = await scheduler.postTask(
      async () => {
        const synchronous = yieldPriority(scheduler); // called before the first await
        const first = await synchronous;
        await timer();
        const afterTimer = await yieldPriority(scheduler);
        return { first, afterTimer };
      },
      { priority: 'background' },
    );
    expect(seen).toEqual({ first: 'background', afterTimer: 'user-visible' });
  });
});
