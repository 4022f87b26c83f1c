// Where a regime analysis runs: in the thread, as a 'background' task on the
// scheduler, or in a worker. The worker is started from code carried as a string
// (src/generated/pipeline-worker.ts): with worker_threads' `eval` in Node, from a
// Blob URL in browsers. Where that is impossible (a CSP that forbids blob:
// workers, no Worker at all), analysis falls back to the thread, and
// stats().regime.fallbackReason says why.
import type { Scheduler } from '../scheduler/index';
import { wasmBase64 } from '../generated/wasm-bytes';
import { workerSource } from '../generated/pipeline-worker';
import { classifyWindow } from './classify-window';
import type { AnalysisOutcome, AnalysisRequest, WorkerReply } from './protocol';

export interface Analyst {
  readonly mode: 'worker' | 'thread';
  /** Set when offload was asked for but the analysis runs in the thread. */
  readonly fallbackReason: string | undefined;
  analyze(series: Float64Array, dt: number): Promise<AnalysisOutcome>;
  /** Stops the worker (if any) and rejects what is in flight; idempotent. */
  close(): void;
}

export class ClosedError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('Midstream: closed');
  }
}

export class ThreadAnalyst implements Analyst {
  readonly mode = 'thread';
  private readonly controller = new AbortController();

  constructor(
    private readonly scheduler: Scheduler,
    readonly fallbackReason: string | undefined = undefined,
  ) {}

  analyze(series: Float64Array, dt: number): Promise<AnalysisOutcome> {
    return this.scheduler.postTask(() => classifyWindow(series, dt), { priority: 'background', signal: this.controller.signal });
  }

  close(): void {
    this.controller.abort(new ClosedError());
  }
}

/** The little a worker must do, over worker_threads or a Web Worker. */
interface WorkerHandle {
  post(request: AnalysisRequest): void;
  /** Keeps the Node process alive while analyses are in flight (a no-op in browsers). */
  hold(held: boolean): void;
  terminate(): void;
}

type ReplyHandler = (reply: WorkerReply) => void;
type ErrorHandler = (error: Error) => void;

