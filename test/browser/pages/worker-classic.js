// A classic worker that loads the script-tag bundle with importScripts.
importScripts('/dist/midstream.min.js');

// A call straight away, before the asynchronous compile started at load can finish.
const readyBefore = Midstream.isReady();
const atStart = { readyBefore, value: Midstream.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]), readyAfter: Midstream.isReady() };

self.onmessage = async (event) => {
  const job = event.data;
  try {
    if (job.awaitInit) await Midstream.init();
    const matches = Midstream.findSimilar(job.series, job.pattern, job.threshold, job.options);
    const distance = Midstream.dtw(job.series.slice(0, job.pattern.length), job.pattern, job.options);
    self.postMessage({ atStart, matches, distance });
  } catch (error) {
    self.postMessage({ atStart, error: error.message });
  }
};
