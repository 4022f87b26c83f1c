// Scheduler: TaskController.setPriority() repeated calls.
// Ported from web-platform-tests/wpt, scheduler/task-controller-setPriority-repeated.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-controller-setPriority-repeated.any.js, commit d758fca541ff790bdb1dd86cf97b012d4b60d1af).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

function postThree(signal, order, ids) {
  return [
    scheduler.postTask(() => order.push(ids[0]), { signal }),
    scheduler.postTask(() => order.push(ids[1]), { priority: 'user-blocking' }),
    scheduler.postTask(() => order.push(ids[2]), { priority: 'user-visible' }),
  ];
}

promise_test(async () => {
  const controller = new TaskController();
  const { signal } = controller;

  let order = [];
  let tasks = postThree(signal, order, [0, 1, 2]);
  controller.setPriority('background');
  assert_equals(signal.priority, 'background');
  await Promise.all(tasks);
  assert_equals(order.join(), '1,2,0');

  order = [];
  tasks = postThree(signal, order, [3, 4, 5]);
  controller.setPriority('user-blocking');
  assert_equals(signal.priority, 'user-blocking');
  await Promise.all(tasks);
  assert_equals(order.join(), '3,4,5');
}, 'TaskController.setPriority() changes the priority of all associated tasks when called repeatedly');

promise_test(async () => {
  const controller = new TaskController();
  const { signal } = controller;
  const order = [];
  const tasks = postThree(signal, order, [0, 1, 2]);
  for (const priority of ['background', 'user-visible', 'user-blocking']) {
    controller.setPriority(priority);
    assert_equals(signal.priority, priority);
  }
  // Back at 'user-blocking', task 0 keeps its place: it was posted before task 1.
  await Promise.all(tasks);
  assert_equals(order.join(), '0,1,2');
}, 'TaskController.setPriority() changes the priority of all associated tasks when called repeatedly before tasks run');
