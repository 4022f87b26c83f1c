// Scheduler: postTask Error Propagation.
// Ported from web-platform-tests/wpt, scheduler/post-task-result-throws.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-result-throws.any.js, commit 8da7cf8130762434c565df0130c05f65afd31a28).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test((t) => {
  const failure = new Error('Failed');
  const pending = scheduler.postTask(() => {
    throw failure;
  });
  return promise_rejects_exactly(t, failure, pending, 'postTask should propagate the error');
}, 'Test postTask rejects the associated promise with the callback error');
