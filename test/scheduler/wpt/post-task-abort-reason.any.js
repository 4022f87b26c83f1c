// Scheduler: postTask uses abort reason.
// Ported from web-platform-tests/wpt, scheduler/post-task-abort-reason.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/post-task-abort-reason.any.js, commit 221bbd41914221de136ec3ea624fc2b5920b2463).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

for (const [kind, makeController] of [['TaskSignal', () => new TaskController()], ['AbortSignal', () => new AbortController()]]) {
  promise_test((t) => {
    const controller = makeController();
    const reason = new Error('Custom Abort Error');
    controller.abort(reason);
    return promise_rejects_exactly(t, reason, scheduler.postTask(() => {}, { signal: controller.signal }));
  }, `Calling postTask with an aborted ${kind} rejects the promise with the abort reason`);
}

for (const [kind, makeController] of [['TaskSignal', () => new TaskController()], ['AbortSignal', () => new AbortController()]]) {
  promise_test((t) => {
    const controller = makeController();
    const reason = new Error('Custom Abort Error');
    const pending = scheduler.postTask(() => {}, { signal: controller.signal });
    controller.abort(reason);
    return promise_rejects_exactly(t, reason, pending);
  }, `Aborting ${kind === 'TaskSignal' ? 'a TaskSignal' : 'an AbortSignal'} rejects the promise of a scheduled task with the abort reason`);
}
