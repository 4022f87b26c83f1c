// Scheduler: yield() against timer tasks.
// Ported from web-platform-tests/wpt, scheduler/tentative/yield/yield-priority-timers.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/tentative/yield/yield-priority-timers.any.js, commit 37ae1c0f315ac307d5a66d26574f09d5efb69047).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see LICENSE.md in this folder.
'use strict';

promise_test(async () => {
  const ids = [];
  const timer = (body) => new Promise((resolve) => setTimeout(async () => resolve(await body())));
  const tasks = [
    timer(async () => {
      ids.push('t1');
      for (let i = 1; i <= 3; i++) {
        await scheduler.yield();
        ids.push(`y${i}`);
      }
    }),
    timer(() => ids.push('t2')),
    timer(() => ids.push('t3')),
  ];
  await Promise.all(tasks);
  assert_equals(ids.join(), 't1,y1,y2,y3,t2,t3');
}, 'yield() with timer tasks (inherit signal)');
