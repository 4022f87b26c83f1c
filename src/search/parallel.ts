// findSimilarParallel: the windows of a long series split across worker_threads
// (Node), each part scanned by the same UCR kernel in its own wasm instance. The
// best-so-far is shared through a SharedArrayBuffer (each worker publishes its
// own bound, one slot each, and prunes with the least of them between chunks),
// so pruning stays as tight as in one thread, and the merged result is exactly
// the single-threaded one.
import { readSearchOptions } from '../dtw-options';
import { withScratch } from '../memory';
import { checkNumber, toSeries, type NumericSeries } from '../validate';
import { searchAnswer, searchSource, type SearchResult } from './find-similar';
import { planSearch, type SearchOptions, type SearchSettings } from './options';
import { scanSeries, temporarySource, type SearchStats, type SharedBound } from './scan';
import type { Match } from './selection';

/** What one worker is given: its part of the series and where that part starts. */
export interface SearchShare {
  series: Float64Array;
  pattern: Float64Array;
  settings: SearchSettings;
  offset: number;
  /** One f64 bound per worker, as BigInt64 bits (Atomics need integers). */
  bounds: SharedArrayBuffer;
  slot: number;
}

// A part must be long enough for the workers' start-up (a wasm instance each) to pay.
const MIN_WINDOWS_PER_WORKER = 50_000;

// A worker loads the library (the module this file is bundled in) once and then
// scans one share per message.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const library = import(workerData.library);
parentPort.on('message', (share) => library.then(
  (lib) => parentPort.postMessage({ result: lib.searchShareInWorker(share) }),
  (error) => parentPort.postMessage({ error: String((error && error.stack) || error) }),
).catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) })));
`;

type WorkerThreads = typeof import('node:worker_threads');

function workerThreads(): WorkerThreads | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return node?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
}

/**
 * findSimilar with the series split across `options.workers` worker threads
 * (Node; default 2). Same results as findSimilar. It runs on the calling thread
 * instead when workers are not available (browsers, for now), when `workers` is
 * 1, when the series is too short to pay for them (under 50,000 windows per
 * worker), or with `exclusion`, `onProgress` or `signal`.
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
  const threads = workerThreads();
  const windows = values.length - query.length + 1;
  const parts = Math.min(workers, Math.floor(windows / MIN_WINDOWS_PER_WORKER));
  const serial = !threads || parts < 2 || settings.exclusion !== undefined || settings.onProgress || settings.signal;
  if (serial) {
    return withScratch((s) => searchAnswer(searchSource(where, () => temporarySource(values, s), query, settings, false), settings));
  }
  planSearch(where, query.length, settings); // checks the band against the pattern before starting workers
  const bounds = new SharedArrayBuffer(8 * parts);
  new BigInt64Array(bounds).fill(toBits(Infinity));
  const shares: SearchShare[] = [];
  for (let k = 0; k < parts; k++) {
    const from = Math.floor((k * windows) / parts);
    const to = Math.floor(((k + 1) * windows) / parts);
    const part = values.slice(from, to + query.length - 1);
    const { onProgress: _p, signal: _s, ...plain } = settings;
    shares.push({ series: part, pattern: query, settings: plain, offset: from, bounds, slot: k });
  }
  const library = import.meta.url;
  const results = await Promise.all(shares.map((share) => runWorker(threads, library, share)));
  return searchAnswer(merge(results, windows, settings), settings);
}

// Idle workers, kept for the next call (starting one and loading the library
// costs tens of milliseconds). They are unref'd: they do not keep Node running.
type SearchWorker = InstanceType<WorkerThreads['Worker']>;
const idle: SearchWorker[] = [];

function runWorker(threads: WorkerThreads, library: string, share: SearchShare): Promise<SearchResult> {
  const worker = idle.pop() ?? new threads.Worker(WORKER_SOURCE, { eval: true, workerData: { library } });
  worker.unref();
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    const onMessage = (message: { result?: SearchResult; error?: string }) => {
      worker.off('error', onError);
      if (message.result) {
        idle.push(worker);
        resolve(message.result);
      } else {
        void worker.terminate();
        reject(new Error(`findSimilarParallel: a worker failed: ${message.error}`));
      }
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(share);
  });
}

/** The parts' matches in one list, ordered and cut as one scan would. */
function merge(results: SearchResult[], windows: number, settings: SearchSettings): SearchResult {
  const matches = results.flatMap((r) => r.matches);
  matches.sort((p, q) => p.distance - q.distance || p.index - q.index);
  const stats: SearchStats = { candidates: windows, prunedByKim: 0, prunedByKeogh: 0, dtwComputed: 0 };
  for (const r of results) {
    stats.prunedByKim += r.stats.prunedByKim;
    stats.prunedByKeogh += r.stats.prunedByKeogh;
    stats.dtwComputed += r.stats.dtwComputed;
  }
  return { matches: matches.length > settings.limit ? matches.slice(0, settings.limit) : matches, stats };
}

const bitsView = new DataView(new ArrayBuffer(8));
function toBits(value: number): bigint {
  bitsView.setFloat64(0, value);
  return bitsView.getBigInt64(0);
}
function fromBits(bits: bigint): number {
  bitsView.setBigInt64(0, bits);
  return bitsView.getFloat64(0);
}

/**
 * The scan of one part, in a worker (the entry the worker calls; not for direct
 * use). Match indices are those of the whole series.
 */
export function searchShareInWorker(share: SearchShare): SearchResult {
  const slots = new BigInt64Array(share.bounds);
  const shared: SharedBound = {
    read() {
      let least = Infinity;
      for (let k = 0; k < slots.length; k++) least = Math.min(least, fromBits(Atomics.load(slots, k)));
      return least;
    },
    publish(bound) {
      Atomics.store(slots, share.slot, toBits(bound));
    },
  };
  const plan = planSearch('findSimilarParallel', share.pattern.length, share.settings);
  const result = withScratch((s) => scanSeries(temporarySource(share.series, s), share.pattern, plan, false, shared));
  for (const match of result.matches) match.index += share.offset;
  return result;
}
