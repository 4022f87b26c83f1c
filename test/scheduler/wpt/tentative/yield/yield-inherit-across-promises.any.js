// Scheduler: yield() inherits the scheduling state across promises.
// Ported from web-platform-tests/wpt, scheduler/tentative/yield/yield-inherit-across-promises.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/tentative/yield/yield-inherit-across-promises.any.js, commit 1cae9ec3e1dc3332efb6a7a6dd31a0cc2f9ab576).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see LICENSE.md in this folder.
'use strict';

// Upstream fetches '/common/blank.html'; here the runner gives a URL that answers
// (globalThis.wptBlankUrl: a data: URL in Node, a page of the test server in Chromium).

// A task that awaits a timer, a fetch and another timer, then races a yield()
// continuation against a subtask.
function postTaskThatYieldsAfterAwaits(taskOptions, subtaskPriority) {
  const ids = [];
  const task = scheduler.postTask(async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fetch(globalThis.wptBlankUrl);
    await new Promise((resolve) => setTimeout(resolve));
    const subtask = scheduler.postTask(() => ids.push('subtask'), { priority: subtaskPriority });
    await scheduler.yield();
    ids.push('yield');
    await subtask;
  }, taskOptions);
  return { task, ids };
}

for (const priority of ['user-blocking', 'background']) {
  const expected = priority === 'user-blocking' ? 'yield,subtask' : 'subtask,yield';
  promise_test(async () => {
    const { task, ids } = postTaskThatYieldsAfterAwaits({ priority }, 'user-blocking');
    await task;
    assert_equals(ids.join(), expected);
  }, `yield() inherits priority (string) across promises (${priority})`);

  promise_test(async () => {
    const { signal } = new TaskController({ priority });
    const { task, ids } = postTaskThatYieldsAfterAwaits({ signal }, 'user-blocking');
    await task;
    assert_equals(ids.join(), expected);
  }, `yield() inherits priority (signal) across promises (${priority})`);
}

promise_test(async (t) => {
  const controller = new TaskController();
  return scheduler.postTask(async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fetch(globalThis.wptBlankUrl);
    await new Promise((resolve) => setTimeout(resolve));
    controller.abort();
    await promise_rejects_dom(t, 'AbortError', scheduler.yield());
  }, { signal: controller.signal });
}, 'yield() inherits abort across promises');

promise_test(async () => {
  const ids = [];
  let resolveFirst;
  // The reaction below is bound to the state current when then() is called (none), not
  // to the state of the user-blocking task that resolves the promise.
  const first = new Promise((resolve) => (resolveFirst = resolve)).then(async () => {
    await scheduler.yield();
    ids.push('continuation');
  });
  await scheduler.postTask(resolveFirst, { priority: 'user-blocking' });
  const second = scheduler.postTask(() => ids.push('task'), { priority: 'user-blocking' });
  await Promise.all([first, second]);
  assert_equals(ids.join(), 'task,continuation');
}, 'yield() inherits .then() context, not resolve context');

promise_test(async () => {
  const ids = [];
  let resolveFirst;
  // Bound to no state: its yield() has the default priority.
  const first = new Promise((resolve) => (resolveFirst = resolve)).then(async () => {
    ids.push('p1-start');
    await scheduler.yield();
    ids.push('p1-continuation');
  });
  // Resolves `first`, then queues a microtask that must inherit 'user-blocking'.
  const second = scheduler.postTask(async () => {
    resolveFirst();
    queueMicrotask(async () => {
      ids.push('p2-start');
      await scheduler.yield();
      ids.push('p2-continuation');
    });
  }, { priority: 'user-blocking' });
  // Both yields happen in the microtasks after `second`; only the user-blocking
  // continuation comes before this task.
  const third = scheduler.postTask(() => ids.push('p3'), { priority: 'user-blocking' });
  await Promise.all([first, second, third]);
  assert_equals(ids.join(), 'p1-start,p2-start,p2-continuation,p3,p1-continuation');
}, 'yield() inherits priority in queueMicrotask()');
