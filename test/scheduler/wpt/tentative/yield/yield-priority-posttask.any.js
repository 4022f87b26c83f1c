// Scheduler: yield() priority against postTask tasks.
// Ported from web-platform-tests/wpt, scheduler/tentative/yield/yield-priority-posttask.any.js, as read from the WPT copy in
// servo/servo (tests/wpt/tests/scheduler/tentative/yield/yield-priority-posttask.any.js, commit 0763a2206f247d8f5a3c02e2f54fc25c3d9582ae).
// The test titles and what each test checks are WPT's; the code is rewritten for
// Midstream's testharness shim (testharness-shim.js). WPT is BSD-3-Clause licensed,
// Copyright (c) web-platform-tests contributors: see LICENSE.md in this folder.
'use strict';

// One task that yields three times with `yieldOptions`, then two tasks of each priority,
// highest first. Returns the task promises and the ids in run order.
function postYieldingTaskAndOthers(taskOptions, yieldOptions) {
  const ids = [];
  const tasks = [
    scheduler.postTask(async () => {
      ids.push('y0');
      for (let i = 1; i <= 3; i++) {
        await scheduler.yield(yieldOptions);
        ids.push(`y${i}`);
      }
    }, taskOptions),
  ];
  for (const [id, priority] of [
    ['ub1', 'user-blocking'],
    ['ub2', 'user-blocking'],
    ['uv1', 'user-visible'],
    ['uv2', 'user-visible'],
    ['bg1', 'background'],
    ['bg2', 'background'],
  ]) {
    tasks.push(scheduler.postTask(() => ids.push(id), { priority }));
  }
  return { tasks, ids };
}

const expectedOrder = {
  'user-blocking': 'y0,y1,y2,y3,ub1,ub2,uv1,uv2,bg1,bg2',
  'user-visible': 'ub1,ub2,y0,y1,y2,y3,uv1,uv2,bg1,bg2',
  background: 'ub1,ub2,uv1,uv2,y0,y1,y2,y3,bg1,bg2',
};

const byPriority = [
  { options: {}, expected: expectedOrder['user-visible'] },
  { options: { priority: 'user-visible' }, expected: expectedOrder['user-visible'] },
  { options: { priority: 'user-blocking' }, expected: expectedOrder['user-blocking'] },
  { options: { priority: 'background' }, expected: expectedOrder.background },
];

const bySignal = ['user-visible', 'user-blocking', 'background'].map((priority) => ({
  options: { signal: new TaskController({ priority }).signal },
  expected: expectedOrder[priority],
}));

async function expectOrders(configs, yieldOptionsFor) {
  for (const { options, expected } of configs) {
    const { tasks, ids } = postYieldingTaskAndOthers(options, yieldOptionsFor(options));
    await Promise.all(tasks);
    assert_equals(ids.join(), expected);
  }
}

promise_test(() => expectOrders(byPriority, (options) => options), 'yield() with postTask tasks (priority option)');
promise_test(() => expectOrders(bySignal, (options) => options), 'yield() with postTask tasks (signal option)');
promise_test(() => expectOrders(byPriority, () => ({ priority: 'inherit' })), 'yield() with postTask tasks (inherit priority)');
promise_test(() => expectOrders(bySignal, () => ({ signal: 'inherit' })), 'yield() with postTask tasks (inherit signal)');
promise_test(() => expectOrders(bySignal, () => ({})), 'yield() with postTask tasks (inherit signal by default)');

promise_test(async () => {
  const { tasks, ids } = postYieldingTaskAndOthers({ priority: 'user-blocking' }, { priority: 'background' });
  await Promise.all(tasks);
  assert_equals(ids.join(), 'y0,ub1,ub2,uv1,uv2,y1,y2,y3,bg1,bg2');
}, 'yield() with different priority from task (priority)');

promise_test(async () => {
  const background = new TaskController({ priority: 'background' }).signal;
  const { tasks, ids } = postYieldingTaskAndOthers({ priority: 'user-blocking' }, { signal: background });
  await Promise.all(tasks);
  assert_equals(ids.join(), 'y0,ub1,ub2,uv1,uv2,y1,y2,y3,bg1,bg2');
}, 'yield() with different priority from task (signal)');

promise_test(async () => {
  const background = new TaskController({ priority: 'background' }).signal;
  const { tasks, ids } = postYieldingTaskAndOthers(
    { priority: 'user-blocking' },
    { signal: background, priority: 'user-blocking' },
  );
  await Promise.all(tasks);
  assert_equals(ids.join(), expectedOrder['user-blocking']);
}, 'yield() priority overrides signal');

promise_test(async () => {
  const ids = [];
  const controller = new TaskController();
  await scheduler.postTask(async () => {
    ids.push('y0');
    const others = [scheduler.postTask(() => ids.push('uv1')), scheduler.postTask(() => ids.push('uv2'))];
    // 'user-visible' continuations, ahead of uv1 and uv2.
    await scheduler.yield({ signal: 'inherit' });
    ids.push('y1');
    await scheduler.yield({ signal: 'inherit' });
    ids.push('y2');
    controller.setPriority('background');
    // Now 'background' continuations, behind uv1 and uv2.
    await scheduler.yield({ signal: 'inherit' });
    ids.push('y3');
    await scheduler.yield({ signal: 'inherit' });
    ids.push('y4');
    await Promise.all(others);
  }, { signal: controller.signal });
  assert_equals(ids.join(), 'y0,y1,y2,uv1,uv2,y3,y4');
}, 'yield() with TaskSignal has dynamic priority');

promise_test(async () => {
  const ids = [];
  await scheduler.postTask(async () => {
    ids.push('y0');
    const others = [
      scheduler.postTask(() => ids.push('ub1'), { priority: 'user-blocking' }),
      scheduler.postTask(() => ids.push('uv1')),
    ];
    // An explicit priority: the inherited one is not used.
    await scheduler.yield({ priority: 'user-visible' });
    ids.push('y1');
    await scheduler.yield({ priority: 'user-visible' });
    ids.push('y2');
    others.push(scheduler.postTask(() => ids.push('ub2'), { priority: 'user-blocking' }));
    others.push(scheduler.postTask(() => ids.push('uv2')));
    // The inherited ('user-blocking') priority again.
    await scheduler.yield({ signal: 'inherit' });
    ids.push('y3');
    await scheduler.yield({ signal: 'inherit' });
    ids.push('y4');
    await Promise.all(others);
  }, { priority: 'user-blocking' });
  assert_equals(ids.join(), 'y0,ub1,y1,y2,y3,y4,ub2,uv1,uv2');
}, 'yield() mixed inheritance and default');
