// Scheduler: postTask with an Aborted Signal.
// Ported from web-platform-tests/wpt, scheduler/post-task-with-aborted-signal.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-with-aborted-signal.any.js, commit 221bbd41914221de136ec3ea624fc2b5920b2463).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test((t) => {
  const controller = new TaskController();
  controller.abort();
  return promise_rejects_dom(t, 'AbortError', scheduler.postTask(() => {}, { signal: controller.signal }));
}, 'Posting a task with an aborted signal rejects with an AbortError');
