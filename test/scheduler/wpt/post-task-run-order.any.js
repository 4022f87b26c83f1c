// Scheduler: Tasks Run in Priority Order.
// Ported from web-platform-tests/wpt, scheduler/post-task-run-order.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-run-order.any.js, commit 221bbd41914221de136ec3ea624fc2b5920b2463).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(async () => {
  const order = [];
  const post = (id, priority) => scheduler.postTask(() => order.push(id), { priority });
  // Posted lowest priority first; they must run highest first, FIFO within a priority.
  await Promise.all([
    post('B1', 'background'),
    post('B2', 'background'),
    post('UV1', 'user-visible'),
    post('UV2', 'user-visible'),
    post('UB1', 'user-blocking'),
    post('UB2', 'user-blocking'),
  ]);
  assert_equals(order.join(), 'UB1,UB2,UV1,UV2,B1,B2');
}, 'Test scheduler.postTask task run in priority order');
