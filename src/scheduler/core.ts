// The scheduler's engine: priority + earliest-deadline-first task queue with a dispatch
// loop that runs tasks in slices and yields to the host between slices. `Scheduler`
// (scheduler.ts) is its public face; nothing here is exported from the package.

import { installedTaskContextCarrier, installTaskContextCarrier } from './context';
import { abortReason, DeadlineMissedError, QueueFullError } from './errors';
import { createHostTurn, type HostTurn } from './host';
import { NO_TASK_OPTIONS, type ParsedTaskOptions, realTimeClock, reportUncaught, resolveSchedulerOptions } from './options';
import { byDueTime, ReadyQueue, TaskHeap } from './queue';
import { followSignalPriority, unfollowSignalPriority } from './signals';
import { LatencyHistogram } from './stats';
import { CANCELLED, COMPLETED, DELAYED, DROPPED, FAILED, READY, retireHandle, RUNNING, ScheduledTask, Task, TaskExtras, type TaskOwner } from './task';
import { TASK_PRIORITIES, type Clock, type SchedulerOptions, type SchedulerStats, type TaskErrorHandler } from './types';

/** Inside a long run, due timers and aging are looked at once per this many clock units. */
const MAINTENANCE_INTERVAL = 1;
/** setTimeout's largest delay; longer waits re-arm when the timer fires. */
const MAX_TIMER_DELAY = 2 ** 31 - 1;
/** Queues are compacted when stale entries exceed the live ones by more than this. */
const COMPACTION_SLACK = 1024;
/**
 * A slice ends after this many tasks whatever the clock says, and the real-time clock is
 * read once per SLICE_CHECK_EVERY tasks: an injected clock that steps back, stands still or
 * turns NaN cannot hold the thread (issue #17, item 14).
 */
export const MAX_TASKS_PER_SLICE = 16_384;
const SLICE_CHECK_EVERY = 64;
/**
 * Finished plain task records kept for reuse, at most (128 bytes each in Node: 16 MB). Reuse
 * cuts the time of a 100,000-task flood by about a quarter: most of it was the GC copying
 * fresh records. While the queue is empty the pool is held only through a WeakRef, so a
 * full GC takes the memory back if the scheduler stays quiet.
 */
const RECORD_POOL_LIMIT = 131_072;

