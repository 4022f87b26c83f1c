// The job the module worker runs: optionally await init(), then search.
export async function handle(Midstream, job) {
  try {
    if (job.awaitInit) await Midstream.init();
    const matches = Midstream.findSimilar(job.series, job.pattern, job.threshold, job.options);
    const distance = Midstream.dtw(job.series.slice(0, job.pattern.length), job.pattern, job.options);
    return { matches, distance };
  } catch (error) {
    return { error: error.message };
  }
}
