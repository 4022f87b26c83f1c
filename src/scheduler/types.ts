// Public types of the scheduler. Times are in the units of the scheduler's clock:
// milliseconds for the default clock (performance.now()).

/** The priority names of the browser's `scheduler.postTask`, highest first. */
export type TaskPriority = 'user-blocking' | 'user-visible' | 'background';

/** Every priority, highest first; a task's level is its index in this list. */
export const TASK_PRIORITIES: readonly TaskPriority[] = ['user-blocking', 'user-visible', 'background'];

/** A time source returning milliseconds (or any unit, used consistently). */
export type Clock = () => number;

/** Called with the error of a failed `schedule()` task (tasks from `postTask` reject their promise instead). */
export type TaskErrorHandler = (error: unknown, task: TaskHandle) => void;

export interface SchedulerOptions {
  /**
   * Time source for delays, deadlines, slices and latency. Default: `performance.now()` (Date.now where
   * that is missing). Its first reading (taken by the constructor) must be a finite number. The
   * scheduler does not trust it to end a slice: see `sliceMs`.
   */
  clock?: Clock;
  /**
   * How long one run may hold the thread before yielding to the host, in clock units. Default 5.
   * 0 runs one task per host turn. Whatever the clock does (steps back, stands still, turns NaN),
   * a slice also ends after `sliceMs` milliseconds of real time (performance.now or Date.now) or
   * 16,384 tasks, whichever comes first.
   */
  sliceMs?: number;
  /** Most tasks that may wait (runnable plus delayed). Beyond it `postTask` rejects and `schedule` throws a `QueueFullError`. Default Infinity. */
  maxQueue?: number;
  /**
   * Starvation guard: a task runnable for agingMs moves up one level, for 2 x agingMs
   * up two, and so on (each time behind the tasks already waiting at the new level),
   * so under a flood of 'user-blocking' work a background task is 'user-blocking'
   * itself after about 2 x agingMs. Default 1000; Infinity turns aging off.
   */
  agingMs?: number;
  /**
   * Receives errors thrown by `schedule()` tasks that have no `onError` of their own.
   * Default: `globalThis.reportError` where it exists (browsers, workers), else `console.error`.
   */
  onError?: TaskErrorHandler;
  /**
   * Whether `yield()` follows its task through promise jobs (after an `await` of a timer, a
   * fetch, a chain of `then`), as in the browser, and from when. Where the host can carry
   * that context (Node >= 20.16, or an engine with TC39's AsyncContext):
   * - 'lazy' (default): from the first `yield()` call of any scheduler in this thread on,
   *   for the tasks that start after it. Programs that never call `yield()` pay nothing; the
   *   tasks already running at that first call are not followed (so the task that first
   *   yields after an await does not inherit there).
   * - 'eager': from the constructor on.
   * - 'off': never.
   * In Node the carrier is a promise hook, which slows every promise in the process (two to
   * four times on promise-heavy code, Node 20). Without the carrier (browsers today, or 'off'),
   * `yield()` knows its task only while the callback runs synchronously and where an
   * awaited `yield()` resumes.
   */
  asyncContext?: AsyncContextMode;
}

/** When a scheduler starts carrying its tasks through promise jobs: see SchedulerOptions.asyncContext. */
export type AsyncContextMode = 'lazy' | 'eager' | 'off';

/** Every AsyncContextMode. */
export const ASYNC_CONTEXT_MODES: readonly AsyncContextMode[] = ['lazy', 'eager', 'off'];

export interface TaskOptions {
  /**
   * Default: the priority of `signal` when it is a `TaskSignal` (and the task follows its
   * `setPriority` changes while it waits), else 'user-visible', as in the browser's postTask.
   * An explicit priority wins over the signal's; the signal then only aborts.
   */
  priority?: TaskPriority;
  /**
   * Absolute time on the scheduler's clock (e.g. `scheduler.now() + 50`) by which the task
   * should start. Inside one priority, earlier deadlines run first; tasks without a deadline
   * come after those with one. A task that starts after its deadline is counted as missed.
   */
  deadline?: number;
  /** Wait this long (clock units) before the task becomes runnable. Default 0. */
  delay?: number;
  /**
   * Aborting cancels the task if it has not started; `postTask`'s promise rejects with
   * `signal.reason`. Aborted while the callback runs synchronously, the promise rejects with the
   * reason too (as the browser's postTask does); once an async callback has returned, it no longer
   * aborts the task. A `TaskSignal` (from a `TaskController`) also gives the task its priority.
   */
  signal?: AbortSignal;
  /** Skip the task instead of running it late when its deadline has passed; `postTask` rejects with a `DeadlineMissedError`. */
  dropLate?: boolean;
}

export interface ScheduleOptions extends TaskOptions {
  /** Receives this task's error instead of the scheduler's `onError`. */
  onError?: TaskErrorHandler;
}

/**
 * 'delayed': waiting for its delay; 'queued': runnable, waiting its turn; 'running': started
 * (an async callback stays 'running' until its promise settles); then one of 'completed',
 * 'failed', 'cancelled', 'dropped' (late with `dropLate`).
 */
export type TaskStatus = 'delayed' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'dropped';

/** What `schedule()` returns: a task without a promise. */
export interface TaskHandle {
  /** A number that identifies the task within its scheduler (1, 2, 3, ... in posting order). */
  readonly id: number;
  readonly status: TaskStatus;
  /** The task's priority: the one it was posted with, or its TaskSignal's latest (aging may run it earlier). */
  readonly priority: TaskPriority;
  /** Cancels the task if it has not started yet; returns whether it did. */
  cancel(): boolean;
}

export interface LatencyStats {
  /** Tasks measured. */
  count: number;
  /** Median dispatch latency, clock units; from a log-linear histogram, within about 3%. */
  p50: number;
  /** 99th percentile dispatch latency, clock units, within about 3%. */
  p99: number;
  /** Largest dispatch latency seen, exact. */
  max: number;
  /** Mean dispatch latency, exact. */
  mean: number;
}

export interface SchedulerStats {
  /** Tasks accepted by postTask/schedule. */
  scheduled: number;
  /** Tasks whose callback returned (or whose returned promise fulfilled). */
  completed: number;
  /** Tasks cancelled (handle.cancel() or signal) before they started. */
  cancelled: number;
  /** Tasks whose callback threw (or whose returned promise rejected). */
  failed: number;
  /** Tasks that started after their deadline, plus late tasks skipped by `dropLate`. */
  missedDeadlines: number;
  /** Late tasks skipped because of `dropLate` (also counted in missedDeadlines). */
  dropped: number;
  /** Tasks refused because the queue held `maxQueue` tasks (not counted in scheduled). */
  rejected: number;
  /** Tasks waiting now: runnable plus delayed. */
  queued: number;
  /**
   * Dispatch latency: from the moment a task became runnable (posted, or its delay
   * elapsed) to the moment it started, measured with the clock.
   */
  latency: LatencyStats;
}

/** `yield()`'s options (the tentative WICG `SchedulerYieldOptions`). */
export interface YieldOptions {
  /**
   * Priority of the continuation: a priority name, or 'inherit' (the running task's priority
   * source, a fixed priority or its TaskSignal). Default: 'inherit' when neither option is given,
   * else the priority of `signal` (inherited or a TaskSignal), else 'user-visible'.
   */
  priority?: TaskPriority | 'inherit';
  /** Aborts the wait (the promise rejects with the reason); 'inherit' takes the running task's signal. */
  signal?: AbortSignal | 'inherit';
}
