import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueueFullError, Scheduler, TaskController, TaskSignal } from '../../src/scheduler/index';
import { FakeClock } from './helpers';

describe('Scheduler argument checks', () => {
  const scheduler = new Scheduler({ clock: new FakeClock().now });
  const noop = () => {};

  it('rejects a non-function callback with a TypeError naming it', () => {
    expect(() => scheduler.postTask('run me' as never)).toThrow(
      new TypeError('postTask: callback must be a function, got string'),
    );
    expect(() => scheduler.schedule(null as never)).toThrow(new TypeError('schedule: callback must be a function, got null'));
  });

  it('rejects an unknown priority: a string not among the choices is a RangeError, another kind a TypeError', () => {
    expect(() => scheduler.postTask(noop, { priority: 'urgent' as never })).toThrow(
      new RangeError("postTask: options.priority must be one of 'user-blocking', 'user-visible', 'background', got \"urgent\""),
    );
    expect(() => scheduler.schedule(noop, { priority: 0 as never })).toThrow(
      new TypeError("schedule: options.priority must be one of 'user-blocking', 'user-visible', 'background', got number"),
    );
  });

  it('rejects a negative, NaN or infinite delay', () => {
    expect(() => scheduler.postTask(noop, { delay: -1 })).toThrow(new RangeError('postTask: options.delay must be >= 0, got -1'));
    expect(() => scheduler.postTask(noop, { delay: NaN })).toThrow(new RangeError('postTask: options.delay must not be NaN'));
    expect(() => scheduler.postTask(noop, { delay: Infinity })).toThrow(/options\.delay must be finite/);
    expect(() => scheduler.postTask(noop, { delay: '5' as never })).toThrow(
      new TypeError('postTask: options.delay must be a number, got string'),
    );
  });

  it('rejects a NaN or -Infinity deadline', () => {
    expect(() => scheduler.schedule(noop, { deadline: NaN })).toThrow(new RangeError('schedule: options.deadline must not be NaN'));
    expect(() => scheduler.schedule(noop, { deadline: -Infinity })).toThrow(RangeError);
  });

  it('rejects bad options, signals, flags and handlers; null options mean the defaults', () => {
    expect(() => scheduler.postTask(noop, 5 as never)).toThrow(new TypeError('postTask: options must be an object, got number'));
    expect(() => scheduler.postTask(noop, [] as never)).toThrow(new TypeError('postTask: options must be an object, got an array'));
    expect(new Scheduler().schedule(noop, null).priority).toBe('user-visible');
    expect(() => scheduler.postTask(noop, { signal: {} as never })).toThrow(
      new TypeError('postTask: options.signal must be an AbortSignal, got object'),
    );
    expect(() => scheduler.postTask(noop, { dropLate: 1 as never })).toThrow(/options\.dropLate must be a boolean/);
    expect(() => scheduler.schedule(noop, { onError: 'log' as never })).toThrow(/schedule: options\.onError must be a function/);
  });

  it('rejects bad constructor options', () => {
    expect(() => new Scheduler({ sliceMs: -1 })).toThrow(new RangeError('new Scheduler: options.sliceMs must be >= 0, got -1'));
    expect(() => new Scheduler({ sliceMs: Infinity })).toThrow(new RangeError('new Scheduler: options.sliceMs must be finite, got Infinity'));
    expect(() => new Scheduler({ sliceMs: NaN })).toThrow(/sliceMs must not be NaN/);
    expect(() => new Scheduler({ clock: 5 as never })).toThrow(TypeError);
    expect(() => new Scheduler({ clock: (() => 'now') as never })).toThrow(
      new TypeError('new Scheduler: options.clock must return a finite number, returned string'),
    );
    expect(() => new Scheduler({ maxQueue: 0 })).toThrow(RangeError);
    expect(() => new Scheduler({ maxQueue: 2.5 })).toThrow(/maxQueue must be a whole number/);
    expect(() => new Scheduler({ agingMs: 0 })).toThrow(RangeError);
    expect(() => new Scheduler({ onError: true as never })).toThrow(TypeError);
    expect(() => new Scheduler('fast' as never)).toThrow(new TypeError('new Scheduler: options must be an object, got string'));
    // null and undefined mean the defaults, as for every options argument in Midstream.
    expect(new Scheduler(null).stats().queued).toBe(0);
  });

  it('accepts an unbound performance.now as the clock', async () => {
    const withNativeClock = new Scheduler({ clock: performance.now });
    await expect(withNativeClock.postTask(() => 'ok', { delay: 1 })).resolves.toBe('ok');
  });

  it('keeps working after rejecting bad input', () => {
    expect(scheduler.stats().scheduled).toBe(0);
    scheduler.schedule(noop);
    expect(scheduler.runUntilIdle()).toBe(1);
  });
});

