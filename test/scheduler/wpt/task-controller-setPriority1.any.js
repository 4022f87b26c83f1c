// Scheduler: TaskController.setPriority().
// Ported from web-platform-tests/wpt, scheduler/task-controller-setPriority1.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-controller-setPriority1.any.js, commit 1359e8e4624d10ceb0bf55bcb1cb2903141c6d38).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(async () => {
  const controller = new TaskController();
  const { signal } = controller;
  const order = [];
  const tasks = [];
  for (let i = 0; i < 5; i++) tasks.push(scheduler.postTask(() => order.push(i), { signal }));
  tasks.push(scheduler.postTask(() => order.push(5), { priority: 'user-blocking' }));
  tasks.push(scheduler.postTask(() => order.push(6), { priority: 'user-visible' }));
  controller.setPriority('background');
  assert_equals(signal.priority, 'background');
  await Promise.all(tasks);
  assert_equals(order.join(), '5,6,0,1,2,3,4');
}, 'Test that TaskController.setPriority() changes the priority of all associated tasks');
