// Scheduler: yield() and abort.
// Ported from web-platform-tests/wpt, scheduler/tentative/yield/yield-abort.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/tentative/yield/yield-abort.any.js, commit 37ae1c0f315ac307d5a66d26574f09d5efb69047).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see LICENSE.md in this folder.
'use strict';

promise_test((t) => {
  const controller = new TaskController();
  const task = scheduler.postTask(async () => {
    controller.abort();
    // The continuation inherits the task's signal, already aborted.
    await promise_rejects_dom(t, 'AbortError', scheduler.yield());
  }, { signal: controller.signal });
  return promise_rejects_dom(t, 'AbortError', task);
}, 'yield() with an aborted signal');

promise_test((t) => {
  const controller = new TaskController();
  return scheduler.postTask(async () => {
    scheduler.postTask(async () => controller.abort(), { priority: 'user-blocking' });
    t.step(() => assert_false(controller.signal.aborted));
    await promise_rejects_dom(t, 'AbortError', scheduler.yield());
  }, { signal: controller.signal });
}, 'yield() aborted in a separate task');
