// A finished plain task's record is reused by later tasks (core.ts, recycle). Nothing a user
// holds may notice: handles keep their id, status and priority and cannot cancel a later
// task; onError gets the handle schedule() returned; yield() in code a finished task started
// inherits that task's priority, not that of the task now using its record.
import { describe, expect, it } from 'vitest';
import { Scheduler, type TaskHandle, type TaskPriority } from '../../src/scheduler/index';
import { mulberry32, PRIORITIES, randomInt, yieldPriority } from './helpers';

describe('reused task records', () => {
  it('handles of finished tasks keep their id, status and priority, and cancel nothing', () => {
    const random = mulberry32(16);
    const scheduler = new Scheduler({ onError: () => {} });
    const expected: { handle: TaskHandle; id: number; status: string; priority: TaskPriority }[] = [];
    for (let round = 0; round < 4; round++) {
      const ran: number[] = [];
      const posted: TaskHandle[] = [];
      for (let i = 0; i < 200; i++) {
        const priority = PRIORITIES[randomInt(random, 3)];
        const fails = randomInt(random, 5) === 0;
        const handle = scheduler.schedule(
          () => {
            ran.push(i);
            if (fails) throw new Error(`task ${i}`);
          },
          { priority },
        );
        posted.push(handle);
        expected.push({ handle, id: handle.id, status: fails ? 'failed' : 'completed', priority });
      }
      // Every handle from earlier rounds now shows a record that later tasks took over.
      for (const old of expected.slice(0, round * 200)) expect(old.handle.cancel()).toBe(false);
      scheduler.runUntilIdle();
      expect(ran.sort((a, b) => a - b)).toEqual(posted.map((_, i) => i)); // none was cancelled
    }
    for (const { handle, id, status, priority } of expected) {
      expect({ id: handle.id, status: handle.status, priority: handle.priority }).toEqual({ id, status, priority });
    }
    expect(new Set(expected.map(({ id }) => id)).size).toBe(expected.length);
  });

  it("a task's onError receives the very handle schedule() returned", () => {
    const received: TaskHandle[] = [];
    const scheduler = new Scheduler({ onError: (_error, handle) => received.push(handle) });
    const handles = [0, 1, 2].map(() =>
      scheduler.schedule(() => {
        throw new Error('x');
      }),
    );
    scheduler.runUntilIdle();
    expect(received).toHaveLength(3);
    received.forEach((handle, i) => {
      expect(handle).toBe(handles[i]);
      expect(handle.status).toBe('failed');
    });
  });

  it("yield() in a promise job of a finished task inherits that task's priority after its record is reused", async () => {
    const scheduler = new Scheduler({ asyncContext: 'eager' });
    const noop = () => {};
    let inherited!: Promise<TaskPriority>;
    scheduler.schedule(
      () => {
        inherited = new Promise<void>((resolve) => setTimeout(resolve, 1)).then(async () => {
          // The background task has finished; these take over its record, at 'user-blocking'.
          for (let i = 0; i < 8; i++) scheduler.schedule(noop, { priority: 'user-blocking' });
          return yieldPriority(scheduler);
        });
      },
      { priority: 'background' },
    );
    await scheduler.drain();
    expect(await inherited).toBe('background');
  });
});