/** Analysis in a worker, started on the first request; falls back to the thread if the worker cannot start. */
export class WorkerAnalyst implements Analyst {
  private started: Promise<WorkerHandle | string> | undefined;
  private worker: WorkerHandle | undefined;
  private fallback: ThreadAnalyst | undefined;
  private readonly inFlight = new Map<number, { resolve: (o: AnalysisOutcome) => void; reject: (e: unknown) => void }>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly scheduler: Scheduler) {}

  get mode(): 'worker' | 'thread' {
    return this.fallback ? 'thread' : 'worker';
  }

  get fallbackReason(): string | undefined {
    return this.fallback?.fallbackReason;
  }

  async analyze(series: Float64Array, dt: number): Promise<AnalysisOutcome> {
    if (this.closed) throw new ClosedError();
    this.started ??= startWorker(
      (reply) => this.onReply(reply),
      (error) => this.onError(error),
    ).catch((error: unknown) => `the worker could not start: ${error instanceof Error ? error.message : String(error)}`);
    const started = await this.started;
    if (this.closed) throw new ClosedError();
    if (typeof started === 'string') {
      this.fallback ??= new ThreadAnalyst(this.scheduler, started);
      return this.fallback.analyze(series, dt);
    }
    this.worker = started;
    const id = this.nextId++;
    return new Promise<AnalysisOutcome>((resolve, reject) => {
      this.inFlight.set(id, { resolve, reject });
      started.hold(true);
      started.post({ id, series, dt });
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.fallback?.close();
    this.worker?.terminate();
    // A worker still starting is terminated when it reports in.
    void this.started?.then((w) => typeof w !== 'string' && w.terminate());
    this.failAll(new ClosedError());
  }

  private onReply(reply: WorkerReply): void {
    if (!('outcome' in reply)) return;
    const waiting = this.inFlight.get(reply.id);
    if (!waiting) return;
    this.inFlight.delete(reply.id);
    if (this.inFlight.size === 0) this.worker?.hold(false);
    waiting.resolve(reply.outcome);
  }

  private onError(error: Error): void {
    this.failAll(error);
  }

  private failAll(error: unknown): void {
    for (const { reject } of this.inFlight.values()) reject(error);
    this.inFlight.clear();
    this.worker?.hold(false);
  }
}

/** The wasm bytes and a port, prepended to the worker's code (see worker-entry.ts). */
function prelude(port: string): string {
  return `var __midstreamWasmBase64=${JSON.stringify(wasmBase64)};var __midstreamPort=${port};\n`;
}

const NODE_PORT =
  "(function(p){return{post:function(m){p.postMessage(m)},listen:function(f){p.on('message',f)}}})(require('node:worker_threads').parentPort)";
const WEB_PORT = '{post:function(m){self.postMessage(m)},listen:function(f){self.onmessage=function(e){f(e.data)}}}';

interface NodeWorker {
  postMessage(message: unknown): void;
  on(event: 'message', handler: (message: WorkerReply) => void): void;
  on(event: 'error', handler: (error: Error) => void): void;
  ref(): void;
  unref(): void;
  terminate(): Promise<number>;
}

type WorkerThreads = { Worker: new (code: string, options: { eval: true }) => NodeWorker };

async function loadWorkerThreads(): Promise<WorkerThreads> {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const builtin = node?.getBuiltinModule?.('node:worker_threads');
  if (builtin) return builtin as WorkerThreads;
  const id = 'node:worker_threads'; // a variable, so browser bundlers leave it alone
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ id)) as WorkerThreads;
}

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** Starts the worker and waits until its wasm is compiled; rejects (with the reason) if it cannot start. */
function startWorker(onReply: ReplyHandler, onError: ErrorHandler): Promise<WorkerHandle> {
  if (isNode()) return startNodeWorker(onReply, onError);
  if (typeof Worker === 'function' && typeof Blob === 'function' && typeof URL?.createObjectURL === 'function') {
    return startWebWorker(onReply, onError);
  }
  return Promise.reject(new Error('this environment has no workers'));
}

async function startNodeWorker(onReply: ReplyHandler, onError: ErrorHandler): Promise<WorkerHandle> {
  const { Worker: NodeWorkerClass } = await loadWorkerThreads();
  const worker = new NodeWorkerClass(prelude(NODE_PORT) + workerSource, { eval: true });
  const handle: WorkerHandle = {
    post: (request) => worker.postMessage(request),
    hold: (held) => (held ? worker.ref() : worker.unref()),
    terminate: () => void worker.terminate(),
  };
  return new Promise<WorkerHandle>((resolve, reject) => {
    let isReady = false;
    worker.on('message', (reply) => {
      if (isReady) return onReply(reply);
      if (!('ready' in reply)) return;
      if (!reply.ready) {
        handle.terminate();
        return reject(new Error(reply.message));
      }
      isReady = true;
      worker.unref();
      resolve(handle);
    });
    worker.on('error', (error) => (isReady ? onError(error) : reject(error)));
  });
}

function startWebWorker(onReply: ReplyHandler, onError: ErrorHandler): Promise<WorkerHandle> {
  const url = URL.createObjectURL(new Blob([prelude(WEB_PORT) + workerSource], { type: 'text/javascript' }));
  return new Promise<WorkerHandle>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch (error) {
      URL.revokeObjectURL(url);
      return reject(error);
    }
    const handle: WorkerHandle = {
      post: (request) => worker.postMessage(request),
      hold: () => {},
      terminate: () => worker.terminate(),
    };
    let isReady = false;
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (isReady) return onReply(reply);
      if (!('ready' in reply)) return;
      URL.revokeObjectURL(url);
      if (!reply.ready) {
        worker.terminate();
        return reject(new Error(reply.message));
      }
      isReady = true;
      resolve(handle);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const error = new Error(event.message || 'the Web Worker failed to load (a Content-Security-Policy without blob: in worker-src?)');
      if (isReady) return onError(error);
      URL.revokeObjectURL(url);
      worker.terminate();
      reject(error);
    };
  });
}
