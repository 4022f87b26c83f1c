// Scheduler: Change Delayed Task Priority.
// Ported from web-platform-tests/wpt, scheduler/task-controller-setPriority-delayed-task.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-controller-setPriority-delayed-task.any.js, commit 221bbd41914221de136ec3ea624fc2b5920b2463).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(() => {
  let ran = 0;
  const postedAt = performance.now();
  const controller = new TaskController({ priority: 'background' });
  const first = scheduler.postTask(() => {
    assert_equals(++ran, 1);
    controller.setPriority('user-blocking');
  }, { priority: 'user-blocking', delay: 10 });
  const second = scheduler.postTask(() => {
    assert_equals(++ran, 2);
    // A priority change does not shorten the delay.
    assert_greater_than_equal(performance.now() - postedAt, 20);
  }, { signal: controller.signal, delay: 20 });
  return Promise.all([first, second]);
}, "Tests delay when changing a delayed task's priority");
