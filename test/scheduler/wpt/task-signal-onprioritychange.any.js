// Scheduler: TaskSignal onprioritychange.
// Ported from web-platform-tests/wpt, scheduler/task-signal-onprioritychange.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-signal-onprioritychange.any.js, commit 221bbd41914221de136ec3ea624fc2b5920b2463).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

async_test((t) => {
  const controller = new TaskController({ priority: 'user-visible' });
  controller.signal.onprioritychange = t.step_func_done((event) => {
    assert_equals(controller.signal.priority, 'background');
    assert_equals(event.type, 'prioritychange');
    assert_equals(event.target.priority, 'background');
    assert_equals(event.previousPriority, 'user-visible');
  });
  controller.setPriority('background');
}, 'Test that TaskSignal.onprioritychange listens for prioritychange events');
