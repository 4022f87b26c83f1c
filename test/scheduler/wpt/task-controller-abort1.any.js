// Scheduler: TaskController.abort() Basic Functionality.
// Ported from web-platform-tests/wpt, scheduler/task-controller-abort1.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-controller-abort1.any.js, commit 221bbd41914221de136ec3ea624fc2b5920b2463).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(async (t) => {
  const controller = new TaskController();
  let ran = false;
  const pending = scheduler.postTask(() => {
    ran = true;
  }, { signal: controller.signal });
  controller.abort();
  await promise_rejects_dom(t, 'AbortError', pending);
  assert_false(ran);
}, 'Test that TaskController.abort() prevents a task from running and rejects the promise');
