// Scheduler: TaskController.abort() Aborts Correct Task.
// Ported from web-platform-tests/wpt, scheduler/task-controller-abort2.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-controller-abort2.any.js, commit 221bbd41914221de136ec3ea624fc2b5920b2463).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(async (t) => {
  const controllers = [0, 1, 2, 3, 4].map(() => new TaskController());
  const results = controllers.map((controller, i) => scheduler.postTask(() => i, { signal: controller.signal }));
  const [aborted] = results.splice(2, 1);
  controllers[2].abort();
  await promise_rejects_dom(t, 'AbortError', aborted);
  assert_equals((await Promise.all(results)).join(), '0,1,3,4');
}, 'Test aborting a task aborts the appropriate task');
