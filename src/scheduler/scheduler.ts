// The Scheduler: priority + earliest-deadline-first task queue with a dispatch loop
// that runs tasks in slices of `sliceMs` and yields to the host between slices.

import { abortReason, DeadlineMissedError, QueueFullError } from './errors';
import { createHostTurn, type HostTurn } from './host';
import {
  checkBoolean,
  checkCallback,
  checkDeadline,
  checkDelay,
  checkErrorHandler,
  checkObject,
  checkSignal,
  priorityLevel,
  reportUncaught,
  resolveSchedulerOptions,
} from './options';
import { byDueTime, ReadyQueue, TaskHeap } from './queue';
import { LatencyHistogram } from './stats';
import { CANCELLED, COMPLETED, DELAYED, DROPPED, FAILED, READY, RUNNING, Task, TaskExtras, type TaskOwner } from './task';
import {
  TASK_PRIORITIES,
  type Clock,
  type ScheduleOptions,
  type SchedulerOptions,
  type SchedulerStats,
  type TaskErrorHandler,
  type TaskHandle,
  type TaskOptions,
} from './types';

const DEFAULT_LEVEL = 1; // 'user-visible', as in the browser's postTask
/** Inside a long run, due timers and aging are looked at once per this many clock units. */
const MAINTENANCE_INTERVAL = 1;
/** setTimeout's largest delay; longer waits re-arm when the timer fires. */
const MAX_TIMER_DELAY = 2 ** 31 - 1;
/** Queues are compacted when stale entries exceed the live ones by more than this. */
const COMPACTION_SLACK = 1024;

function isDelayed(task: Task): boolean {
  return task.state === DELAYED;
}

// One shared promise executor instead of a closure per postTask: it hands the
// settlers to the task named here just before `new Promise` calls it.
let settlersTarget: Task | null = null;
function captureSettlers(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  const task = settlersTarget as Task;
  task.resolve = resolve;
  task.reject = reject;
}

/**
 * Runs callbacks by priority, then earliest deadline, then first come first served,
 * in slices of `sliceMs` with a yield to the host (setImmediate, MessageChannel or
 * setTimeout) between slices, so a flood of tasks never blocks I/O or rendering.
 * Works the same in Node, browsers and workers.
 */
export class Scheduler implements TaskOwner {
  private readonly clock: Clock;
  private readonly sliceMs: number;
  private readonly maxQueue: number;
  private readonly agingMs: number;
  private readonly onError: TaskErrorHandler;
  private readonly ready: ReadyQueue;
  /** Tasks waiting for their delay, by due time. One timer is armed, for the earliest. */
  private readonly delayed = new TaskHeap(byDueTime);
  private readonly latency = new LatencyHistogram();
  private readonly host: HostTurn;

  private readyCount = 0;
  private delayedCount = 0;
  /** Tasks whose callback returned a promise that has not settled yet. */
  private pendingResults = 0;
  private nextOrder = 0;
  private hostTurnPending = false;
  private dispatching = false;
  private sliceEndsAt = 0;
  private nextMaintenanceAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private timerDueAt = Infinity;
  private idleWaiters: (() => void)[] = [];
  /** The delay createTask() read from the options, for the enqueue() that follows it. */
  private parsedDelay = 0;

  private scheduledCount = 0;
  private completedCount = 0;
  private cancelledCount = 0;
  private failedCount = 0;
  private missedCount = 0;
  private droppedCount = 0;
  private rejectedCount = 0;

  constructor(options?: SchedulerOptions) {
    const resolved = resolveSchedulerOptions(options);
    this.clock = resolved.clock;
    this.sliceMs = resolved.sliceMs;
    this.maxQueue = resolved.maxQueue;
    this.agingMs = resolved.agingMs;
    this.onError = resolved.onError;
    this.ready = new ReadyQueue(TASK_PRIORITIES.length, resolved.agingMs);
    this.host = createHostTurn(() => this.runHostTurn());
  }

  /** The scheduler's current time; deadlines are absolute times on this clock. */
  now(): number {
    return this.clock();
  }

