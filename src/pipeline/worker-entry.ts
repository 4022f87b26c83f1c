// The analysis worker's code. Rollup bundles it on its own (rollup.config.mjs)
// into src/generated/pipeline-worker.ts as a string, without the wasm bytes:
// the host prepends a prelude that defines the two globals declared here (the
// bytes the main bundle already carries, and a port over worker_threads or the
// Web Worker's self), so the library ships as single files and carries the
// module once.
import { ready } from '../wasm';
import { classifyWindow } from './classify-window';
import type { AnalysisRequest, WorkerReply } from './protocol';

declare const __midstreamPort: {
  post(message: WorkerReply): void;
  listen(handler: (message: AnalysisRequest) => void): void;
};

__midstreamPort.listen((request) => {
  __midstreamPort.post({ id: request.id, outcome: classifyWindow(request.series, request.dt) });
});
// Ready once the wasm compiled (a CSP without 'wasm-unsafe-eval' fails here).
ready.then(
  () => __midstreamPort.post({ id: -1, ready: true }),
  (error: unknown) => __midstreamPort.post({ id: -1, ready: false, message: String(error instanceof Error ? error.message : error) }),
);
