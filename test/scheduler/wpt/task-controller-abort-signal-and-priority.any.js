// Scheduler: TaskController.abort() with Signal and Priority.
// Ported from web-platform-tests/wpt, scheduler/task-controller-abort-signal-and-priority.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-controller-abort-signal-and-priority.any.js, commit 37ae1c0f315ac307d5a66d26574f09d5efb69047).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(async (t) => {
  const controller = new TaskController();
  const { signal } = controller;
  const withSignal = scheduler.postTask(() => {}, { signal });
  const withSignalAndPriority = scheduler.postTask(() => {}, { priority: 'background', signal });
  controller.abort();
  await promise_rejects_dom(t, 'AbortError', withSignal);
  await promise_rejects_dom(t, 'AbortError', withSignalAndPriority);
}, 'Test that when scheduler.postTask() is given both a signal and priority, the signal abort is honored');
