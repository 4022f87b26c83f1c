// Errors the scheduler produces at run time (bad arguments throw TypeError/RangeError instead).

/** `postTask` rejects with this when a task with `dropLate` reached its turn after its deadline. */
export class DeadlineMissedError extends Error {
  /** The task's deadline and the time it would have started, in clock units. */
  readonly deadline: number;
  readonly startedAt: number;

  constructor(deadline: number, startedAt: number) {
    super(`task dropped: its deadline ${deadline} had passed when its turn came at ${startedAt}`);
    this.name = 'DeadlineMissedError';
    this.deadline = deadline;
    this.startedAt = startedAt;
  }
}

/** Refusal of a new task because `maxQueue` tasks are already waiting. */
export class QueueFullError extends Error {
  readonly maxQueue: number;

  constructor(maxQueue: number) {
    super(`scheduler queue is full: ${maxQueue} tasks are waiting (options.maxQueue)`);
    this.name = 'QueueFullError';
    this.maxQueue = maxQueue;
  }
}

/** The reason an aborted signal carries, or an AbortError where the platform gives none. */
export function abortReason(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  if (typeof DOMException === 'function') return new DOMException('The operation was aborted.', 'AbortError');
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}
