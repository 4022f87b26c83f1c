// The WPT scheduler tests ported here, and the ones that cannot pass, per implementation,
// with the reason. Read by wpt.test.ts (Node, Midstream's Scheduler) and by
// test/browser/pages/scheduler-wpt.html (Chromium: Midstream's bundle and the native
// scheduler). A listed test must fail (so that the list stays true); any other must pass.
/** Why Midstream's yield() cannot inherit across promises in a browser. */
const NO_ASYNC_CONTEXT =
  "needs the running task's scheduling state carried through promise jobs (HostMakeJobCallback in the spec); script cannot do that in browsers (no AsyncContext yet), so there Midstream's yield() knows the running task only while its callback runs synchronously and in the microtask that resumes an awaited yield() (in Node a promise hook carries it: src/scheduler/context.ts)";
/** Why a test that needs microtasks to run between two tasks fails wherever Midstream runs. */
const NO_MICROTASK_CHECKPOINT =
  "Midstream runs the tasks of a slice back to back in one host turn, so the microtasks a task queues run after the slice's later tasks (here 'p3' comes before 'p1-start'); the browser runs microtasks after every task. Inheritance itself holds: 'p2-continuation' (user-blocking, inherited in queueMicrotask) comes before 'p1-continuation'";

/** [file, test name, why]: failures of Midstream's Scheduler where script cannot carry context (browsers). */
const midstreamWithoutAsyncContext = [
  ['tentative/yield/yield-inherit-abort-across-settled-promises.any.js', 'yield() inherits abort across a pending promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-abort-across-settled-promises.any.js', 'yield() inherits abort across an await of a settled promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-abort-across-settled-promises.any.js', 'yield() inherits abort across an await of a non-promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-abort-across-settled-promises.any.js', 'yield() inherits abort in then() on a settled promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-abort-across-settled-promises.any.js', 'yield() inherits abort in a chained then() on a settled promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-abort-across-settled-promises.any.js', 'yield() inherits abort across an await of a thenable', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-abort-across-settled-promises.any.js', 'yield() inherits abort in a thenable then()', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-settled-promises.any.js', 'yield() inherits priority across a pending promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-settled-promises.any.js', 'yield() inherits priority across an await of a settled promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-settled-promises.any.js', 'yield() inherits priority across an await of a non-promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-settled-promises.any.js', 'yield() inherits priority in then() on a settled promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-settled-promises.any.js', 'yield() inherits priority in a chained then() on a settled promise', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-settled-promises.any.js', 'yield() inherits priority across an await of a thenable', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-settled-promises.any.js', 'yield() inherits priority in a thenable then()', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-settled-promises.any.js', 'yield() inherits priority across a promise resolved with a thenable', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-promises.any.js', 'yield() inherits priority (string) across promises (user-blocking)', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-promises.any.js', 'yield() inherits priority (signal) across promises (user-blocking)', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-promises.any.js', 'yield() inherits abort across promises', NO_ASYNC_CONTEXT],
  ['tentative/yield/yield-inherit-across-promises.any.js', 'yield() inherits priority in queueMicrotask()', `${NO_ASYNC_CONTEXT}; and ${NO_MICROTASK_CHECKPOINT}`],
];

/** The same test where context is carried (Node): only the microtask checkpoint is missing. */
const microtaskCheckpoint = [
  ['tentative/yield/yield-inherit-across-promises.any.js', 'yield() inherits priority in queueMicrotask()', NO_MICROTASK_CHECKPOINT],
];

const key = ([file, name]) => `${file} | ${name}`;
const table = (rows) => Object.fromEntries(rows.map((row) => [key(row), row[2]]));

globalThis.wptManifest = {
  files: [
    'post-task-abort-reason.any.js',
    'post-task-delay.any.js',
    'post-task-result-success.any.js',
    'post-task-result-throws.any.js',
    'post-task-run-order.any.js',
    'post-task-with-abort-signal-in-handler.any.js',
    'post-task-with-abort-signal.any.js',
    'post-task-with-aborted-signal.any.js',
    'post-task-with-signal-and-priority.any.js',
    'post-task-without-signals.any.js',
    'scheduler-replaceable.any.js',
    'task-controller-abort-signal-and-priority.any.js',
    'task-controller-abort1.any.js',
    'task-controller-abort2.any.js',
    'task-controller-setPriority-delayed-task.any.js',
    'task-controller-setPriority-recursive.any.js',
    'task-controller-setPriority-repeated.any.js',
    'task-controller-setPriority1.any.js',
    'task-signal-any-abort.tentative.any.js',
    'task-signal-any-post-task-run-order.tentative.any.js',
    'task-signal-onprioritychange.any.js',
    'tentative/yield/yield-abort.any.js',
    'tentative/yield/yield-inherit-abort-across-settled-promises.any.js',
    'tentative/yield/yield-inherit-across-promises.any.js',
    'tentative/yield/yield-inherit-across-settled-promises.any.js',
    'tentative/yield/yield-priority-posttask.any.js',
    'tentative/yield/yield-priority-timers.any.js',
    'tentative/yield/yield-scheduling-state-cleared.any.js',
  ],
  /** 'file | test name' -> why it cannot pass. Keys for every environment, then per environment. */
  expectedFailures: {
    'midstream-node': table([
      ...microtaskCheckpoint,
      [
        'tentative/yield/yield-priority-timers.any.js',
        'yield() with timer tasks (inherit signal)',
        "Node runs every due setTimeout callback in one timers phase, before any setImmediate or MessageChannel turn, so no script scheduler can slip a continuation between two timers that are due together",
      ],
    ]),
    'midstream-chromium': table([
      ...midstreamWithoutAsyncContext,
      [
        'tentative/yield/yield-priority-timers.any.js',
        'yield() with timer tasks (inherit signal)',
        "Chromium runs timer tasks that are already due before a MessageChannel message posted after them; its native continuations have a queue above timers, a script scheduler's turn does not",
      ],
    ]),
    'native-chromium': table(
      [
        'yield() with different priority from task (priority)',
        'yield() with different priority from task (signal)',
        'yield() mixed inheritance and default',
      ].map((name) => [
        'tentative/yield/yield-priority-posttask.any.js',
        name,
        'Chromium ships scheduler.yield() without options (it always inherits); these tentative tests give yield() a priority or signal of its own',
      ]),
    ),
  },
  /** Not run at all: they fail inside the host itself, not in the code under test. */
  skipped: {
    'midstream-node': table(
      ['(using AbortController)', '(using TaskController)'].flatMap((using) => [
        [
          'task-signal-any-abort.tentative.any.js',
          `Dependent signals for TaskSignal.any() are marked aborted before abort events fire ${using}`,
          "Node 20's own AbortSignal.any (which TaskSignal.any builds on) fails this with plain AbortSignals and throws ERR_INTERNAL_ASSERTION from its event target",
        ],
        [
          'task-signal-any-abort.tentative.any.js',
          `Dependent signals for TaskSignal.any() are aborted correctly for reentrant aborts ${using}`,
          "Node 20's own AbortSignal.any (which TaskSignal.any builds on) takes the reason of the reentrant abort ('reason 2') with plain AbortSignals too",
        ],
      ]),
    ),
    'midstream-chromium': {},
    'native-chromium': {},
  },
};
