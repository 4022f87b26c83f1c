// Scheduler: postTask and AbortSignal.
// Ported from web-platform-tests/wpt, scheduler/post-task-with-abort-signal.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-with-abort-signal.any.js, commit 37ae1c0f315ac307d5a66d26574f09d5efb69047).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test((t) => {
  const controller = new AbortController();
  const pending = scheduler.postTask(() => {}, { signal: controller.signal });
  controller.abort();
  return promise_rejects_dom(t, 'AbortError', pending);
}, 'Test that scheduler.postTask() accepts an AbortSignal that is not also a TaskSignal');