  /**
   * Queues `callback` and returns a promise of its result (a returned promise is
   * followed). A task that throws rejects the promise; the scheduler goes on.
   * Bad arguments throw synchronously; an already aborted signal or a full queue
   * give a rejected promise.
   */
  postTask<T>(callback: () => T | PromiseLike<T>, options?: TaskOptions): Promise<T> {
    const task = this.createTask(callback, options, 'postTask');
    const extras = task.extras;
    if (extras !== null && extras.signal !== null && extras.signal.aborted) return Promise.reject(abortReason(extras.signal));
    if (this.readyCount + this.delayedCount >= this.maxQueue) {
      this.rejectedCount++;
      return Promise.reject(new QueueFullError(this.maxQueue));
    }
    settlersTarget = task;
    const promise = new Promise<T>(captureSettlers as (resolve: (value: T) => void, reject: (reason: unknown) => void) => void);
    settlersTarget = null;
    this.enqueue(task);
    return promise;
  }

  /**
   * Queues `callback` without a promise and returns a handle with `cancel()` and
   * `status`. Errors the callback throws go to `options.onError`, else to the
   * scheduler's `onError` (default: reportError or console.error); they never
   * become unhandled rejections. Throws a `QueueFullError` when `maxQueue` tasks
   * wait. With an already aborted signal, the handle comes back 'cancelled'.
   */
  schedule(callback: () => unknown, options?: ScheduleOptions): TaskHandle {
    const task = this.createTask(callback, options, 'schedule');
    if (task.extras !== null && task.extras.signal !== null && task.extras.signal.aborted) {
      task.state = CANCELLED;
      task.release();
      return task;
    }
    if (this.readyCount + this.delayedCount >= this.maxQueue) {
      this.rejectedCount++;
      throw new QueueFullError(this.maxQueue);
    }
    this.enqueue(task);
    return task;
  }

  /**
   * Runs, synchronously, every task that is runnable now, including tasks they post
   * and delayed tasks that come due on the clock meanwhile, ignoring `sliceMs`.
   * Returns how many tasks ran. For tests (with a fake clock) and batch work.
   */
  runUntilIdle(): number {
    if (this.dispatching) throw new Error('runUntilIdle: cannot be called from inside a running task');
    let ran = 0;
    for (;;) {
      ran += this.dispatch(this.clock(), Infinity);
      if (this.delayedCount > 0) this.moveDueTasks(this.clock());
      if (this.readyCount === 0) break;
    }
    this.settleIdleWaiters();
    return ran;
  }

  /**
   * Resolves when nothing is left: no runnable or delayed task and no pending async
   * result. Tasks keep running on the normal yielding loop meanwhile. (Awaiting it
   * inside a task would wait for that task itself.)
   */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** For long tasks that cooperate: true when the current slice has used up `sliceMs`. */
  shouldYield(): boolean {
    return this.dispatching && this.clock() >= this.sliceEndsAt;
  }

  stats(): SchedulerStats {
    return {
      scheduled: this.scheduledCount,
      completed: this.completedCount,
      cancelled: this.cancelledCount,
      failed: this.failedCount,
      missedDeadlines: this.missedCount,
      dropped: this.droppedCount,
      rejected: this.rejectedCount,
      queued: this.readyCount + this.delayedCount,
      latency: this.latency.summary(),
    };
  }

  /** @internal Called by a task's cancel() and by its abort signal. */
  cancelTask(task: Task, reason: unknown): boolean {
    if (task.state === READY) {
      this.readyCount--;
      if (this.readyCount === 0) this.ready.clear();
      else if (this.ready.entryCount > 2 * this.readyCount + COMPACTION_SLACK) this.ready.compact();
    } else if (task.state === DELAYED) {
      this.delayedCount--;
      if (this.delayedCount === 0) this.forgetDelayed();
      else if (this.delayed.size > 2 * this.delayedCount + COMPACTION_SLACK) this.delayed.retain(isDelayed);
    } else {
      return false; // already started or finished
    }
    task.state = CANCELLED;
    this.cancelledCount++;
    const reject = task.reject;
    task.release();
    if (reject !== null) reject(reason);
    this.settleIdleWaiters();
    return true;
  }

