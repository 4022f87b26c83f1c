// The record the scheduler keeps per task. It doubles as the abort listener
// (handleEvent) and as the follower of a TaskSignal's priority. It never leaves the
// scheduler: `schedule()` returns a TaskHandle that holds it in a #private field.
//
// It is kept small, and reused, because a flood of queued tasks survives young-generation
// GCs and every byte is copied: the common task (no deadline, no delay, no signal) holds
// only small integers and pointers, with no boxed doubles. Its runnable time lives in the
// queue's Float64Array (see TaskRing); `deadline` and `runnableAt` are filled only for
// tasks with a deadline, a delay or extras, and the rarely used options sit in a separate
// TaskExtras. A plain task's record (no extras, no deadline) goes back to its scheduler's
// pool when the task finishes (core.ts, recycle): nothing else refers to it by then, its
// handle is pointed at a shared stand-in with the same outcome, and code that inherits
// its context (yield()) was given a per-priority stand-in instead of the record.

import { abortReason } from './errors';
import { TASK_PRIORITIES, type TaskErrorHandler, type TaskHandle, type TaskPriority, type TaskStatus } from './types';

// Task states. Plain numbers: a task's state is checked on every pop.
export const DELAYED = 0;
export const READY = 1;
export const RUNNING = 2;
export const COMPLETED = 3;
export const FAILED = 4;
export const CANCELLED = 5;
export const DROPPED = 6;

const STATUS_NAMES: readonly TaskStatus[] = ['delayed', 'queued', 'running', 'completed', 'failed', 'cancelled', 'dropped'];

/** What a task needs from the scheduler that queued it. */
export interface TaskOwner {
  cancel(task: Task, reason: unknown): boolean;
  changeLevel(task: Task, level: number): void;
}

/** The options most tasks do not use. */
export class TaskExtras {
  /** Aborts the task (and gives `yield()` inside it a signal to inherit). */
  signal: AbortSignal | null = null;
  /** The TaskSignal whose priority the task follows while it waits, or null. */
  prioritySignal: AbortSignal | null = null;
  onError: TaskErrorHandler | null = null;
  dropLate = false;
  /** A `yield()` continuation: its promise resolves when its turn comes; it has no callback. */
  continuation = false;
  /** For a continuation: the task that called yield() (null outside any task), current again on resumption. */
  context: Task | null = null;
}

export class Task {
  /** 1, 2, 3, ... per scheduler, in posting order. */
  id: number;
  callback: (() => unknown) | null;
  readonly owner: TaskOwner;
  state: number;
  /** Current level (0 = user-blocking); aging lowers it. */
  level: number;
  /** The priority it was posted with, or its TaskSignal's latest. */
  postedLevel: number;
  /** Tie-break in heaps: the order in which tasks became runnable (or were posted, while delayed). */
  order: number;
  /** Absolute deadline, or null for none. */
  deadline: number | null;
  /**
   * While delayed, the due time; once runnable, when it became runnable, for tasks kept
   * in a heap (with a deadline) or that may move (with extras). Null otherwise (the queue
   * keeps that time).
   */
  runnableAt: number | null;
  extras: TaskExtras | null;
  /** The settlers of postTask's (or yield's) promise; null for schedule(). */
  resolve: ((value: unknown) => void) | null;
  reject: ((reason: unknown) => void) | null;
  /** The handle schedule() returned, until the record is recycled; null for postTask and yield. */
  handle: ScheduledTask | null;

  constructor(id: number, owner: TaskOwner, callback: () => unknown, level: number, deadline: number | null, extras: TaskExtras | null) {
    this.id = id;
    this.callback = callback;
    this.owner = owner;
    this.state = READY;
    this.level = level;
    this.postedLevel = level;
    this.order = 0;
    this.deadline = deadline;
    this.runnableAt = null;
    this.extras = extras;
    this.resolve = null;
    this.reject = null;
    this.handle = null;
  }

  /** Abort listener: the task object itself is registered on its signal. */
  handleEvent(): void {
    const signal = this.extras?.signal;
    if (signal) this.owner.cancel(this, abortReason(signal));
  }

  /** A TaskSignal's priority changed while the task waits. */
  followPriority(level: number): void {
    this.owner.changeLevel(this, level);
  }
}

/** Points a handle at another record: a stand-in with its task's outcome, once that record is reused. */
export let retireHandle: (handle: ScheduledTask, standIn: Task) => void;

/**
 * The public face of a schedule() task: its id, state and level, and cancel().
 * The record sits in a private field (#task): nothing reachable from the handle
 * leads to the record or the scheduler's internals. One small object per task.
 */
export class ScheduledTask implements TaskHandle {
  readonly id: number;
  #task: Task;

  constructor(task: Task) {
    this.id = task.id;
    this.#task = task;
  }

  static {
    retireHandle = (handle, standIn) => {
      handle.#task = standIn;
    };
  }

  get status(): TaskStatus {
    return STATUS_NAMES[this.#task.state];
  }

  get priority(): TaskPriority {
    return TASK_PRIORITIES[this.#task.postedLevel];
  }

  cancel(): boolean {
    const task = this.#task;
    return task.owner.cancel(task, undefined);
  }
}
