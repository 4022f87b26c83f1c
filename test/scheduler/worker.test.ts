// The scheduler inside a worker_threads worker, on each of its three host primitives.
// The worker cannot import TypeScript, so the scheduler is bundled with esbuild for
// the browser platform (which also proves it needs no Node built-in).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';

const { variant, bundleUrl } = workerData;
let messageChannels = 0;
let zeroTimeouts = 0;
if (variant !== 'setImmediate') delete globalThis.setImmediate;
if (variant === 'MessageChannel') {
  const RealChannel = globalThis.MessageChannel;
  globalThis.MessageChannel = class extends RealChannel {
    constructor() { super(); messageChannels++; }
  };
}
if (variant === 'setTimeout') {
  delete globalThis.MessageChannel;
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = (callback, ms, ...args) => {
    if (!ms) zeroTimeouts++;
    return realSetTimeout(callback, ms, ...args);
  };
}

const { Scheduler } = await import(bundleUrl);
const scheduler = new Scheduler({ sliceMs: 1 });
const priorities = ['background', 'user-visible', 'user-blocking'];
const order = [];
const results = [];
for (let i = 0; i < 3000; i++) {
  results.push(scheduler.postTask(() => { order.push(i); return i; }, { priority: priorities[i % 3] }));
}
const delayed = scheduler.postTask(() => 'delayed', { delay: 5 });
const controller = new AbortController();
const aborted = scheduler.postTask(() => 'never', { signal: controller.signal }).catch((reason) => reason);
controller.abort('aborted');
const sum = (await Promise.all(results)).reduce((a, b) => a + b, 0);
const late = await delayed;
const abortReason = await aborted;
await scheduler.drain();
parentPort.postMessage({
  order, sum, late, abortReason, stats: scheduler.stats(),
  hasSetImmediate: typeof globalThis.setImmediate === 'function',
  messageChannels, zeroTimeouts,
});
// Nothing else: the worker must exit by itself, so the scheduler may hold no timer or port open.
`;

let dir = '';
let bundleUrl = '';
let workerPath = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'midstream-scheduler-'));
  const bundlePath = join(dir, 'scheduler.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../../src/scheduler/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    outfile: bundlePath,
    logLevel: 'silent',
  });
  bundleUrl = pathToFileURL(bundlePath).href;
  workerPath = join(dir, 'worker.mjs');
  await writeFile(workerPath, WORKER_SOURCE);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface WorkerReport {
  order: number[];
  sum: number;
  late: string;
  abortReason: unknown;
  stats: { scheduled: number; completed: number; cancelled: number; queued: number; latency: { count: number } };
  hasSetImmediate: boolean;
  messageChannels: number;
  zeroTimeouts: number;
}

function runWorker(variant: string): Promise<{ report: WorkerReport; exitCode: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: { variant, bundleUrl } });
    let report: WorkerReport | undefined;
    const timeout = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`worker (${variant}) did not exit on its own within 10 s`));
    }, 10_000);
    worker.on('message', (message: WorkerReport) => (report = message));
    worker.on('error', (error) => {
      clearTimeout(timeout);
      reject(error);
    });
    worker.on('exit', (exitCode) => {
      clearTimeout(timeout);
      if (report === undefined) reject(new Error(`worker (${variant}) exited with ${exitCode} and no report`));
      else resolve({ report, exitCode });
    });
  });
}

const expectedOrder = [2, 1, 0].flatMap((first) => Array.from({ length: 1000 }, (_, k) => first + 3 * k));

describe('Scheduler in a worker_threads worker', () => {
  for (const variant of ['setImmediate', 'MessageChannel', 'setTimeout']) {
    it(`runs tasks in order and exits cleanly with ${variant} as the host primitive`, async () => {
      const { report, exitCode } = await runWorker(variant);
      expect(exitCode).toBe(0);
      expect(report.order).toEqual(expectedOrder);
      expect(report.sum).toBe((2999 * 3000) / 2);
      expect(report.late).toBe('delayed');
      expect(report.abortReason).toBe('aborted');
      expect(report.stats).toMatchObject({ scheduled: 3002, completed: 3001, cancelled: 1, queued: 0 });
      expect(report.stats.latency.count).toBe(3001);
      expect(report.hasSetImmediate).toBe(variant === 'setImmediate');
      if (variant === 'MessageChannel') expect(report.messageChannels).toBe(1);
      if (variant === 'setTimeout') expect(report.zeroTimeouts).toBeGreaterThan(0);
    });
  }
});
