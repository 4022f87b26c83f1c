// Scheduler: yield() inherits priority across settled promises.
// Ported from web-platform-tests/wpt, scheduler/tentative/yield/yield-inherit-across-settled-promises.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/tentative/yield/yield-inherit-across-settled-promises.any.js, commit f9b43a6f0b9f70b42e2b5dfdaa8b829dd996f51b).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see LICENSE.md in this folder.
'use strict';

// Each test body runs in a 'background' task and races a yield() continuation against a
// 'user-visible' task posted just before it: with the priority inherited, the
// continuation is 'background' and runs second.
function raceYieldAgainstUserVisibleTask(ids) {
  const task = scheduler.postTask(() => ids.push('task'), { priority: 'user-visible' });
  return scheduler.yield().then(() => {
    ids.push('continuation');
    return task;
  });
}

function inheritanceTest(name, body) {
  promise_test(async () => {
    const ids = [];
    await scheduler.postTask(() => body(ids), { priority: 'background' });
    assert_equals(ids.join(), 'task,continuation');
  }, name);
}

inheritanceTest('yield() inherits priority with no intervening promise', (ids) => raceYieldAgainstUserVisibleTask(ids));
inheritanceTest('yield() inherits priority across a pending promise', async (ids) => {
  await new Promise((resolve) => queueMicrotask(resolve));
  await raceYieldAgainstUserVisibleTask(ids);
});
inheritanceTest('yield() inherits priority across an await of a settled promise', async (ids) => {
  await Promise.resolve();
  await raceYieldAgainstUserVisibleTask(ids);
});
inheritanceTest('yield() inherits priority across an await of a non-promise', async (ids) => {
  await null;
  await raceYieldAgainstUserVisibleTask(ids);
});
inheritanceTest('yield() inherits priority in then() on a settled promise', (ids) =>
  Promise.resolve().then(() => raceYieldAgainstUserVisibleTask(ids)),
);
inheritanceTest('yield() inherits priority in a chained then() on a settled promise', (ids) =>
  Promise.resolve()
    .then(() => {})
    .then(() => raceYieldAgainstUserVisibleTask(ids)),
);
inheritanceTest('yield() inherits priority across an await of a thenable', async (ids) => {
  await { then: (resolve) => resolve() };
  await raceYieldAgainstUserVisibleTask(ids);
});
inheritanceTest('yield() inherits priority in a thenable then()', (ids) =>
  new Promise((resolve) => resolve({ then: (settle) => settle(raceYieldAgainstUserVisibleTask(ids)) })),
);
inheritanceTest('yield() inherits priority across a promise resolved with a thenable', async (ids) => {
  await new Promise((resolve) => resolve({ then: (settle) => settle() }));
  await raceYieldAgainstUserVisibleTask(ids);
});
