// Carrying the running task through promise jobs, so that yield() after an await still
// inherits its task's priority and signal (the spec's "scheduling state", which the
// browser propagates with every promise job and queueMicrotask callback).
//
// - Where the engine has TC39's AsyncContext: an AsyncContext.Variable.
// - Node >= 20.16 (process.getBuiltinModule): an async_hooks init hook that copies the
//   task from the code creating a promise (or a queueMicrotask callback) onto that
//   promise, read back with executionAsyncResource(). Not AsyncLocalStorage: that would
//   also carry the task into timers, setImmediate and I/O callbacks, where the browser
//   starts with no task (WPT's yield-scheduling-state-cleared checks a timer).
// - Elsewhere (browsers today): none; yield() knows the task only synchronously.
//
// Cost: in Node any init hook turns on V8's promise hooks for the whole process, which
// made promise-heavy code two to four times slower on Node 20 (bench/scheduler.bench.ts,
// "The cost of yield()'s context carrier"). So nothing here runs until a Scheduler asks for the carrier,
// by default at the first yield() (SchedulerOptions.asyncContext); once installed, it
// serves every scheduler that does not turn it off (the cost is paid by then).
// Only globalThis features are used: no static `node:` import, the browser bundles include this.

/** What the carrier carries: the scheduler's Task record, or a stand-in for a plain task (core.ts). */
export type ContextValue = object;

export interface TaskContextCarrier {
  /** Calls `callback` with `task` as the context of its code and of the promise jobs it creates. */
  run<T>(task: ContextValue, callback: () => T): T;
  /**
   * The task of the code running now; undefined where the carrier does not know (code
   * outside any task, or in promise jobs created before the carrier was installed).
   */
  current(): ContextValue | undefined;
}

interface AsyncContextVariable {
  run<T>(value: unknown, callback: () => T): T;
  get(): unknown;
}

interface AsyncHooksModule {
  createHook(callbacks: { init(asyncId: number, type: string, triggerAsyncId: number, resource: object): void }): { enable(): unknown };
  executionAsyncResource(): object;
  executionAsyncId(): number;
}

const TASK = Symbol('midstream.scheduler.task');
type Resource = { [TASK]?: ContextValue };

function asyncContextCarrier(): TaskContextCarrier | null {
  const proposal = (globalThis as { AsyncContext?: { Variable?: new () => AsyncContextVariable } }).AsyncContext;
  if (typeof proposal?.Variable !== 'function') return null;
  const variable = new proposal.Variable();
  return {
    run: (task, callback) => variable.run(task, callback),
    current: () => variable.get() as ContextValue | undefined,
  };
}

function nodeHookCarrier(): TaskContextCarrier | null {
  const host = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  let hooks: AsyncHooksModule | undefined;
  try {
    hooks = host.process?.getBuiltinModule?.('node:async_hooks') as AsyncHooksModule | undefined;
  } catch {
    return null;
  }
  if (typeof hooks?.createHook !== 'function' || typeof hooks.executionAsyncResource !== 'function' || typeof hooks.executionAsyncId !== 'function') return null;
  const resourceLookup = hooks.executionAsyncResource as () => Resource;
  const idOf = hooks.executionAsyncId;
  // The dispatch loop runs many tasks in one resource (a setImmediate turn): the id, a typed
  // array read, tells when the last lookup still holds.
  let lastId = -1;
  let lastResource: Resource = {};
  const resourceOf = (): Resource => {
    const id = idOf();
    if (id !== lastId || id === 0) {
      // Ids are never reused; 0 (no JavaScript resource known) is never trusted.
      lastResource = resourceLookup();
      lastId = id;
    }
    return lastResource;
  };
  try {
    hooks
      .createHook({
        init(_asyncId, type, _triggerAsyncId, resource) {
          // Promise jobs and queueMicrotask callbacks only: timers and I/O start with no task.
          if (type === 'PROMISE' || type === 'Microtask') (resource as Resource)[TASK] = resourceOf()[TASK];
        },
      })
      .enable();
  } catch {
    return null; // a runtime with a stub async_hooks
  }
  return {
    run(task, callback) {
      const resource = resourceOf();
      const outer = resource[TASK];
      resource[TASK] = task;
      try {
        return callback();
      } finally {
        resource[TASK] = outer;
      }
    },
    current: () => resourceOf()[TASK],
  };
}

let installed: TaskContextCarrier | null | undefined;

/** Installs the process's carrier (once; later calls return it); null where the host offers none. */
export function installTaskContextCarrier(): TaskContextCarrier | null {
  if (installed === undefined) installed = asyncContextCarrier() ?? nodeHookCarrier();
  return installed;
}

/** The process's carrier if some scheduler installed it, else null. Installs nothing. */
export function installedTaskContextCarrier(): TaskContextCarrier | null {
  return installed ?? null;
}
