// TaskController, TaskSignal and TaskPriorityChangeEvent, as in WICG Prioritized Task
// Scheduling (the browser's `scheduler.postTask` API).
//
// A TaskSignal must be a real AbortSignal (the platform's `aborted`, `reason`, abort
// events, AbortSignal.any and every API that takes a signal check for one), and user
// code cannot construct AbortSignals. So a TaskSignal is an AbortSignal made by the
// platform (by AbortController or AbortSignal.any) whose prototype is switched to
// TaskSignal.prototype (which inherits from AbortSignal.prototype), with its priority
// kept beside it in a WeakMap. Tasks with a plain AbortSignal or no signal never look
// at any of this beyond one WeakMap lookup at posting time (and only with a signal).

import { checkOptions, checkChoice } from '../validate';
import { TASK_PRIORITIES, type TaskPriority } from './types';

/** A queued task or continuation that takes its priority from a TaskSignal. */
export interface PriorityFollower {
  followPriority(level: number): void;
}

class TaskSignalState {
  level: number;
  /** Set while setPriority runs its algorithms and events: a nested setPriority is a NotAllowedError. */
  changing = false;
  handler: ((event: Event) => unknown) | null = null;
  handlerInstalled = false;
  /** Tasks waiting in some scheduler with this signal's priority; added and removed by the scheduler. */
  readonly followers = new Set<PriorityFollower>();
  /**
   * Signals made by TaskSignal.any({ priority: thisSignal }); they take every change of this
   * one. Held weakly where the host has WeakRef, so a long-lived source does not keep them.
   */
  dependents: { deref(): AbortSignal | undefined }[] = [];

  constructor(level: number) {
    this.level = level;
  }
}

const states = new WeakMap<AbortSignal, TaskSignalState>();

/** The level of a TaskSignal, or -1 for a signal that is not one. */
export function taskSignalLevel(signal: AbortSignal): number {
  const state = states.get(signal);
  return state === undefined ? -1 : state.level;
}

/** Registers a task to follow the priority of a TaskSignal while it waits. */
export function followSignalPriority(signal: AbortSignal, follower: PriorityFollower): void {
  states.get(signal)?.followers.add(follower);
}

export function unfollowSignalPriority(signal: AbortSignal, follower: PriorityFollower): void {
  states.get(signal)?.followers.delete(follower);
}

function stateOf(signal: unknown, where: string): TaskSignalState {
  const state = states.get(signal as AbortSignal);
  if (state === undefined) throw new TypeError(`${where}: called on an object that is not a TaskSignal`);
  return state;
}

function notAllowed(message: string): Error {
  if (typeof DOMException === 'function') return new DOMException(message, 'NotAllowedError');
  const error = new Error(message);
  error.name = 'NotAllowedError';
  return error;
}

// The platform classes this module extends; stand-ins where a host lacks them, so that
// loading Midstream never fails (using the classes there throws, as it should).
const PlatformEvent: typeof Event =
  typeof Event === 'function' ? Event : (class {} as unknown as typeof Event);
const PlatformAbortSignal: typeof AbortSignal =
  typeof AbortSignal === 'function' ? AbortSignal : (class {} as unknown as typeof AbortSignal);
const PlatformAbortController: typeof AbortController =
  typeof AbortController === 'function' ? AbortController : (class {} as unknown as typeof AbortController);

/** The event a TaskSignal fires when its priority changes; the new one is `event.target.priority`. */
export class TaskPriorityChangeEvent extends PlatformEvent {
  readonly previousPriority: TaskPriority;

  constructor(type: string, init: { previousPriority: TaskPriority }) {
    super(type);
    const where = 'new TaskPriorityChangeEvent';
    const given = checkOptions(init, where, 'init');
    this.previousPriority = checkChoice(given.previousPriority, TASK_PRIORITIES, 'init.previousPriority', where);
  }
}

/**
 * An AbortSignal with a priority. Made by `new TaskController()` (its `signal`) or
 * `TaskSignal.any()`; like the browser's, it cannot be constructed directly.
 */
export class TaskSignal extends PlatformAbortSignal {
  /** The priority of the tasks that use this signal (and give no priority of their own). */
  get priority(): TaskPriority {
    return TASK_PRIORITIES[stateOf(this, 'TaskSignal.priority').level];
  }

