// Scheduler: Signal and Priority Combination.
// Ported from web-platform-tests/wpt, scheduler/post-task-with-signal-and-priority.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-with-signal-and-priority.any.js, commit d758fca541ff790bdb1dd86cf97b012d4b60d1af).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(async () => {
  const first = scheduler.postTask(() => 'task1', { priority: 'user-visible' });
  const { signal } = new TaskController({ priority: 'background' });
  // The explicit priority wins over the signal's.
  const second = scheduler.postTask(() => 'task2', { priority: 'user-blocking', signal });
  assert_equals('task2', await Promise.race([first, second]));
}, 'Test when scheduler.postTask() is passed both a signal and a priority');
