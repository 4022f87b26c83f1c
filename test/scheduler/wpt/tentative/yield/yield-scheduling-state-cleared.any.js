// Scheduler: yield() scheduling state does not leak.
// Ported from web-platform-tests/wpt, scheduler/tentative/yield/yield-scheduling-state-cleared.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/tentative/yield/yield-scheduling-state-cleared.any.js, commit d758fca541ff790bdb1dd86cf97b012d4b60d1af).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see LICENSE.md in this folder.
'use strict';

promise_test(async () => {
  const ids = [];
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  // The timer runs after the background task; that task's priority must not reach it.
  scheduler.postTask(async () => {
    setTimeout(async () => {
      const task = scheduler.postTask(() => ids.push('task'), { priority: 'user-visible' });
      await scheduler.yield();
      ids.push('continuation');
      await task;
      finish();
    });
  }, { priority: 'background' });
  await finished;
  assert_equals(ids.join(), 'continuation,task');
}, 'yield() does not leak priority across tasks');
