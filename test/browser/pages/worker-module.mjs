// A module worker that imports the ESM bundle and runs a search.
import * as Midstream from '/dist/index.mjs';
import { handle } from './worker-job.mjs';

// A call straight away, before the asynchronous compile started at import can finish.
const readyBefore = Midstream.isReady();
const atStart = { readyBefore, value: Midstream.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]), readyAfter: Midstream.isReady() };

self.onmessage = async (event) => self.postMessage({ atStart, ...(await handle(Midstream, event.data)) });