  get onprioritychange(): ((event: TaskPriorityChangeEvent) => unknown) | null {
    return stateOf(this, 'TaskSignal.onprioritychange').handler;
  }

  set onprioritychange(handler: ((event: TaskPriorityChangeEvent) => unknown) | null) {
    const state = stateOf(this, 'TaskSignal.onprioritychange');
    // As for every event handler attribute, a value that is not a function means none.
    state.handler = typeof handler === 'function' ? (handler as (event: Event) => unknown) : null;
    if (state.handlerInstalled) return;
    state.handlerInstalled = true;
    this.addEventListener('prioritychange', (event) => {
      const current = state.handler;
      if (current !== null) current.call(this, event);
    });
  }

  /**
   * A signal that aborts when any of `signals` aborts, with the priority `init.priority`:
   * a priority name (fixed), or a TaskSignal whose priority it takes now and follows later.
   * Default 'user-visible'.
   */
  static override any(signals: Iterable<AbortSignal>, init?: { priority?: TaskPriority | TaskSignal } | null): TaskSignal {
    const where = 'TaskSignal.any';
    const given = checkOptions(init ?? undefined, where, 'init');
    let level = 1;
    let source: TaskSignalState | undefined;
    if (given.priority !== undefined) {
      source = typeof given.priority === 'object' && given.priority !== null ? states.get(given.priority) : undefined;
      level =
        source !== undefined
          ? source.level
          : TASK_PRIORITIES.indexOf(checkChoice(given.priority, TASK_PRIORITIES, 'init.priority', where));
    }
    const combined = anySignal(Array.from(signals));
    const signal = makeTaskSignal(combined, level);
    if (source !== undefined) source.dependents.push(typeof WeakRef === 'function' ? new WeakRef(signal) : { deref: () => signal });
    return signal;
  }
}

/** AbortSignal.any where the host has it; a controller wired to the sources where it does not. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const platformAny = (PlatformAbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof platformAny === 'function') return platformAny.call(PlatformAbortSignal, signals);
  const controller = new PlatformAbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      return controller.signal;
    }
  }
  for (const signal of signals) signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

function makeTaskSignal(signal: AbortSignal, level: number): TaskSignal {
  Object.setPrototypeOf(signal, TaskSignal.prototype);
  states.set(signal, new TaskSignalState(level));
  return signal as TaskSignal;
}

/** The WICG "signal priority change" steps. */
function changePriority(signal: AbortSignal, level: number): void {
  const state = states.get(signal) as TaskSignalState;
  if (state.changing) throw notAllowed('TaskController.setPriority: called again while a priority change is under way');
  if (state.level === level) return;
  state.changing = true;
  const previousPriority = TASK_PRIORITIES[state.level];
  state.level = level;
  try {
    // Followers leave the set as they run; copy so that the walk sees each one once.
    for (const follower of Array.from(state.followers)) follower.followPriority(level);
    signal.dispatchEvent(new TaskPriorityChangeEvent('prioritychange', { previousPriority }));
    state.dependents = state.dependents.filter((reference) => reference.deref() !== undefined);
    for (const reference of state.dependents) changePriority(reference.deref() as AbortSignal, level);
  } finally {
    state.changing = false;
  }
}

/**
 * An AbortController whose `signal` is a TaskSignal: `abort()` cancels the tasks that use
 * it, `setPriority()` moves every waiting one to the new priority.
 */
export class TaskController extends PlatformAbortController {
  declare readonly signal: TaskSignal;

  constructor(init?: { priority?: TaskPriority } | null) {
    super();
    const where = 'new TaskController';
    const given = checkOptions(init ?? undefined, where, 'init');
    const level =
      given.priority === undefined
        ? 1
        : TASK_PRIORITIES.indexOf(checkChoice(given.priority, TASK_PRIORITIES, 'init.priority', where));
    makeTaskSignal(this.signal, level);
  }

  /**
   * Changes the signal's priority: waiting tasks that use it move (keeping their posting
   * order), then a 'prioritychange' event fires. Called from inside that change, it throws a
   * NotAllowedError DOMException, as in the browser.
   */
  setPriority(priority: TaskPriority): void {
    const level = TASK_PRIORITIES.indexOf(checkChoice(priority, TASK_PRIORITIES, 'priority', 'TaskController.setPriority'));
    changePriority(this.signal, level);
  }
}
