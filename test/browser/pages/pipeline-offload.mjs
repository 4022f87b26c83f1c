// Loaded by pipeline-offload.html (no CSP) and csp-strict-pipeline.html (a CSP
// without blob: workers): runs a Midstream with offload: true and reports.
import * as M from '/dist/index.mjs';

window.runPipeline = async (series, options) => {
  const ms = new M.Midstream({ ...options, offload: true });
  const events = [];
  for await (const e of ms.run(series)) events.push(e);
  const stats = ms.stats();
  window.openPipeline = ms;
  return { events, stats };
};
document.body.dataset.ready = 'true';
