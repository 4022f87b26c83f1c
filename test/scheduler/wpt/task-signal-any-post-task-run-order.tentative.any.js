// Scheduler: Tasks Run in Priority Order.
// Ported from web-platform-tests/wpt, scheduler/task-signal-any-post-task-run-order.tentative.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-signal-any-post-task-run-order.tentative.any.js, commit 8da7cf8130762434c565df0130c05f65afd31a28).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

function postWith(order, id, signalOrPriority) {
  const options = signalOrPriority instanceof TaskSignal ? { signal: signalOrPriority } : { priority: signalOrPriority };
  return scheduler.postTask(() => order.push(id), options);
}

/** B1 and B2 with `signal`, then two 'user-visible' and two 'user-blocking' tasks. */
function postSignalTasksAndOthers(order, signal) {
  return [
    postWith(order, 'B1', signal),
    postWith(order, 'B2', signal),
    postWith(order, 'UV1', 'user-visible'),
    postWith(order, 'UV2', 'user-visible'),
    postWith(order, 'UB1', 'user-blocking'),
    postWith(order, 'UB2', 'user-blocking'),
  ];
}

promise_test(async () => {
  const order = [];
  const fixed = (priority) => TaskSignal.any([], { priority });
  await Promise.all([
    postWith(order, 'B1', fixed('background')),
    postWith(order, 'B2', fixed('background')),
    postWith(order, 'UV1', fixed('user-visible')),
    postWith(order, 'UV2', fixed('user-visible')),
    postWith(order, 'UB1', fixed('user-blocking')),
    postWith(order, 'UB2', fixed('user-blocking')),
  ]);
  assert_equals(order.join(), 'UB1,UB2,UV1,UV2,B1,B2');
}, 'scheduler.postTask() tasks run in priority order with a fixed priority composite signal');

promise_test(async () => {
  const order = [];
  const controller = new TaskController({ priority: 'user-blocking' });
  const follower = TaskSignal.any([], { priority: controller.signal });
  const tasks = postSignalTasksAndOthers(order, follower);
  controller.setPriority('background'); // the composite signal follows its source
  await Promise.all(tasks);
  assert_equals(order.join(), 'UB1,UB2,UV1,UV2,B1,B2');
}, 'scheduler.postTask() tasks run in priority order with a dynamic priority composite signal');

promise_test(async () => {
  const order = [];
  const source = TaskSignal.any([], { priority: 'background' });
  const follower = TaskSignal.any([], { priority: source });
  await Promise.all(postSignalTasksAndOthers(order, follower));
  assert_equals(order.join(), 'UB1,UB2,UV1,UV2,B1,B2');
}, 'scheduler.postTask() tasks run in priority order with a composite signal whose source has fixed priority');