function isDelayed(task: Task): boolean {
  return task.state === DELAYED;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== undefined && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

function ignore(): void {}

/** What the engine needs to know to queue one task. */
export interface TaskRequest {
  callback: () => unknown;
  options: Readonly<ParsedTaskOptions>;
}

/**
 * Runs callbacks by priority, then earliest deadline, then first come first served,
 * in slices with a yield to the host (setImmediate, MessageChannel or setTimeout)
 * between slices, so a flood of tasks never blocks I/O or rendering.
 */
export class SchedulerCore implements TaskOwner {
  readonly clock: Clock;
  private readonly sliceMs: number;
  private readonly maxQueue: number;
  private readonly agingMs: number;
  private readonly onError: TaskErrorHandler;
  private readonly ready: ReadyQueue;
  /** Tasks waiting for their delay, by due time. One timer is armed, for the earliest. */
  private readonly delayed = new TaskHeap(byDueTime);
  private readonly latency = new LatencyHistogram();
  private readonly host: HostTurn;
  /** Real time, to end slices whatever the injected clock does. */
  private readonly realTime: Clock = realTimeClock();
  /** The clock is performance.now itself: slices need no real-time or count bound besides it. */
  private readonly monotonicClock: boolean;

  private readyCount = 0;
  private delayedCount = 0;
  /** Tasks whose callback returned a promise that has not settled yet. */
  private pendingResults = 0;
  private nextOrder = 0;
  private nextId = 0;
  private hostTurnPending = false;
  private dispatching = false;
  private sliceEndsAt = 0;
  /** When the current slice ends in real time (Infinity in runUntilIdle). */
  private sliceEndsAtRealTime = Infinity;
  private nextMaintenanceAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private timerDueAt = Infinity;
  private idleWaiters: (() => void)[] = [];
  /**
   * The task whose code runs now, for yield() to inherit from where the context carrier
   * does not know: set while a callback runs synchronously, and from a continuation's
   * resumption to the microtask after it.
   */
  private current: Task | null = null;
  /** Whether tasks run in the process's context carrier once it is installed ('lazy', 'eager'). */
  private readonly followsContext: boolean;
  private readonly forgetResumedContext = (): void => {
    this.current = null;
  };

  /** Records of finished plain tasks, for createTask to reuse; null while held weakly (idle). */
  private pool: Task[] | null = [];
  private idlePool: { deref(): Task[] | undefined } | null = null;
  /**
   * Per level, a record standing for every plain task of that priority, finished: the
   * context yield() inherits from a plain task (its priority, no signal), and, with
   * failedStandIns, what a handle shows once its task's record is reused.
   */
  private readonly completedStandIns: Task[];
  private readonly failedStandIns: Task[];

  private scheduledCount = 0;
  private completedCount = 0;
  private cancelledCount = 0;
  private failedCount = 0;
  private missedCount = 0;
  private droppedCount = 0;
  private rejectedCount = 0;

  constructor(options: SchedulerOptions | null | undefined) {
    const resolved = resolveSchedulerOptions(options);
    this.clock = resolved.clock;
    this.monotonicClock = resolved.monotonicClock;
    this.sliceMs = resolved.sliceMs;
    this.maxQueue = resolved.maxQueue;
    this.agingMs = resolved.agingMs;
    this.onError = resolved.onError;
    this.followsContext = resolved.asyncContext !== 'off';
    if (resolved.asyncContext === 'eager') installTaskContextCarrier();
    this.ready = new ReadyQueue(TASK_PRIORITIES.length, resolved.agingMs);
    this.completedStandIns = TASK_PRIORITIES.map((_, level) => this.standIn(level, COMPLETED));
    this.failedStandIns = TASK_PRIORITIES.map((_, level) => this.standIn(level, FAILED));
    this.host = createHostTurn(() => this.runHostTurn());
  }

  /** Whether `maxQueue` tasks wait; counts the refusal. */
  isFull(): boolean {
    if (this.readyCount + this.delayedCount < this.maxQueue) return false;
    this.rejectedCount++;
    return true;
  }

  get fullError(): QueueFullError {
    return new QueueFullError(this.maxQueue);
  }

  /** A task record for a callback and its checked options (not queued yet). */
  createTask(callback: () => unknown, options: Readonly<ParsedTaskOptions>): Task {
    let extras: TaskExtras | null = null;
    if (options !== NO_TASK_OPTIONS && (options.signal !== null || options.dropLate || options.onError !== null)) {
      extras = new TaskExtras();
      extras.signal = options.signal;
      extras.prioritySignal = options.prioritySignal;
      extras.dropLate = options.dropLate;
      extras.onError = options.onError;
    }
    if (extras !== null) return new Task(++this.nextId, this, callback, options.level, options.deadline, extras);
    const pool = this.pool ?? this.tightenPool();
    if (pool.length === 0) return new Task(++this.nextId, this, callback, options.level, options.deadline, null);
    const task = pool.pop() as Task; // extras, handle, resolve and reject were cleared by recycle()
    task.id = ++this.nextId;
    task.callback = callback;
    task.state = READY;
    task.level = options.level;
    task.postedLevel = options.level;
    task.deadline = options.deadline;
    return task;
  }

  /** The handle schedule() returns; the task's onError receives the same one. */
  handleOf(task: Task): ScheduledTask {
    const handle = new ScheduledTask(task);
    task.handle = handle;
    return handle;
  }

  private standIn(level: number, state: number): Task {
    const record = new Task(0, this, ignore, level, null, null);
    record.state = state;
    record.callback = null;
    return record;
  }

  /**
   * Takes back the record of a finished task that nothing else refers to: a plain task
   * (no extras: no signal holds it; no deadline: no aging ring holds a stale entry),
   * popped from its only queue entry. Its handle switches to a stand-in with the outcome.
   */
  private recycle(task: Task): void {
    const handle = task.handle;
    if (handle !== null) {
      retireHandle(handle, (task.state === FAILED ? this.failedStandIns : this.completedStandIns)[task.postedLevel]);
      task.handle = null;
    }
    // callback is already null (runTask); order and runnableAt are set again when it is queued.
    task.resolve = null;
    task.reject = null;
    const pool = this.pool ?? this.tightenPool();
    if (pool.length < RECORD_POOL_LIMIT) pool.push(task);
  }

  /**
   * The task of the code running now, for yield() to inherit: from the context carrier
   * (through promise jobs), else as known synchronously; null outside this scheduler's tasks.
   * Installs the carrier unless asyncContext is 'off'.
   */
  runningTask(): Task | null {
    const carrier = this.followsContext ? installTaskContextCarrier() : null;
    if (carrier !== null) {
      const task = carrier.current() as Task | undefined;
      if (task !== undefined && task.owner === this) return task;
    }
    return this.current;
  }

  /** A yield() continuation: no callback; its promise settles when its turn comes. */
  createContinuation(level: number, signal: AbortSignal | null, prioritySignal: AbortSignal | null, context: Task | null): Task {
    const extras = new TaskExtras();
    extras.continuation = true;
    extras.signal = signal;
    extras.prioritySignal = prioritySignal;
    extras.context = context;
    return new Task(++this.nextId, this, ignore, level, null, extras);
  }

  runUntilIdle(): number {
    if (this.dispatching) throw new Error('runUntilIdle: cannot be called from inside a running task');
    let ran = 0;
    for (;;) {
      ran += this.dispatch(this.clock(), Infinity, false);
      if (this.delayedCount > 0) this.moveDueTasks(this.clock());
      if (this.readyCount === 0) break;
    }
    this.settleIdleWaiters();
    this.loosenPool();
    return ran;
  }

  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  shouldYield(): boolean {
    return this.dispatching && (this.clock() >= this.sliceEndsAt || this.realTime() >= this.sliceEndsAtRealTime);
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

  /** Cancels a task that has not started: by its handle's cancel() or its abort signal. */
  cancel(task: Task, reason: unknown): boolean {
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
    this.release(task);
    if (reject !== null) reject(reason);
    this.settleIdleWaiters();
    return true;
  }

  /** Moves a waiting task to another level (its TaskSignal's priority changed). */
  changeLevel(task: Task, level: number): void {
    task.postedLevel = level;
    if (task.state === DELAYED) {
      task.level = level; // filed by level only when it comes due
    } else if (task.state === READY && task.level !== level) {
      task.level = level;
      this.ready.move(task);
      if (this.ready.entryCount > 2 * this.readyCount + COMPACTION_SLACK) this.ready.compact();
    }
  }

  /** Queues a task after `delay` clock units (0: runnable now). */
  enqueue(task: Task, delay: number): void {
    const now = this.clock();
    this.scheduledCount++;
    const extras = task.extras;
    if (extras !== null) {
      if (extras.signal !== null) extras.signal.addEventListener('abort', task);
      if (extras.prioritySignal !== null) followSignalPriority(extras.prioritySignal, task);
    }
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
    this.dispatch(start, start + this.sliceMs, !this.monotonicClock);
    if (this.readyCount > 0) {
      if (!this.hostTurnPending) this.requestHostTurn();
    } else {
      this.settleIdleWaiters();
      this.loosenPool();
    }
  }

  /** The queue ran empty: hold the pool weakly until the next task needs it. */
  private loosenPool(): void {
    const pool = this.pool;
    if (pool === null || pool.length === 0 || typeof WeakRef !== 'function') return;
    this.idlePool = new WeakRef(pool);
    this.pool = null;
  }

  /** The pool again, held strongly: what the GC left of it, or a new one. */
  private tightenPool(): Task[] {
    const pool = this.idlePool?.deref() ?? [];
    this.idlePool = null;
    this.pool = pool;
    return pool;
  }

  /**
   * The dispatch loop: runs tasks in order until none is runnable or the clock reaches
   * `yieldAt` (Infinity: runUntilIdle). One clock read per task serves as that task's start
   * time (latency, deadline) and as the yield check. A slice also ends after a yield()
   * continuation, so that the code it resumes runs (in the microtasks after this turn)
   * before any other task; and with a clock that is not performance.now (`distrustClock`),
   * after sliceMs of real time or MAX_TASKS_PER_SLICE tasks, whatever that clock says.
   * Returns how many tasks it took.
   */
  private dispatch(now: number, yieldAt: number, distrustClock: boolean): number {
    const slice = yieldAt !== Infinity;
    const bounded = slice && distrustClock;
    const clock = this.clock;
    const ready = this.ready;
    const realStart = bounded ? this.realTime() : 0;
    let taken = 0;
    this.dispatching = true;
    this.sliceEndsAt = yieldAt;
    this.sliceEndsAtRealTime = bounded ? realStart + this.sliceMs : Infinity; // else the clock is real time
    try {
      this.maintain(now);
      while (this.readyCount > 0) {
        const task = ready.pop();
        if (task === null) {
          this.readyCount = 0; // unreachable while the counts are right; never spin
          break;
        }
        this.readyCount--;
        // The times stay in this function: a double passed to a call that is not inlined
        // costs a heap number per task.
        this.latency.record(now - ready.poppedRunnableAt);
        const deadline = task.deadline;
        const dropped = deadline !== null && now > deadline && this.missedDeadline(task, now);
        const resumedContinuation = !dropped && this.runTask(task);
        taken++;
        if (resumedContinuation && slice) break;
        now = clock();
        if (now >= yieldAt) break;
        if (bounded && taken % SLICE_CHECK_EVERY === 0) {
          if (taken >= MAX_TASKS_PER_SLICE || this.realTime() - realStart >= this.sliceMs) break;
        }
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

  /** Counts a task that starts after its deadline; drops it if it asked to be (returns true then). */
  private missedDeadline(task: Task, now: number): boolean {
    this.missedCount++;
    if (task.extras === null || !task.extras.dropLate) return false;
    this.dropLateTask(task, now);
    return true;
  }

  /** Runs one task; returns true when it was a yield() continuation. */
  private runTask(task: Task): boolean {
    const extras = task.extras;
    task.state = RUNNING;
    if (extras !== null && extras.continuation) {
      this.resume(task, extras.context);
      return true;
    }
    const callback = task.callback as () => unknown;
    task.callback = null;
    const outer = this.current;
    // What yield() inherits; for a plain task a stand-in, as its record may be reused.
    const context = extras === null ? this.completedStandIns[task.postedLevel] : task;
    this.current = context;
    const carrier = this.followsContext ? installedTaskContextCarrier() : null;
    let result: unknown;
    try {
      result = carrier === null ? callback() : carrier.run(context, callback);
    } catch (error) {
      this.current = outer;
      this.finishFailed(task, error);
      return false;
    }
    this.current = outer;
    if (extras !== null && extras.signal !== null && extras.signal.aborted && task.reject !== null) {
      // Aborted while it ran: postTask rejects with the reason, as in the browser; a
      // returned promise is no longer followed (but never left to reject unhandled).
      if (isThenable(result)) Promise.resolve(result).then(ignore, ignore);
      this.abortedWhileRunning(task, abortReason(extras.signal));
    } else if (isThenable(result)) {
      this.awaitResult(task, result);
    } else {
      this.finishCompleted(task, result);
    }
    return false;
  }

  /** A yield() continuation's turn: resolve its promise, with its caller's task current again. */
  private resume(task: Task, context: Task | null): void {
    this.completedCount++;
    task.state = COMPLETED;
    const resolve = task.resolve as (value: unknown) => void;
    this.release(task);
    this.current = context;
    resolve(undefined);
    // The awaiting code runs in the microtask that resolve() queued, before this one.
    queueMicrotask(this.forgetResumedContext);
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
    this.recycleOrRelease(task);
    if (resolve !== null) resolve(value);
  }

  private abortedWhileRunning(task: Task, reason: unknown): void {
    task.state = CANCELLED;
    this.cancelledCount++;
    const reject = task.reject as (reason: unknown) => void;
    this.release(task);
    reject(reason);
  }

  private finishFailed(task: Task, error: unknown): void {
    task.state = FAILED;
    this.failedCount++;
    const reject = task.reject;
    const handler = (task.extras !== null ? task.extras.onError : null) ?? this.onError;
    const handle = task.handle;
    this.recycleOrRelease(task);
    if (reject !== null) {
      reject(error);
      return;
    }
    try {
      handler(error, handle as ScheduledTask); // schedule() gave every task without a promise one
    } catch (handlerError) {
      reportUncaught(handlerError);
    }
  }

  private dropLateTask(task: Task, now: number): void {
    task.state = DROPPED;
    this.droppedCount++;
    const reject = task.reject;
    this.release(task);
    if (reject !== null) reject(new DeadlineMissedError(task.deadline as number, now));
  }

  /** After a task finished: a plain task's record goes back to the pool, any other is released. */
  private recycleOrRelease(task: Task): void {
    if (task.extras === null && task.deadline === null) this.recycle(task);
    else this.release(task);
  }

  /**
   * Drops what a finished task no longer needs and stops listening to its signals. The
   * signals themselves stay: promise jobs the task started may outlive it, and a yield()
   * in them inherits its priority and signal, as in the browser.
   */
  private release(task: Task): void {
    task.callback = null;
    task.resolve = null;
    task.reject = null;
    const extras = task.extras;
    if (extras === null) return;
    extras.onError = null;
    extras.context = null;
    if (extras.signal !== null) extras.signal.removeEventListener('abort', task);
    if (extras.prioritySignal !== null) unfollowSignalPriority(extras.prioritySignal, task);
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
