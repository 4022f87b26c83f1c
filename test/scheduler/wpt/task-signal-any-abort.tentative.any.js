// Scheduler: TaskSignal.any() aborts as AbortSignal.any() does.
// Ported from web-platform-tests/wpt, scheduler/task-signal-any-abort.tentative.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/task-signal-any-abort.tentative.any.js, commit 8da7cf8130762434c565df0130c05f65afd31a28).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see LICENSE.md in this folder.
// META: script=resources/abort-signal-any-tests.js
'use strict';

abortSignalAnySignalOnlyTests(TaskSignal);
abortSignalAnyTests(TaskSignal, AbortController);
abortSignalAnyTests(TaskSignal, TaskController);
