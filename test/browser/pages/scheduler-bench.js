// postTask throughput in this browser: Midstream's Scheduler (from dist/midstream.scheduler.min.js)
// against the native scheduler.postTask, on the same page. One sample = post TASKS no-op
// tasks at 'user-visible', then await the last one. Warm-up rounds first, then the median
// of ROUNDS samples each. Results go to window.benchResult (bench/scheduler.bench.ts reads
// them); window.runBench(tasks, rounds) runs it again with other sizes. No timed assertion.
const noop = () => {};

async function sample(post, tasks) {
  const start = performance.now();
  let last;
  for (let i = 0; i < tasks; i++) last = post(noop);
  await last;
  return performance.now() - start;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function runBench(tasks = 100_000, rounds = 7, warmups = 2) {
  const midstream = new Midstream.Scheduler();
  const cases = {
    'Midstream Scheduler.postTask()': (callback) => midstream.postTask(callback),
    'native scheduler.postTask()': (callback) => scheduler.postTask(callback),
  };
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = 0; round < warmups + rounds; round++) {
    // Alternate the order so that neither side always runs on a warmer or colder heap.
    const names = round % 2 ? Object.keys(cases).reverse() : Object.keys(cases);
    for (const name of names) {
      const ms = await sample(cases[name], tasks);
      if (round >= warmups) samples[name].push(ms);
    }
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  const ours = medians['Midstream Scheduler.postTask()'];
  const native = medians['native scheduler.postTask()'];
  return { tasks, rounds, userAgent: navigator.userAgent, samples, medians, nativeOverMidstream: native / ours };
}

window.runBench = runBench;
window.benchDone = runBench().then((result) => {
  window.benchResult = result;
  console.log(JSON.stringify(result));
});
