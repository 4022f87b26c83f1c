// Scheduler: Basic Functionality without Signals.
// Ported from web-platform-tests/wpt, scheduler/post-task-without-signals.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-without-signals.any.js, commit 221bbd41914221de136ec3ea624fc2b5920b2463).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(async () => {
  for (const priority of ['user-blocking', 'user-visible', 'background']) {
    assert_equals(await scheduler.postTask(() => priority, { priority }), priority);
  }
}, 'Basic functionality for scheduler.postTask() without using TaskSignals');
