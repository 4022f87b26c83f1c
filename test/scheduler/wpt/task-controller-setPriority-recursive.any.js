// Scheduler: Recursive TaskController.setPriority().
// Ported from web-platform-tests/wpt, scheduler/task-controller-setPriority-recursive.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-controller-setPriority-recursive.any.js, commit 37ae1c0f315ac307d5a66d26574f09d5efb69047).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

async_test((t) => {
  const controller = new TaskController();
  controller.signal.onprioritychange = t.step_func_done(() => {
    assert_equals(controller.signal.priority, 'background');
    assert_throws_dom('NotAllowedError', () => controller.setPriority('user-blocking'));
  });
  controller.setPriority('background');
}, 'Test that TaskController.setPriority() throws an error if called recursively');
