// Schedule-and-run of 100,000 no-op tasks through Midstream's Scheduler, React's
// `scheduler` package and p-queue, side by side in one process, then Midstream's
// dispatch latency (from stats()) with a hot queue.
// Run: npx tsx bench/scheduler.bench.ts   (or npm run bench -- scheduler)
//
// One sample = post 100,000 tasks, then wait until the last has run. Every peer
// uses one long-lived instance, as an app would (React's scheduler is a module
// singleton). Peers:
// - React's scheduler: unstable_scheduleCallback(NormalPriority, noop); in Node it
//   yields with setImmediate every 5 ms, the same policy as Midstream's default.
// - p-queue with concurrency 1: the configuration in which p-queue is a queue (one
//   task at a time, in priority order), i.e. what it would replace a scheduler for.
//   With concurrency Infinity it does not queue at all (every add() starts its task
//   at once), so that row is shown for reference only.
// Midstream is measured twice: schedule() (a handle, no promise: the like-for-like
// peer of React's callback API) and postTask() (a promise per task, like p-queue's
// add). A last row creates and resolves 100,000 bare promises with no scheduling at
// all: the floor under any API that returns a promise per task.
// Then the price of yield()'s context carrier (src/scheduler/context.ts): the same rows,
// promise-heavy work with no scheduler in it, and tasks that await yield(), before and
// after the carrier is installed (it stays for the rest of the process, so it comes last;
// the two sides run some seconds apart, so a busy machine moves them differently).
import { createRequire } from 'node:module';
import PQueue from 'p-queue';
import { Bench } from 'tinybench';
import { Scheduler } from '../src/scheduler/index';

const require = createRequire(import.meta.url);
const react = require('scheduler') as {
  unstable_scheduleCallback(priority: number, callback: () => unknown): unknown;
  unstable_NormalPriority: number;
};

const TASKS = 100_000;
const noop = (): void => {};

const midstream = new Scheduler();
const pQueueSerial = new PQueue({ concurrency: 1 });
const pQueueUnbounded = new PQueue({ concurrency: Infinity });

async function midstreamSchedule(): Promise<void> {
  for (let i = 0; i < TASKS; i++) midstream.schedule(noop);
  await midstream.drain();
}

async function midstreamPostTask(): Promise<void> {
  let last: Promise<void> | undefined;
  for (let i = 0; i < TASKS; i++) last = midstream.postTask(noop);
  await last;
}

function reactScheduler(): Promise<void> {
  return new Promise((resolve) => {
    for (let i = 0; i < TASKS - 1; i++) react.unstable_scheduleCallback(react.unstable_NormalPriority, noop);
    react.unstable_scheduleCallback(react.unstable_NormalPriority, resolve);
  });
}

async function pQueue(queue: PQueue): Promise<void> {
  for (let i = 0; i < TASKS; i++) void queue.add(noop);
  await queue.onIdle();
}

async function barePromises(): Promise<void> {
  const resolvers: (() => void)[] = new Array(TASKS);
  for (let i = 0; i < TASKS; i++) new Promise<void>((resolve) => (resolvers[i] = resolve));
  await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < TASKS; i++) resolvers[i]();
}

const cases = [
  { name: 'Midstream Scheduler.schedule()', run: midstreamSchedule },
  { name: 'Midstream Scheduler.postTask()', run: midstreamPostTask },
  { name: "React's scheduler (unstable_scheduleCallback)", run: reactScheduler },
  { name: 'p-queue, concurrency 1', run: () => pQueue(pQueueSerial) },
  { name: 'p-queue, concurrency Infinity (no queueing; reference)', run: () => pQueue(pQueueUnbounded) },
  { name: 'floor: 100k bare promises created and resolved (reference)', run: barePromises },
];

// Promise-heavy work with no scheduler in it, to price the yield() context carrier: in Node
// it is a promise hook (src/scheduler/context.ts), which every promise in the process pays.
async function awaitLoop(): Promise<void> {
  let sum = 0;
  for (let i = 0; i < 200_000; i++) sum += await i;
  if (sum < 0) throw new Error('unreachable');
}

async function thenFanOut(): Promise<void> {
  const promises: Promise<number>[] = new Array(50_000);
  for (let i = 0; i < promises.length; i++) promises[i] = Promise.resolve(i).then((x) => x + 1);
  await Promise.all(promises);
}

