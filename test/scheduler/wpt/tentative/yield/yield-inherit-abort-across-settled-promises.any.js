// Scheduler: yield() inherits the abort signal across settled promises.
// Ported from web-platform-tests/wpt, scheduler/tentative/yield/yield-inherit-abort-across-settled-promises.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/tentative/yield/yield-inherit-abort-across-settled-promises.any.js, commit 451a99be5857740d3a7fee51ac610649c2fac995).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see LICENSE.md in this folder.
'use strict';

// The abort comes from a separate, later task, so only a signal inherited by the
// continuation itself can reject the yield() promise.
function yieldThenAbortFromAnotherTask(t, controller) {
  scheduler.postTask(() => controller.abort(), { priority: 'user-blocking' });
  t.step(() => assert_false(controller.signal.aborted));
  return promise_rejects_dom(t, 'AbortError', scheduler.yield());
}

function abortInheritanceTest(name, body) {
  promise_test(async (t) => {
    const controller = new TaskController();
    // The task may complete normally: the abort comes after its callback started.
    await scheduler.postTask(() => body(t, controller), { signal: controller.signal });
  }, name);
}

abortInheritanceTest('yield() inherits abort with no intervening promise', (t, c) => yieldThenAbortFromAnotherTask(t, c));
abortInheritanceTest('yield() inherits abort across a pending promise', async (t, c) => {
  await new Promise((resolve) => queueMicrotask(resolve));
  await yieldThenAbortFromAnotherTask(t, c);
});
abortInheritanceTest('yield() inherits abort across an await of a settled promise', async (t, c) => {
  await Promise.resolve();
  await yieldThenAbortFromAnotherTask(t, c);
});
abortInheritanceTest('yield() inherits abort across an await of a non-promise', async (t, c) => {
  await null;
  await yieldThenAbortFromAnotherTask(t, c);
});
abortInheritanceTest('yield() inherits abort in then() on a settled promise', (t, c) =>
  Promise.resolve().then(() => yieldThenAbortFromAnotherTask(t, c)),
);
abortInheritanceTest('yield() inherits abort in a chained then() on a settled promise', (t, c) =>
  Promise.resolve()
    .then(() => {})
    .then(() => yieldThenAbortFromAnotherTask(t, c)),
);
abortInheritanceTest('yield() inherits abort across an await of a thenable', async (t, c) => {
  await { then: (resolve) => resolve() };
  await yieldThenAbortFromAnotherTask(t, c);
});
abortInheritanceTest('yield() inherits abort in a thenable then()', (t, c) =>
  new Promise((resolve) => resolve({ then: (settle) => settle(yieldThenAbortFromAnotherTask(t, c)) })),
);
