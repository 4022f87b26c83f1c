// Argument checks for the scheduler. Wrong kind of value: TypeError; right kind,
// wrong value: RangeError. Every message names the method and the argument.

import { TASK_PRIORITIES, type Clock, type SchedulerOptions, type TaskErrorHandler } from './types';

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string '${value}'`;
  return typeof value;
}

/** The level (index in TASK_PRIORITIES) of a priority name. */
export function priorityLevel(value: unknown, where: string): number {
  switch (value) {
    case 'user-blocking':
      return 0;
    case 'user-visible':
      return 1;
    case 'background':
      return 2;
  }
  const choices = TASK_PRIORITIES.map((name) => `'${name}'`).join(', ');
  if (typeof value !== 'string') {
    throw new TypeError(`${where}: options.priority must be one of ${choices}, got ${describe(value)}`);
  }
  throw new RangeError(`${where}: options.priority must be one of ${choices}, got '${value}'`);
}

export function checkCallback(value: unknown, where: string): void {
  if (typeof value !== 'function') {
    throw new TypeError(`${where}: callback must be a function, got ${describe(value)}`);
  }
}

export function checkObject(value: unknown, name: string, where: string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${where}: ${name} must be an object, got ${describe(value)}`);
  }
}

function checkNumberType(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number') throw new TypeError(`${where}: ${name} must be a number, got ${describe(value)}`);
  if (value !== value) throw new RangeError(`${where}: ${name} must not be NaN`);
  return value;
}

/** A deadline: any number but NaN and -Infinity; Infinity means none. */
export function checkDeadline(value: unknown, where: string): number {
  const deadline = checkNumberType(value, 'options.deadline', where);
  if (deadline === -Infinity) throw new RangeError(`${where}: options.deadline must not be -Infinity`);
  return deadline;
}

/** A delay: finite and >= 0. */
export function checkDelay(value: unknown, where: string): number {
  const delay = checkNumberType(value, 'options.delay', where);
  if (delay < 0) throw new RangeError(`${where}: options.delay must be >= 0, got ${delay}`);
  if (delay === Infinity) throw new RangeError(`${where}: options.delay must be finite, got Infinity`);
  return delay;
}

export function checkSignal(value: unknown, where: string): AbortSignal {
  const signal = value as AbortSignal | null;
  if (
    signal === null ||
    typeof signal !== 'object' ||
    typeof signal.aborted !== 'boolean' ||
    typeof signal.addEventListener !== 'function' ||
    typeof signal.removeEventListener !== 'function'
  ) {
    throw new TypeError(`${where}: options.signal must be an AbortSignal, got ${describe(value)}`);
  }
  return signal;
}

export function checkBoolean(value: unknown, name: string, where: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${where}: ${name} must be a boolean, got ${describe(value)}`);
  return value;
}

export function checkErrorHandler(value: unknown, name: string, where: string): TaskErrorHandler {
  if (typeof value !== 'function') throw new TypeError(`${where}: ${name} must be a function, got ${describe(value)}`);
  return value as TaskErrorHandler;
}

export interface ResolvedSchedulerOptions {
  clock: Clock;
  sliceMs: number;
  maxQueue: number;
  agingMs: number;
  onError: TaskErrorHandler;
}

function defaultClock(): Clock {
  const performanceApi = (globalThis as { performance?: Performance }).performance;
  if (performanceApi !== undefined && typeof performanceApi.now === 'function') {
    return performanceApi.now.bind(performanceApi);
  }
  return Date.now;
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

export function resolveSchedulerOptions(options: SchedulerOptions | undefined): ResolvedSchedulerOptions {
  const where = 'new Scheduler';
  const resolved: ResolvedSchedulerOptions = {
    clock: defaultClock(),
    sliceMs: 5,
    maxQueue: Infinity,
    agingMs: 1000,
    onError: reportUncaught,
  };
  if (options === undefined) return resolved;
  checkObject(options, 'options', where);
  if (options.clock !== undefined) {
    if (typeof options.clock !== 'function') {
      throw new TypeError(`${where}: options.clock must be a function returning a number, got ${describe(options.clock)}`);
    }
    const performanceApi = (globalThis as { performance?: Performance }).performance;
    // An unbound performance.now would throw "Illegal invocation" when called.
    resolved.clock = options.clock === performanceApi?.now ? defaultClock() : options.clock;
    const sample = resolved.clock();
    if (typeof sample !== 'number' || sample !== sample) {
      throw new TypeError(`${where}: options.clock must return a number, returned ${describe(sample)}`);
    }
  }
  if (options.sliceMs !== undefined) {
    const sliceMs = checkNumberType(options.sliceMs, 'options.sliceMs', where);
    if (sliceMs < 0 || sliceMs === Infinity) {
      throw new RangeError(`${where}: options.sliceMs must be finite and >= 0, got ${sliceMs}`);
    }
    resolved.sliceMs = sliceMs;
  }
  if (options.maxQueue !== undefined) {
    const maxQueue = checkNumberType(options.maxQueue, 'options.maxQueue', where);
    if (maxQueue < 1 || (maxQueue !== Infinity && !Number.isInteger(maxQueue))) {
      throw new RangeError(`${where}: options.maxQueue must be a whole number >= 1 or Infinity, got ${maxQueue}`);
    }
    resolved.maxQueue = maxQueue;
  }
  if (options.agingMs !== undefined) {
    const agingMs = checkNumberType(options.agingMs, 'options.agingMs', where);
    if (agingMs <= 0) throw new RangeError(`${where}: options.agingMs must be > 0 (Infinity turns aging off), got ${agingMs}`);
    resolved.agingMs = agingMs;
  }
  if (options.onError !== undefined) resolved.onError = checkErrorHandler(options.onError, 'options.onError', where);
  return resolved;
}