/** 10,000 schedule() tasks that each await yield() once: the work that needs the carrier. */
function yieldingTasks(scheduler: Scheduler): () => Promise<void> {
  const yieldOnce = async (): Promise<void> => {
    await scheduler.yield();
  };
  return async () => {
    for (let i = 0; i < 10_000; i++) scheduler.schedule(yieldOnce);
    await scheduler.drain();
  };
}

const YIELDING = 'Midstream schedule(), 10k tasks that each await yield() once';
const promiseCases = [
  { name: 'promise-heavy: 200k awaits in one async function', run: awaitLoop },
  { name: 'promise-heavy: Promise.all of 50k then() reactions', run: thenFanOut },
];

interface Row {
  name: string;
  meanMs: number;
  p50Ms: number;
  samples: number;
}

async function measure(list: { name: string; run: () => Promise<void> }[], time: number): Promise<Row[]> {
  const bench = new Bench({ time, iterations: 10, warmupTime: 300, warmupIterations: 3 });
  for (const c of list) bench.add(c.name, c.run);
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result as unknown as {
      error?: Error;
      latency?: { mean: number; p50?: number; samplesCount?: number };
    };
    if (result.error || !result.latency) throw new Error(`${task.name}: ${result.error?.message ?? 'no result'}`);
    return {
      name: task.name,
      meanMs: result.latency.mean,
      p50Ms: result.latency.p50 ?? result.latency.mean,
      samples: result.latency.samplesCount ?? 0,
    };
  });
}

// No yield() has run yet in this process: the context carrier is not installed.
const rows = await measure(cases, 2500);
// asyncContext 'off': its yield() does not install the carrier.
const promiseRowsWithout = await measure(
  [...promiseCases, { name: YIELDING, run: yieldingTasks(new Scheduler({ asyncContext: 'off' })) }],
  1500,
);

const tasksPerSecond = (row: Row) => (TASKS / row.meanMs) * 1000;
const format = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`\n## Schedule and run ${format(TASKS)} no-op tasks (Node ${process.version})`);
console.log('| scheduler | mean ms per 100k | median ms per 100k | runs/s | tasks/s | ns per task | samples |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.meanMs.toFixed(2)} | ${row.p50Ms.toFixed(2)} | ${(1000 / row.meanMs).toFixed(1)} | ${format(tasksPerSecond(row))} | ${((row.meanMs * 1e6) / TASKS).toFixed(0)} | ${row.samples} |`,
  );
}
const byName = (prefix: string) => rows.find((row) => row.name.startsWith(prefix)) as Row;
const schedule = byName('Midstream Scheduler.schedule');
const postTask = byName('Midstream Scheduler.postTask');
const reactRow = byName("React's");
const pQueueRow = byName('p-queue, concurrency 1');
// Ratios of medians: one slow sample (a GC, a neighbour on a shared machine) moves the mean, not the median.
const ratio = (ours: Row, theirs: Row) => `${(theirs.p50Ms / ours.p50Ms).toFixed(2)}x`;
console.log('\nThroughput ratios, from the medians (higher = Midstream faster):');
console.log(`- Midstream schedule() / React scheduler: ${ratio(schedule, reactRow)}   (target >= 2x)`);
console.log(`- Midstream postTask() / React scheduler: ${ratio(postTask, reactRow)}`);
console.log(`- Midstream postTask() / p-queue (concurrency 1): ${ratio(postTask, pQueueRow)}   (target >= 4x)`);
console.log(`- Midstream schedule() / p-queue (concurrency 1): ${ratio(schedule, pQueueRow)}`);

// Dispatch latency with a hot queue: the loop is running and each task posts the
// next, so every task waits only for the scheduler itself (its latency is pure
// dispatch overhead: from the post to the start, both read from performance.now()).
async function hotQueueLatency(): Promise<ReturnType<Scheduler['stats']>['latency']> {
  const scheduler = new Scheduler();
  let remaining = TASKS;
  const next = (): void => {
    if (--remaining > 0) scheduler.schedule(next);
  };
  scheduler.schedule(next);
  await scheduler.drain();
  return scheduler.stats().latency;
}
await hotQueueLatency(); // warm-up
const hot = await hotQueueLatency();
const us = (ms: number) => `${(ms * 1000).toFixed(3)} µs`;
console.log(`\n## Dispatch latency, hot queue (${format(hot.count)} tasks, each posting the next)`);
console.log(`p50 ${us(hot.p50)}, p99 ${us(hot.p99)}, mean ${us(hot.mean)}, max ${us(hot.max)}   (target p50 < 1 µs)`);

