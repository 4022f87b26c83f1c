// Scheduler: postTask Delayed Tasks.
// Ported from web-platform-tests/wpt, scheduler/post-task-delay.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-delay.any.js, commit cc4650aeb3085d20e51750a6d7b6abd99e687a83).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(async () => {
  const postedAt = performance.now();
  await scheduler.postTask(() => {
    assert_greater_than_equal(performance.now() - postedAt, 10);
  }, { priority: 'user-blocking', delay: 10 });
}, 'Tests basic scheduler.postTask with a delay');
