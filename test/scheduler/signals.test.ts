// TaskController / TaskSignal / yield() beyond the WPT tests (test/scheduler/wpt/):
// argument errors under Midstream's rule, deadlines and delays with a signal's priority,
// cancellation of continuations, and the handle exposing nothing of the record.
import { describe, expect, it } from 'vitest';
import { Scheduler, TaskController, TaskPriorityChangeEvent, TaskSignal } from '../../src/scheduler/index';
import { FakeClock } from './helpers';

describe('TaskController and TaskSignal', () => {
  it('are an AbortController and an AbortSignal with a priority', () => {
    const controller = new TaskController({ priority: 'background' });
    expect(controller).toBeInstanceOf(AbortController);
    expect(controller.signal).toBeInstanceOf(AbortSignal);
    expect(controller.signal).toBeInstanceOf(TaskSignal);
    expect(controller.signal.priority).toBe('background');
    expect(new TaskController().signal.priority).toBe('user-visible');
    expect(new TaskController(null).signal.priority).toBe('user-visible');
    controller.abort('why');
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBe('why');
  });

  it('reject bad priorities under the rule: wrong kind TypeError, unknown name RangeError', () => {
    expect(() => new TaskController({ priority: 'urgent' as never })).toThrow(
      new RangeError("new TaskController: init.priority must be one of 'user-blocking', 'user-visible', 'background', got \"urgent\""),
    );
    expect(() => new TaskController({ priority: 1 as never })).toThrow(TypeError);
    expect(() => new TaskController('fast' as never)).toThrow(new TypeError('new TaskController: init must be an object, got string'));
    const controller = new TaskController();
    expect(() => controller.setPriority('later' as never)).toThrow(RangeError);
    expect(() => controller.setPriority(undefined as never)).toThrow(TypeError);
    expect(() => TaskSignal.any([], { priority: 'soon' as never })).toThrow(RangeError);
    expect(() => new (TaskSignal as unknown as new () => unknown)()).toThrow(TypeError);
    expect(() => Reflect.get(TaskSignal.prototype, 'priority', new AbortController().signal)).toThrow(TypeError);
  });

  it('setPriority fires prioritychange with previousPriority, and not when the priority stays', () => {
    const controller = new TaskController();
    const events: [string, string][] = [];
    controller.signal.addEventListener('prioritychange', (event) => {
      expect(event).toBeInstanceOf(TaskPriorityChangeEvent);
      events.push([(event as TaskPriorityChangeEvent).previousPriority, controller.signal.priority]);
    });
    controller.setPriority('background');
    controller.setPriority('background');
    controller.setPriority('user-blocking');
    expect(events).toEqual([
      ['user-visible', 'background'],
      ['background', 'user-blocking'],
    ]);
  });

  it('a task with a deadline moves with its signal and keeps earliest-deadline-first order', () => {
    const clock = new FakeClock();
    const scheduler = new Scheduler({ clock: clock.now });
    const controller = new TaskController({ priority: 'background' });
    const order: string[] = [];
    scheduler.schedule(() => order.push('late deadline'), { signal: controller.signal, deadline: 50 });
    scheduler.schedule(() => order.push('early deadline'), { signal: controller.signal, deadline: 10 });
    scheduler.schedule(() => order.push('user-visible'));
    scheduler.schedule(() => order.push('user-blocking, deadline 30'), { priority: 'user-blocking', deadline: 30 });
    controller.setPriority('user-blocking');
    scheduler.runUntilIdle();
    expect(order).toEqual(['early deadline', 'user-blocking, deadline 30', 'late deadline', 'user-visible']);
  });

  it('moved tasks keep their posting order among the tasks of their new priority', () => {
    const scheduler = new Scheduler({ clock: new FakeClock().now });
    const controller = new TaskController({ priority: 'background' });
    const order: number[] = [];
    scheduler.schedule(() => order.push(1), { priority: 'user-blocking' });
    scheduler.schedule(() => order.push(2), { signal: controller.signal });
    scheduler.schedule(() => order.push(3), { priority: 'user-blocking' });
    scheduler.schedule(() => order.push(4), { signal: controller.signal });
    controller.setPriority('user-blocking');
    expect(scheduler.runUntilIdle()).toBe(4);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('an explicit priority wins: the task does not follow the signal, which still aborts it', async () => {
    const scheduler = new Scheduler();
    const controller = new TaskController({ priority: 'user-blocking' });
    const handle = scheduler.schedule(() => {}, { priority: 'background', signal: controller.signal });
    controller.setPriority('user-visible');
    expect(handle.priority).toBe('background');
    controller.abort();
    expect(handle.status).toBe('cancelled');
  });
});

describe('yield()', () => {
  it('an aborted continuation rejects with the reason and never resumes', async () => {
    const scheduler = new Scheduler();
    const controller = new AbortController();
    const steps: string[] = [];
    const task = scheduler.postTask(async () => {
      const wait = scheduler.yield({ signal: controller.signal });
      controller.abort('stop waiting');
      await wait.catch((reason) => steps.push(`rejected: ${reason}`));
      return 'done';
    });
    await expect(task).resolves.toBe('done');
    expect(steps).toEqual(['rejected: stop waiting']);
    await expect(scheduler.yield({ signal: controller.signal })).rejects.toBe('stop waiting');
  });

  it('outside any task it is a user-visible continuation ahead of user-visible tasks', async () => {
    const scheduler = new Scheduler();
    const order: string[] = [];
    const tasks = [
      scheduler.postTask(() => order.push('background'), { priority: 'background' }),
      scheduler.postTask(() => order.push('user-visible')),
      scheduler.yield().then(() => order.push('continuation')),
    ];
    await Promise.all(tasks);
    expect(order).toEqual(['continuation', 'user-visible', 'background']);
  });

  it('checks its options under the rule', () => {
    const scheduler = new Scheduler();
    expect(() => scheduler.yield({ priority: 'soon' as never })).toThrow(RangeError);
    expect(() => scheduler.yield({ priority: 3 as never })).toThrow(TypeError);
    expect(() => scheduler.yield({ signal: 'mine' as never })).toThrow(new TypeError('yield: options.signal must be an AbortSignal, got string'));
    expect(() => scheduler.yield(7 as never)).toThrow(TypeError);
  });
});

describe('TaskHandle', () => {
  it('has id, status, priority and cancel, and nothing that leads to the task record', () => {
    const scheduler = new Scheduler({ clock: new FakeClock().now });
    const callback = () => 'secret';
    const first = scheduler.schedule(callback);
    const second = scheduler.schedule(callback, { priority: 'background' });
    expect([first.id, second.id]).toEqual([1, 2]);
    expect(second).toMatchObject({ status: 'queued', priority: 'background' });
    // Walk everything reachable through the handle's own properties: no callback, no record.
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
      seen.add(value);
      for (const key of Reflect.ownKeys(value as object)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        if (descriptor && 'value' in descriptor) walk(descriptor.value);
      }
    };
    walk(second);
    expect(seen.has(callback)).toBe(false);
    expect([...seen].some((value) => typeof value === 'object' && value !== null && 'callback' in value)).toBe(false);
    expect('cancelTask' in scheduler).toBe(false);
    expect(second.cancel()).toBe(true);
    expect(second.status).toBe('cancelled');
    scheduler.runUntilIdle();
    expect(first.status).toBe('completed');
  });
});