// For contrast: a flood posted at once. Latency then is mostly time spent waiting
// behind earlier tasks (the queue drains at the per-task cost above), not overhead.
const flood = new Scheduler();
for (let i = 0; i < TASKS; i++) flood.schedule(noop);
await flood.drain();
const floodLatency = flood.stats().latency;
console.log(
  `Flood of ${format(TASKS)} posted at once: p50 ${us(floodLatency.p50)}, p99 ${us(floodLatency.p99)} (queueing delay behind earlier tasks)`,
);

// The same with the context carrier installed (what the first yield() does by default, and
// asyncContext 'eager' at construction). The carrier cannot be removed: this comes last.
const withCarrier = new Scheduler({ asyncContext: 'eager' });
await withCarrier.postTask(() => withCarrier.yield());
const carrierRows = await measure(
  cases.filter((c) => /schedule\(\)|postTask\(\)|React|concurrency 1/.test(c.name)),
  1500,
);
const promiseRowsWith = await measure([...promiseCases, { name: YIELDING, run: yieldingTasks(withCarrier) }], 1500);
const rowIn = (list: Row[], prefix: string) => list.find((row) => row.name.startsWith(prefix));
console.log(`\n## The cost of yield()'s context carrier (Node ${process.version}: an async_hooks promise hook)`);
console.log('| workload | median ms without | median ms with | with / without |');
console.log('|---|---:|---:|---:|');
for (const row of [...carrierRows, ...promiseRowsWith]) {
  const before = rowIn([...rows, ...promiseRowsWithout], row.name);
  const without = before ? before.p50Ms.toFixed(2) : '-';
  const factor = before ? `${(row.p50Ms / before.p50Ms).toFixed(2)}x` : '-';
  console.log(`| ${row.name} | ${without} | ${row.p50Ms.toFixed(2)} | ${factor} |`);
}
const carrierRatio = (ours: string, theirs: string) =>
  `${((rowIn(carrierRows, theirs) as Row).p50Ms / (rowIn(carrierRows, ours) as Row).p50Ms).toFixed(2)}x`;
console.log('With the carrier installed (React and p-queue pay the promise hook too):');
console.log(`- Midstream schedule() / React scheduler: ${carrierRatio('Midstream Scheduler.schedule', "React's")}`);
console.log(`- Midstream postTask() / p-queue (concurrency 1): ${carrierRatio('Midstream Scheduler.postTask', 'p-queue, concurrency 1')}`);

// In Chromium: Midstream's postTask (from dist/midstream.min.js) against the browser's own
// scheduler.postTask, on one page (test/browser/pages/scheduler-bench.html: 100,000
// no-op tasks per sample, 2 warm-up rounds, median of 7, the two sides alternating).
// Needs `npm run build` and /usr/bin/chromium (CHROMIUM_PATH overrides); skipped otherwise.
async function browserPostTask(): Promise<void> {
  const { existsSync } = await import('node:fs');
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const root = new URL('../', import.meta.url);
  if (!existsSync(chromiumPath) || !existsSync(new URL('dist/midstream.min.js', root))) {
    console.log(`\n(browser postTask comparison skipped: needs ${chromiumPath} and dist/midstream.min.js)`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const { startStaticServer } = await import('../scripts/static-server.mjs');
  const server = await startStaticServer({ root: new URL('.', root).pathname, directories: ['dist', 'test/browser/pages'] });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/test/browser/pages/scheduler-bench.html`);
    await page.waitForFunction(() => (window as { benchResult?: unknown }).benchResult !== undefined, undefined, { timeout: 600_000 });
    const result = (await page.evaluate(() => (window as { benchResult?: unknown }).benchResult)) as {
      tasks: number;
      rounds: number;
      userAgent: string;
      medians: Record<string, number>;
      nativeOverMidstream: number;
    };
    const version = /HeadlessChrome\/([\d.]+)/.exec(result.userAgent)?.[1] ?? result.userAgent;
    console.log(`\n## postTask in Chromium ${version}: ${format(result.tasks)} no-op tasks, median of ${result.rounds} rounds`);
    console.log('| scheduler | median ms | tasks/s |');
    console.log('|---|---:|---:|');
    for (const [name, ms] of Object.entries(result.medians)) console.log(`| ${name} | ${ms.toFixed(1)} | ${format((result.tasks / ms) * 1000)} |`);
    console.log(`Midstream postTask() / native scheduler.postTask(): ${result.nativeOverMidstream.toFixed(1)}x the throughput`);
  } finally {
    await browser.close();
    await server.close();
  }
}
await browserPostTask();