describe('Scheduler task errors', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    vi.restoreAllMocks();
  });

  it('a throwing task rejects its promise and the loop goes on', async () => {
    const scheduler = new Scheduler();
    const boom = new Error('boom');
    const results = [
      scheduler.postTask(() => 1),
      scheduler.postTask(() => {
        throw boom;
      }),
      scheduler.postTask(() => 3),
    ];
    await expect(results[0]).resolves.toBe(1);
    await expect(results[1]).rejects.toBe(boom);
    await expect(results[2]).resolves.toBe(3);
    expect(scheduler.stats()).toMatchObject({ completed: 2, failed: 1 });
  });

  it('follows a returned promise: its rejection fails the task, its value completes it', async () => {
    const scheduler = new Scheduler();
    const value = scheduler.postTask(async () => {
      await null;
      return 'later';
    });
    const failure = scheduler.postTask(() => Promise.reject(new Error('async boom')));
    await expect(value).resolves.toBe('later');
    await expect(failure).rejects.toThrow('async boom');
    await scheduler.drain();
    expect(scheduler.stats()).toMatchObject({ completed: 1, failed: 1 });
  });

  it('schedule(): errors go to the task onError, else the scheduler onError, never unhandled', async () => {
    const schedulerErrors: unknown[] = [];
    const scheduler = new Scheduler({ onError: (error) => schedulerErrors.push(error) });
    const taskErrors: unknown[] = [];
    const first = new Error('first');
    const second = new Error('second');
    const handle = scheduler.schedule(
      () => {
        throw first;
      },
      { onError: (error, task) => taskErrors.push(error, task.status) },
    );
    scheduler.schedule(() => {
      throw second;
    });
    scheduler.schedule(() => Promise.reject(new Error('async')));
    let after = false;
    scheduler.schedule(() => (after = true));
    await scheduler.drain();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(taskErrors).toEqual([first, 'failed']);
    expect(handle.status).toBe('failed');
    expect(schedulerErrors).toHaveLength(2);
    expect(schedulerErrors[0]).toBe(second);
    expect((schedulerErrors[1] as Error).message).toBe('async');
    expect(after).toBe(true);
    expect(unhandled).toEqual([]);
    expect(scheduler.stats()).toMatchObject({ failed: 3, completed: 1 });
  });

  it('schedule() without any onError reports to console.error (Node has no reportError)', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const scheduler = new Scheduler();
    const error = new Error('nobody listens');
    scheduler.schedule(() => {
      throw error;
    });
    await scheduler.drain();
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleError.mock.calls[0]).toContain(error);
    expect(unhandled).toEqual([]);
  });

  it('an onError that throws is reported and the loop still goes on', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const scheduler = new Scheduler({
      onError: () => {
        throw new Error('handler broke');
      },
    });
    scheduler.schedule(() => {
      throw new Error('task broke');
    });
    await expect(scheduler.postTask(() => 'still running')).resolves.toBe('still running');
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(unhandled).toEqual([]);
  });

  it('maxQueue: postTask rejects and schedule throws a QueueFullError, then accepts again', async () => {
    const scheduler = new Scheduler({ maxQueue: 2 });
    const a = scheduler.postTask(() => 'a');
    scheduler.schedule(() => {}, { delay: 1 }); // delayed tasks count too
    await expect(scheduler.postTask(() => 'c')).rejects.toBeInstanceOf(QueueFullError);
    expect(() => scheduler.schedule(() => {})).toThrow(QueueFullError);
    expect(scheduler.stats()).toMatchObject({ rejected: 2, scheduled: 2, queued: 2 });
    await a;
    await scheduler.drain();
    await expect(scheduler.postTask(() => 'd')).resolves.toBe('d');
  });

  it('runUntilIdle inside a task throws and fails only that task', async () => {
    const scheduler = new Scheduler();
    const inner = scheduler.postTask(() => scheduler.runUntilIdle());
    await expect(inner).rejects.toThrow('runUntilIdle: cannot be called from inside a running task');
    await expect(scheduler.postTask(() => 2)).resolves.toBe(2);
  });
});

