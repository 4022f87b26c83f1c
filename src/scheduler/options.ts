// Option resolution for the scheduler, on top of the shared checks in src/validate.ts
// (wrong kind of value: TypeError; right kind, wrong value: RangeError; null and
// undefined options mean the defaults).

import {
  checkAbortSignal,
  checkBoolean,
  checkFunction,
  checkNumber,
  checkOptions,
  checkChoice,
} from '../validate';
import { taskSignalLevel } from './signals';
import {
  ASYNC_CONTEXT_MODES,
  TASK_PRIORITIES,
  type AsyncContextMode,
  type Clock,
  type ScheduleOptions,
  type SchedulerOptions,
  type TaskErrorHandler,
  type TaskPriority,
} from './types';

/** 'user-visible', as in the browser's postTask. */
export const DEFAULT_LEVEL = 1;

/** The level (index in TASK_PRIORITIES) of a priority name. */
export function priorityLevel(value: unknown, name: string, where: string): number {
  switch (value) {
    case 'user-blocking':
      return 0;
    case 'user-visible':
      return 1;
    case 'background':
      return 2;
  }
  return TASK_PRIORITIES.indexOf(checkChoice<TaskPriority>(value, TASK_PRIORITIES, name, where));
}

export interface ResolvedSchedulerOptions {
  clock: Clock;
  /** The clock is performance.now: monotonic real time, so a slice it ends needs no other bound. */
  monotonicClock: boolean;
  sliceMs: number;
  maxQueue: number;
  agingMs: number;
  onError: TaskErrorHandler;
  asyncContext: AsyncContextMode;
}

function performanceApi(): Performance | undefined {
  const api = (globalThis as { performance?: Performance }).performance;
  return api !== undefined && typeof api.now === 'function' ? api : undefined;
}

/** The best real-time clock of this global scope: performance.now, else Date.now (which can step back). */
export function realTimeClock(): Clock {
  const api = performanceApi();
  // An arrow, not api.now.bind(api): V8 inlines it, and the reading then costs one heap number fewer per task.
  return api !== undefined ? () => api.now() : Date.now;
}

/** Reports an error that nobody else receives, without throwing and without an unhandled rejection. */
export function reportUncaught(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === 'function') {
    try {
      report(error);
      return;
    } catch {
      // fall through to the console
    }
  }
  if (typeof console !== 'undefined') console.error('Midstream Scheduler: a scheduled task failed:', error);
}

function checkClock(value: unknown, where: string): Clock {
  const clock = checkFunction<Clock>(value, 'options.clock', where);
  const performanceApi = (globalThis as { performance?: Performance }).performance;
  // An unbound performance.now would throw "Illegal invocation" when called.
  const usable = clock === performanceApi?.now ? realTimeClock() : clock;
  // The first call: a clock that cannot tell the time is refused here, not discovered later.
  const sample: unknown = usable();
  if (typeof sample !== 'number') {
    throw new TypeError(`${where}: options.clock must return a finite number, returned ${typeof sample}`);
  }
  if (!Number.isFinite(sample)) {
    throw new RangeError(`${where}: options.clock must return a finite number, returned ${sample}`);
  }
  return usable;
}

export function resolveSchedulerOptions(options: SchedulerOptions | null | undefined): ResolvedSchedulerOptions {
  const where = 'new Scheduler';
  const given = checkOptions(options ?? undefined, where);
  const agingMs = given.agingMs === undefined ? 1000 : checkNumber(given.agingMs, 'options.agingMs', where, { infinite: true });
  if (agingMs <= 0) throw new RangeError(`${where}: options.agingMs must be > 0 (Infinity turns aging off), got ${agingMs}`);
  const clock = given.clock === undefined ? realTimeClock() : checkClock(given.clock, where);
  return {
    clock,
    monotonicClock: given.clock === undefined ? performanceApi() !== undefined : given.clock === performanceApi()?.now,
    sliceMs: given.sliceMs === undefined ? 5 : checkNumber(given.sliceMs, 'options.sliceMs', where, { min: 0 }),
    maxQueue:
      given.maxQueue === undefined
        ? Infinity
        : checkNumber(given.maxQueue, 'options.maxQueue', where, { min: 1, integer: true, infinite: true }),
    agingMs,
    onError: given.onError === undefined ? reportUncaught : checkFunction<TaskErrorHandler>(given.onError, 'options.onError', where),
    asyncContext:
      given.asyncContext === undefined ? 'lazy' : checkChoice(given.asyncContext, ASYNC_CONTEXT_MODES, 'options.asyncContext', where),
  };
}

/** A task's options after the checks. */
export interface ParsedTaskOptions {
  level: number;
  /** Absolute deadline, or null for none. */
  deadline: number | null;
  delay: number;
  signal: AbortSignal | null;
  /** The TaskSignal whose priority the task follows (it gave no priority of its own), or null. */
  prioritySignal: AbortSignal | null;
  dropLate: boolean;
  onError: TaskErrorHandler | null;
}

/** What a task without options gets; shared, never changed. */
export const NO_TASK_OPTIONS: Readonly<ParsedTaskOptions> = Object.freeze({
  level: DEFAULT_LEVEL,
  deadline: null,
  delay: 0,
  signal: null,
  prioritySignal: null,
  dropLate: false,
  onError: null,
});

export function parseTaskOptions(
  options: ScheduleOptions | null | undefined,
  where: 'postTask' | 'schedule',
): Readonly<ParsedTaskOptions> {
  if (options === undefined || options === null) return NO_TASK_OPTIONS;
  const given = checkOptions(options, where);
  const signal = given.signal === undefined ? null : checkAbortSignal(given.signal, 'options.signal', where);
  let level = DEFAULT_LEVEL;
  let prioritySignal: AbortSignal | null = null;
  if (given.priority !== undefined) {
    level = priorityLevel(given.priority, 'options.priority', where);
  } else if (signal !== null) {
    const signalLevel = taskSignalLevel(signal);
    if (signalLevel !== -1) {
      level = signalLevel;
      prioritySignal = signal;
    }
  }
  let deadline: number | null = null;
  if (given.deadline !== undefined) {
    // Any number but NaN and -Infinity; Infinity means none.
    const value = checkNumber(given.deadline, 'options.deadline', where, { infinite: true });
    if (value !== Infinity) deadline = value;
  }
  return {
    level,
    deadline,
    delay: given.delay === undefined ? 0 : checkNumber(given.delay, 'options.delay', where, { min: 0 }),
    signal,
    prioritySignal,
    dropLate: given.dropLate === undefined ? false : checkBoolean(given.dropLate, 'options.dropLate', where),
    onError:
      where === 'schedule' && given.onError !== undefined
        ? checkFunction<TaskErrorHandler>(given.onError, 'options.onError', where)
        : null,
  };
}
