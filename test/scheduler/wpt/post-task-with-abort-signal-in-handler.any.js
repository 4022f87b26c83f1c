// Scheduler: postTask with a signal and abort the signal when running the callback.
// Ported from web-platform-tests/wpt, scheduler/post-task-with-abort-signal-in-handler.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-with-abort-signal-in-handler.any.js, commit 221bbd41914221de136ec3ea624fc2b5920b2463).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test((t) => {
  const controller = new TaskController();
  const pending = scheduler.postTask(() => controller.abort(), { signal: controller.signal });
  return promise_rejects_dom(t, 'AbortError', pending);
}, 'Posting a task with a signal and abort the signal when running the sync callback');

promise_test((t) => {
  const controller = new TaskController();
  // Aborted after the callback has returned its promise: the task is not aborted.
  return scheduler.postTask(async () => {
    await new Promise((resolve) => t.step_timeout(resolve, 0));
    controller.abort();
  }, { signal: controller.signal });
}, 'Posting a task with a signal and abort the signal when running the async callback');
