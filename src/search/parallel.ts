// findSimilarParallel: the windows split across worker_threads (Node), each part
// scanned in its own wasm instance; each worker publishes its best-so-far in a
// SharedArrayBuffer slot and prunes with the least of them between chunks.
import { readSearchOptions } from '../dtw-options';
import { withScratch } from '../memory';
import { checkNumber, toSeries, type NumericSeries } from '../validate';
import { searchAnswer, searchSource, type SearchResult } from './find-similar';
import { planSearch, type SearchOptions, type SearchSettings } from './options';
import { scanSeries, temporarySource } from './scan';
import type { Match } from './selection';

/** One worker's part of the series, and where it starts. */
export interface SearchShare {
  series: Float64Array;
  pattern: Float64Array;
  settings: SearchSettings;
  offset: number;
  /** One f64 bound per worker, as BigInt64 bits for Atomics. */
  bounds: SharedArrayBuffer;
  slot: number;
}

// Loads the library (the bundle this file is in) once, then scans a share per message.
const WORKER_SOURCE = `const { parentPort: port, workerData } = require('node:worker_threads');
const library = import(workerData.library);
port.on('message', async (share) => {
  try { port.postMessage({ result: (await library).searchShareInWorker(share) }); }
  catch (e) { port.postMessage({ error: String(e?.stack ?? e) }); }
});`;

type WorkerThreads = typeof import('node:worker_threads');
type SearchWorker = InstanceType<WorkerThreads['Worker']>;
// Idle workers for the next call (a start costs tens of ms); unref'd.
const idle: SearchWorker[] = [];

/**
 * findSimilar split across `options.workers` worker threads (Node; default 2):
 * the same matches. On the calling thread without worker_threads, with under
 * 50,000 windows per worker, or with `exclusion`, `onProgress` or `signal`.
 */
export async function findSimilarParallel(
  series: NumericSeries,
  pattern: NumericSeries,
  threshold: number,
  options?: SearchOptions & { stats?: boolean; workers?: number },
): Promise<Match[] | SearchResult> {
  const where = 'findSimilarParallel';
  const settings = readSearchOptions(where, threshold, options);
  const workersIn = options?.workers;
  const workers = workersIn === undefined ? 2 : checkNumber(workersIn, 'options.workers', where, { min: 1, integer: true });
  const values = toSeries(series, 'series', where);
  const query = toSeries(pattern, 'pattern', where);
  const threads = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
  const m = query.length;
  const windows = values.length - m + 1;
  const parts = Math.min(workers, Math.floor(windows / 50_000));
  if (!threads || parts < 2 || settings.exclusion !== undefined || settings.onProgress || settings.signal) {
    return withScratch((s) => searchAnswer(searchSource(where, () => temporarySource(values, s), query, settings, false), settings));
  }
  planSearch(where, m, settings); // checks the band before starting workers
  const bounds = new SharedArrayBuffer(8 * parts);
  new Float64Array(bounds).fill(Infinity);
  const { onProgress: _p, signal: _s, ...plain } = settings;
  const results = await Promise.all(Array.from({ length: parts }, (_, slot) => {
    const from = Math.floor((slot * windows) / parts);
    const to = Math.floor(((slot + 1) * windows) / parts);
    const share: SearchShare = { series: values.slice(from, to + m - 1), pattern: query, settings: plain, offset: from, bounds, slot };
    return runWorker(threads, share);
  }));
  // The parts' matches ordered and cut as one scan would.
  const matches = results.flatMap((r) => r.matches).sort((p, q) => p.distance - q.distance || p.index - q.index);
  const stats = { candidates: windows, prunedByKim: 0, prunedByKeogh: 0, dtwComputed: 0 };
  for (const { stats: part } of results) {
    stats.prunedByKim += part.prunedByKim;
    stats.prunedByKeogh += part.prunedByKeogh;
    stats.dtwComputed += part.dtwComputed;
  }
  return searchAnswer({ matches: matches.slice(0, settings.limit), stats }, settings);
}

function runWorker(threads: WorkerThreads, share: SearchShare): Promise<SearchResult> {
  const worker = idle.pop() ?? new threads.Worker(WORKER_SOURCE, { eval: true, workerData: { library: import.meta.url } });
  worker.unref();
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { result?: SearchResult; error?: string }) => {
      worker.removeAllListeners('error');
      if (!message.result) {
        void worker.terminate();
        reject(new Error(`findSimilarParallel: a worker failed: ${message.error}`));
        return;
      }
      idle.push(worker);
      resolve(message.result);
    });
    worker.once('error', reject);
    worker.postMessage(share);
  });
}

/** A worker's scan of its part (the workers' entry, not for direct use). */
export function searchShareInWorker(share: SearchShare): SearchResult {
  // Through Atomics on the f64s' bits: never torn.
  const slots = new BigInt64Array(share.bounds);
  const bits = new BigInt64Array(1);
  const value = new Float64Array(bits.buffer);
  const shared = {
    read() {
      let least = Infinity;
      for (let k = 0; k < slots.length; k++) {
        bits[0] = Atomics.load(slots, k);
        least = Math.min(least, value[0]);
      }
      return least;
    },
    publish(bound: number) {
      value[0] = bound;
      Atomics.store(slots, share.slot, bits[0]);
    },
  };
  const plan = planSearch('findSimilarParallel', share.pattern.length, share.settings);
  const result = withScratch((s) => scanSeries(temporarySource(share.series, s), share.pattern, plan, false, shared));
  for (const match of result.matches) match.index += share.offset;
  return result;
}