  private createTask(callback: unknown, options: ScheduleOptions | undefined, where: 'postTask' | 'schedule'): Task {
    if (typeof callback !== 'function') checkCallback(callback, where);
    let level = DEFAULT_LEVEL;
    let deadline: number | null = null;
    let delay = 0;
    let extras: TaskExtras | null = null;
    if (options !== undefined) {
      checkObject(options, 'options', where);
      if (options.priority !== undefined) level = priorityLevel(options.priority, where);
      if (options.deadline !== undefined) {
        const value = checkDeadline(options.deadline, where);
        if (value !== Infinity) deadline = value;
      }
      if (options.delay !== undefined) delay = checkDelay(options.delay, where);
      const signal = options.signal !== undefined ? checkSignal(options.signal, where) : null;
      const dropLate = options.dropLate !== undefined ? checkBoolean(options.dropLate, 'options.dropLate', where) : false;
      const onError =
        where === 'schedule' && options.onError !== undefined ? checkErrorHandler(options.onError, 'options.onError', where) : null;
      if (signal !== null || dropLate || onError !== null) {
        extras = new TaskExtras();
        extras.signal = signal;
        extras.dropLate = dropLate;
        extras.onError = onError;
      }
    }
    const task = new Task(this, callback as () => unknown, level, deadline, extras);
    this.parsedDelay = delay;
    return task;
  }

  private enqueue(task: Task): void {
    const now = this.clock();
    this.scheduledCount++;
    const extras = task.extras;
    if (extras !== null && extras.signal !== null) extras.signal.addEventListener('abort', task);
    const delay = this.parsedDelay;
    if (delay > 0) {
      const dueAt = now + delay;
      task.state = DELAYED;
      task.runnableAt = dueAt; // the delayed heap's key
      task.order = ++this.nextOrder;
      this.delayed.push(task);
      this.delayedCount++;
      if (dueAt < this.timerDueAt) this.armTimer(dueAt, now);
      return;
    }
    this.makeRunnable(task, now);
    if (!this.dispatching && !this.hostTurnPending) this.requestHostTurn();
  }

  private makeRunnable(task: Task, runnableAt: number): void {
    task.state = READY;
    task.order = ++this.nextOrder;
    this.ready.push(task, runnableAt);
    this.readyCount++;
  }

  private requestHostTurn(): void {
    this.hostTurnPending = true;
    this.host.request();
  }

  private runHostTurn(): void {
    this.hostTurnPending = false;
    if (this.dispatching) return;
    const start = this.clock();
    this.dispatch(start, start + this.sliceMs);
    if (this.readyCount > 0) {
      if (!this.hostTurnPending) this.requestHostTurn();
    } else {
      this.settleIdleWaiters();
    }
  }

  /**
   * The dispatch loop: runs tasks in order until none is runnable or the clock
   * reaches `yieldAt`. One clock read per task serves as that task's start time
   * (latency, deadline) and as the yield check. Returns how many tasks it took.
   */
  private dispatch(now: number, yieldAt: number): number {
    const clock = this.clock;
    const ready = this.ready;
    let taken = 0;
    this.dispatching = true;
    this.sliceEndsAt = yieldAt;
    try {
      this.maintain(now);
      while (this.readyCount > 0) {
        const task = ready.pop();
        if (task === null) {
          this.readyCount = 0; // unreachable while the counts are right; never spin
          break;
        }
        this.readyCount--;
        this.runTask(task, now, ready.poppedRunnableAt);
        taken++;
        now = clock();
        if (now >= yieldAt) break;
        if (now >= this.nextMaintenanceAt) this.maintain(now);
      }
      if (this.readyCount === 0) {
        ready.clear();
        // Orders only compare live tasks; restarting them when none is left keeps them small integers.
        if (this.delayedCount === 0) this.nextOrder = 0;
      }
    } finally {
      this.dispatching = false;
    }
    return taken;
  }

