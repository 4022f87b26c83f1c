// The one record the scheduler allocates per task. It doubles as the handle that
// `schedule()` returns and as the abort listener (handleEvent).
//
// It is kept small because a flood of queued tasks survives young-generation GCs
// and every byte is copied: the common task (no deadline, no delay, no signal)
// holds only small integers and pointers, one 112-byte object with no boxed
// doubles. Its runnable time lives in the queue's Float64Array (see TaskRing);
// `deadline` and `runnableAt` are filled only for tasks with a deadline or a
// delay, and the rarely used options sit in a separate TaskExtras.

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

/** What a task needs from its scheduler. */
export interface TaskOwner {
  cancelTask(task: Task, reason: unknown): boolean;
}

/** The options most tasks do not use: a signal, an error handler, dropLate. */
export class TaskExtras {
  signal: AbortSignal | null = null;
  onError: TaskErrorHandler | null = null;
  dropLate = false;
}

export class Task implements TaskHandle {
  callback: (() => unknown) | null;
  readonly owner: TaskOwner;
  state: number;
  /** Current level (0 = user-blocking); aging lowers it. */
  level: number;
  readonly postedLevel: number;
  /** Tie-break in heaps: the order in which tasks became runnable (or were posted, while delayed). */
  order: number;
  /** Absolute deadline, or null for none. */
  readonly deadline: number | null;
  /**
   * Only for tasks kept in a heap: while delayed, the due time; once runnable with a
   * deadline, when it became runnable. Null otherwise (the queue keeps that time).
   */
  runnableAt: number | null;
  extras: TaskExtras | null;
  /** The settlers of postTask's promise; null for schedule(). */
  resolve: ((value: unknown) => void) | null;
  reject: ((reason: unknown) => void) | null;

  constructor(owner: TaskOwner, callback: () => unknown, level: number, deadline: number | null, extras: TaskExtras | null) {
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
  }

  get status(): TaskStatus {
    return STATUS_NAMES[this.state];
  }

  get priority(): TaskPriority {
    return TASK_PRIORITIES[this.postedLevel];
  }

  cancel(): boolean {
    return this.owner.cancelTask(this, undefined);
  }

  /** Abort listener: the task object itself is registered on its signal. */
  handleEvent(): void {
    const signal = this.extras?.signal;
    if (signal) this.owner.cancelTask(this, abortReason(signal));
  }

  /** Drops what a finished task no longer needs, so the record holds no user data. */
  release(): void {
    this.callback = null;
    this.resolve = null;
    this.reject = null;
    const extras = this.extras;
    if (extras === null) return;
    this.extras = null;
    if (extras.signal !== null) extras.signal.removeEventListener('abort', this);
  }
}
