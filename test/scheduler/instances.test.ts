// Several Scheduler instances on one thread: the decided behaviour (README, "Several
// schedulers on one thread"). Each instance is its own queue; instances take host turns
// in the order they asked for them, each running a slice of its own tasks in its own
// order. Priorities order tasks within an instance, not across instances (unlike WPT's
// post-task-multiple-scheduler-order.window.js, which expects one order across a
// window's and an iframe's schedulers).
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/scheduler/index';

describe('several Scheduler instances on one thread', () => {
  it('same priority: the instance that asked for a turn first runs first (as WPT expects)', async () => {
    const outer = new Scheduler();
    const inner = new Scheduler();
    const order: string[] = [];
    await Promise.all([outer.postTask(() => order.push('outer')), inner.postTask(() => order.push('inner'))]);
    expect(order).toEqual(['outer', 'inner']);
  });

  it('priorities do not reach across instances: a user-blocking task of a later instance waits for the earlier slice', async () => {
    const first = new Scheduler();
    const second = new Scheduler();
    const order: string[] = [];
    await Promise.all([
      first.postTask(() => order.push('first: background'), { priority: 'background' }),
      second.postTask(() => order.push('second: user-blocking'), { priority: 'user-blocking' }),
      first.postTask(() => order.push('first: user-visible')),
    ]);
    expect(order).toEqual(['first: user-visible', 'first: background', 'second: user-blocking']);
  });

  it('instances share the thread fairly: slices alternate while both have work', async () => {
    // sliceMs 0: one task per host turn, so the turns show.
    const a = new Scheduler({ sliceMs: 0 });
    const b = new Scheduler({ sliceMs: 0 });
    const order: string[] = [];
    const tasks = [];
    for (let i = 0; i < 3; i++) {
      tasks.push(a.postTask(() => order.push(`a${i}`), { priority: 'background' }));
      tasks.push(b.postTask(() => order.push(`b${i}`), { priority: 'user-blocking' }));
    }
    await Promise.all(tasks);
    expect(order).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
  });

  it('a flood in one instance does not hold back another instance for more than a slice', async () => {
    const busy = new Scheduler();
    const quiet = new Scheduler();
    let busyRan = 0;
    for (let i = 0; i < 50_000; i++) busy.schedule(() => busyRan++);
    const ranBefore = await quiet.postTask(() => busyRan);
    expect(ranBefore).toBeGreaterThan(0);
    expect(ranBefore).toBeLessThan(50_000);
    await busy.drain();
  });
});