  private runTask(task: Task, now: number, runnableAt: number): void {
    this.latency.record(now - runnableAt);
    if (task.deadline !== null && now > task.deadline) {
      this.missedCount++;
      if (task.extras !== null && task.extras.dropLate) {
        this.dropLateTask(task, now);
        return;
      }
    }
    task.state = RUNNING;
    const callback = task.callback as () => unknown;
    task.callback = null;
    let result: unknown;
    try {
      result = callback();
      if (result !== undefined && result !== null && typeof (result as PromiseLike<unknown>).then === 'function') {
        this.awaitResult(task, result as PromiseLike<unknown>);
        return;
      }
    } catch (error) {
      this.finishFailed(task, error);
      return;
    }
    this.finishCompleted(task, result);
  }

  private awaitResult(task: Task, result: PromiseLike<unknown>): void {
    this.pendingResults++;
    Promise.resolve(result).then(
      (value) => {
        this.pendingResults--;
        this.finishCompleted(task, value);
        this.settleIdleWaiters();
      },
      (error: unknown) => {
        this.pendingResults--;
        this.finishFailed(task, error);
        this.settleIdleWaiters();
      },
    );
  }

  private finishCompleted(task: Task, value: unknown): void {
    task.state = COMPLETED;
    this.completedCount++;
    const resolve = task.resolve;
    if (resolve === null && task.extras === null) {
      task.callback = null; // nothing else to release
      return;
    }
    task.release();
    if (resolve !== null) resolve(value);
  }

  private finishFailed(task: Task, error: unknown): void {
    task.state = FAILED;
    this.failedCount++;
    const reject = task.reject;
    const handler = (task.extras !== null ? task.extras.onError : null) ?? this.onError;
    task.release();
    if (reject !== null) {
      reject(error);
      return;
    }
    try {
      handler(error, task);
    } catch (handlerError) {
      reportUncaught(handlerError);
    }
  }

  private dropLateTask(task: Task, now: number): void {
    task.state = DROPPED;
    this.droppedCount++;
    const reject = task.reject;
    task.release();
    if (reject !== null) reject(new DeadlineMissedError(task.deadline as number, now));
  }

  /** Moves due delayed tasks to the ready queue and promotes aged tasks. */
  private maintain(now: number): void {
    this.nextMaintenanceAt = now + MAINTENANCE_INTERVAL;
    if (this.delayedCount > 0) this.moveDueTasks(now);
    if (this.readyCount > 0 && this.agingMs !== Infinity) {
      this.ready.promoteAged(now);
      // Promotion leaves the old entries behind; drop them if they pile up.
      if (this.ready.entryCount > 2 * this.readyCount + COMPACTION_SLACK) this.ready.compact();
    }
  }

  private moveDueTasks(now: number): void {
    const delayed = this.delayed;
    while (delayed.size > 0) {
      const task = delayed.peek();
      if (task.state !== DELAYED) {
        delayed.pop(); // cancelled while waiting
        continue;
      }
      const dueAt = task.runnableAt as number;
      if (dueAt > now) break;
      delayed.pop();
      this.delayedCount--;
      // Latency counts from the due time, so a late timer shows in the statistics.
      this.makeRunnable(task, dueAt);
    }
    if (this.delayedCount === 0) this.forgetDelayed();
  }

  private armTimer(dueAt: number, now: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    // Node truncates fractional delays; round up so the timer never fires early.
    this.timer = setTimeout(this.onTimer, Math.min(Math.ceil(Math.max(0, dueAt - now)), MAX_TIMER_DELAY));
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.timerDueAt = Infinity;
    const now = this.clock();
    this.moveDueTasks(now);
    if (this.readyCount > 0 && !this.dispatching && !this.hostTurnPending) this.requestHostTurn();
    // moveDueTasks stopped at the earliest task still waiting (stale entries popped).
    if (this.delayedCount > 0) this.armTimer(this.delayed.peek().runnableAt as number, now);
  };

  /** No task waits for a delay any more: drop the timer and the stale heap entries. */
  private forgetDelayed(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.timerDueAt = Infinity;
    this.delayed.clear();
  }

  private isIdle(): boolean {
    return this.readyCount === 0 && this.delayedCount === 0 && this.pendingResults === 0 && !this.dispatching;
  }

  private settleIdleWaiters(): void {
    if (this.idleWaiters.length === 0 || !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