describe('every scheduler entry point, the same bad-input kinds (one rule: src/validate.ts)', () => {
  const scheduler = new Scheduler();
  const noop = () => {};
  const controller = new TaskController();
  // [public function as named in messages, argument as named in messages, call with the value]
  const entries: [string, string, (value: unknown) => unknown][] = [
    ['postTask', 'callback', (value) => scheduler.postTask(value as never)],
    ['schedule', 'callback', (value) => scheduler.schedule(value as never)],
    ['postTask', 'options', (value) => scheduler.postTask(noop, value as never)],
    ['yield', 'options', (value) => scheduler.yield(value as never)],
    ['new Scheduler', 'options', (value) => new Scheduler(value as never)],
    ['new TaskController', 'init', (value) => new TaskController(value as never)],
    ['TaskSignal.any', 'init', (value) => TaskSignal.any([], value as never)],
    ['postTask', 'options.priority', (value) => scheduler.postTask(noop, { priority: value as never })],
    ['yield', 'options.priority', (value) => scheduler.yield({ priority: value as never })],
    ['new TaskController', 'init.priority', (value) => new TaskController({ priority: value as never })],
    ['TaskController.setPriority', 'priority', (value) => controller.setPriority(value as never)],
    ['postTask', 'options.delay', (value) => scheduler.postTask(noop, { delay: value as never })],
    ['schedule', 'options.deadline', (value) => scheduler.schedule(noop, { deadline: value as never })],
    ['new Scheduler', 'options.sliceMs', (value) => new Scheduler({ sliceMs: value as never })],
    ['new Scheduler', 'options.maxQueue', (value) => new Scheduler({ maxQueue: value as never })],
    ['new Scheduler', 'options.agingMs', (value) => new Scheduler({ agingMs: value as never })],
    ['postTask', 'options.signal', (value) => scheduler.postTask(noop, { signal: value as never })],
    ['postTask', 'options.dropLate', (value) => scheduler.postTask(noop, { dropLate: value as never })],
    ['schedule', 'options.onError', (value) => scheduler.schedule(noop, { onError: value as never })],
    ['new Scheduler', 'options.clock', (value) => new Scheduler({ clock: value as never })],
    ['new Scheduler', 'options.onError', (value) => new Scheduler({ onError: value as never })],
    ['new Scheduler', 'options.asyncContext', (value) => new Scheduler({ asyncContext: value as never })],
  ];
  const isOptionsObject = (argument: string) => argument === 'options' || argument === 'init';
  // Values of kinds that no entry accepts, except strings for priorities and booleans for dropLate.
  const wrongKinds: unknown[] = [Symbol('s'), 12n, 'text', true];

  for (const [where, argument, call] of entries) {
    it(`${where}: ${argument} of the wrong kind is a TypeError naming both`, () => {
      const accepted = argument.endsWith('priority') || argument.endsWith('asyncContext') ? 'string' : argument.endsWith('dropLate') ? 'boolean' : '';
      for (const value of wrongKinds.filter((candidate) => typeof candidate !== accepted)) {
        let thrown: unknown;
        try {
          call(value);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${String(value)}`).toBeInstanceOf(TypeError);
        expect((thrown as Error).message.startsWith(`${where}: ${argument} must be`)).toBe(true);
      }
    });
  }

  it('values of the right kind out of range or not among the choices are RangeErrors', () => {
    const rangeCases: [string, () => unknown][] = [
      ["postTask: options.priority must be one of 'user-blocking', 'user-visible', 'background', got \"soon\"", () => scheduler.postTask(noop, { priority: 'soon' as never })],
      ['postTask: options.delay must be >= 0, got -1', () => scheduler.postTask(noop, { delay: -1 })],
      ['new Scheduler: options.maxQueue must be a whole number, got 1.5', () => new Scheduler({ maxQueue: 1.5 })],
      ['new Scheduler: options.clock must return a finite number, returned NaN', () => new Scheduler({ clock: () => NaN })],
      ["new Scheduler: options.asyncContext must be one of 'lazy', 'eager', 'off', got \"always\"", () => new Scheduler({ asyncContext: 'always' as never })],
      ["TaskController.setPriority: priority must be one of 'user-blocking', 'user-visible', 'background', got \"later\"", () => controller.setPriority('later' as never)],
    ];
    for (const [message, call] of rangeCases) expect(call).toThrow(new RangeError(message));
  });

  it('null and undefined options mean the defaults everywhere', () => {
    expect(() => new Scheduler(null)).not.toThrow();
    expect(() => new Scheduler(undefined)).not.toThrow();
    expect(new TaskController(null).signal.priority).toBe('user-visible');
    expect(TaskSignal.any([], null).priority).toBe('user-visible');
    expect(scheduler.schedule(noop, null).priority).toBe('user-visible');
    void scheduler.yield(null);
    void scheduler.postTask(noop, undefined);
  });
});
