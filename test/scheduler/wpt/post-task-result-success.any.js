// Scheduler: postTask Promise Value.
// Ported from web-platform-tests/wpt, scheduler/post-task-result-success.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-result-success.any.js, commit 8da7cf8130762434c565df0130c05f65afd31a28).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

promise_test(async () => {
  assert_equals(await scheduler.postTask(() => 1234), 1234);
}, 'Test the task promise is resolved with the callback return value');
