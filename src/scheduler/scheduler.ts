// The public Scheduler: argument checks, promises and handles over the engine in core.ts.

import { checkAbortSignal, checkFunction, checkOptions } from '../validate';
import { abortReason } from './errors';
import { SchedulerCore } from './core';
import { DEFAULT_LEVEL, parseTaskOptions, priorityLevel } from './options';
import { taskSignalLevel } from './signals';
import { CANCELLED, type Task } from './task';
import type { ScheduleOptions, SchedulerOptions, SchedulerStats, TaskHandle, TaskOptions, YieldOptions } from './types';

/**
 * Runs callbacks by priority, then earliest deadline, then first come first served,
 * in slices of `sliceMs` with a yield to the host (setImmediate, MessageChannel or
 * setTimeout) between slices, so a flood of tasks never blocks I/O or rendering.
 * Works the same in Node, browsers and workers.
 *
 * Each instance is its own queue: tasks are ordered within an instance, not across
 * instances (see the README's "Several schedulers on one thread").
 */
export class Scheduler {
  private readonly core: SchedulerCore;

  /** `options` null or undefined: every default. */
  constructor(options?: SchedulerOptions | null) {
    this.core = new SchedulerCore(options);
  }

  /** The scheduler's current time; deadlines are absolute times on this clock. */
  now(): number {
    return this.core.clock();
  }

  /**
   * Queues `callback` and returns a promise of its result (a returned promise is
   * followed). A task that throws rejects the promise; the scheduler goes on.
   * Bad arguments throw synchronously; an already aborted signal or a full queue
   * give a rejected promise.
   */
  postTask<T>(callback: () => T | PromiseLike<T>, options?: TaskOptions | null): Promise<T> {
    const core = this.core;
    if (typeof callback !== 'function') checkFunction(callback, 'callback', 'postTask');
    const parsed = parseTaskOptions(options, 'postTask');
    if (parsed.signal !== null && parsed.signal.aborted) return Promise.reject(abortReason(parsed.signal));
    if (core.isFull()) return Promise.reject(core.fullError);
    const task = core.createTask(callback, parsed);
    const promise = new Promise<T>((resolve, reject) => {
      task.resolve = resolve as (value: unknown) => void;
      task.reject = reject;
    });
    core.enqueue(task, parsed.delay);
    return promise;
  }

  /**
   * Queues `callback` without a promise and returns a handle with `id`, `status`,
   * `priority` and `cancel()`. Errors the callback throws go to `options.onError`,
   * else to the scheduler's `onError` (default: reportError or console.error); they
   * never become unhandled rejections. Throws a `QueueFullError` when `maxQueue`
   * tasks wait. With an already aborted signal, the handle comes back 'cancelled'.
   */
  schedule(callback: () => unknown, options?: ScheduleOptions | null): TaskHandle {
    const core = this.core;
    if (typeof callback !== 'function') checkFunction(callback, 'callback', 'schedule');
    const parsed = parseTaskOptions(options, 'schedule');
    const task = core.createTask(callback, parsed);
    if (parsed.signal !== null && parsed.signal.aborted) {
      task.state = CANCELLED;
      task.callback = null;
      task.extras = null;
      return core.handleOf(task);
    }
    if (core.isFull()) throw core.fullError;
    const handle = core.handleOf(task);
    core.enqueue(task, parsed.delay);
    return handle;
  }

  /**
   * Resolves when the calling task's turn comes again: a continuation queued ahead of
   * every task of its priority, as the browser's `scheduler.yield()`. By default it
   * inherits the running task's priority (or its TaskSignal's) and abort signal; the
   * options pick either explicitly. Rejects with the reason if that signal aborts first.
   * The running task is known while its callback runs, in the code that resumes right after
   * an `await scheduler.yield()`, and, where the host can carry it (Node >= 20.16, see
   * `SchedulerOptions.asyncContext`), in every promise job and queueMicrotask callback the
   * task started; elsewhere yield() behaves as outside any task ('user-visible', no signal).
   */
  yield(options?: YieldOptions | null): Promise<void> {
    const where = 'yield';
    const core = this.core;
    const given = checkOptions(options ?? undefined, where);
    const inherited = core.runningTask();
    let signalOption = given.signal;
    let priorityOption = given.priority;
    if (signalOption === undefined && priorityOption === undefined) {
      signalOption = 'inherit';
      priorityOption = 'inherit';
    }
    const signal =
      signalOption === undefined
        ? null
        : signalOption === 'inherit'
          ? inheritedSignal(inherited)
          : checkAbortSignal(signalOption, 'options.signal', where);
    let level = DEFAULT_LEVEL;
    let prioritySignal: AbortSignal | null = null;
    if (priorityOption === 'inherit' || (priorityOption === undefined && signalOption === 'inherit')) {
      prioritySignal = inheritedPrioritySignal(inherited);
      level = prioritySignal !== null ? taskSignalLevel(prioritySignal) : inherited !== null ? inherited.postedLevel : DEFAULT_LEVEL;
    } else if (priorityOption !== undefined) {
      level = priorityLevel(priorityOption, 'options.priority', where);
    } else if (signal !== null && taskSignalLevel(signal) !== -1) {
      prioritySignal = signal;
      level = taskSignalLevel(signal);
    }
    if (signal !== null && signal.aborted) return Promise.reject(abortReason(signal));
    const continuation = core.createContinuation(level, signal, prioritySignal, inherited);
    const promise = new Promise<void>((resolve, reject) => {
      continuation.resolve = resolve as (value: unknown) => void;
      continuation.reject = reject;
    });
    core.enqueue(continuation, 0);
    return promise;
  }

  /**
   * Runs, synchronously, every task that is runnable now, including tasks they post
   * and delayed tasks that come due on the clock meanwhile, ignoring `sliceMs`.
   * Returns how many tasks ran. For tests (with a fake clock) and batch work.
   */
  runUntilIdle(): number {
    return this.core.runUntilIdle();
  }

  /**
   * Resolves when nothing is left: no runnable or delayed task and no pending async
   * result. Tasks keep running on the normal yielding loop meanwhile. (Awaiting it
   * inside a task would wait for that task itself.)
   */
  drain(): Promise<void> {
    return this.core.drain();
  }

  /** For long tasks that cooperate: true when the current slice has used up `sliceMs`. */
  shouldYield(): boolean {
    return this.core.shouldYield();
  }

  stats(): SchedulerStats {
    return this.core.stats();
  }
}

function inheritedSignal(task: Task | null): AbortSignal | null {
  return task !== null && task.extras !== null ? task.extras.signal : null;
}

function inheritedPrioritySignal(task: Task | null): AbortSignal | null {
  return task !== null && task.extras !== null ? task.extras.prioritySignal : null;
}
