// Scheduler: scheduler should be replaceable.
// Ported from web-platform-tests/wpt, scheduler/scheduler-replaceable.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/scheduler-replaceable.any.js, commit 37ae1c0f315ac307d5a66d26574f09d5efb69047).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (./testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see ./LICENSE.md.
'use strict';

test(() => {
  // A page's own `Scheduler` class may take over the global name.
  class Scheduler {
    constructor() {
      scheduler = this;
    }
  }
  new Scheduler();
}, 'Tests replacing window.scheduler with a different object');
