// Helpers for the transport tests: an in-memory wire pair, seeded payloads,
// and an independent SHA-256 (node:crypto) to compare what arrived.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { StreamCode, type MidstreamSession, type Wire, type WireEvents } from '../../src/transport/index';
import { seededRandom } from '../support/random';

/** Two wires joined back to back; delivery is asynchronous (setImmediate), like a socket. */
export function memoryWirePair(highWaterMark = 256 * 1024): [MemoryWire, MemoryWire] {
  const a = new MemoryWire(highWaterMark);
  const b = new MemoryWire(highWaterMark);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

export class MemoryWire implements Wire {
  peer!: MemoryWire;
  events: WireEvents | undefined;
  private queued: Uint8Array[] = [];
  private queuedBytes = 0;
  private flushing = false;
  closed = false;
  /** Everything written, for tests that inspect frames. */
  written = 0;

  constructor(private readonly highWaterMark: number) {}

  start(events: WireEvents): void {
    this.events = events;
  }

  write(bytes: Uint8Array): boolean {
    if (this.closed) return true;
    this.written += bytes.byteLength;
    this.queued.push(bytes.slice());
    this.queuedBytes += bytes.byteLength;
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => this.flush());
    }
    return this.queuedBytes < this.highWaterMark;
  }

  /** Injects raw bytes as if the peer had sent them. */
  inject(bytes: Uint8Array): void {
    this.events?.data(bytes);
  }

  private flush(): void {
    this.flushing = false;
    const chunks = this.queued;
    const wasFull = this.queuedBytes >= this.highWaterMark;
    this.queued = [];
    this.queuedBytes = 0;
    for (const chunk of chunks) if (!this.peer.closed) this.peer.events?.data(chunk);
    if (wasFull && !this.closed) this.events?.drain();
  }

  end(): void {
    setImmediate(() => {
      this.flush();
      this.destroy();
    });
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.events?.closed();
    if (!this.peer.closed) {
      this.peer.closed = true;
      this.peer.events?.closed(new Error('peer went away'));
    }
  }
}

export function sha256(chunks: Iterable<Uint8Array>): string {
  const hash = createHash('sha256');
  for (const c of chunks) hash.update(c);
  return hash.digest('hex');
}

/** Seeded random bytes. */
export function randomBytes(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (random() * 256) | 0;
  return out;
}

/** Writes `payload` in random chunk sizes (1 .. maxChunk), then closes. */
export async function writeInChunks(writable: WritableStream<Uint8Array>, payload: Uint8Array, seed: number, maxChunk = 100_000): Promise<void> {
  const random = seededRandom(seed);
  const writer = writable.getWriter();
  for (let at = 0; at < payload.length; ) {
    const n = Math.min(payload.length - at, 1 + Math.floor(random() * maxChunk));
    await writer.write(payload.subarray(at, at + n));
    at += n;
  }
  await writer.close();
}

/** Reads a stream to the end; returns its SHA-256 and length. */
export async function readAll(readable: ReadableStream<Uint8Array>): Promise<{ sha: string; length: number }> {
  const hash = createHash('sha256');
  let length = 0;
  const reader = readable.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    hash.update(value);
    length += value.byteLength;
  }
  return { sha: hash.digest('hex'), length };
}

/**
 * Runs test/transport/fixtures/<name> with tsx; resolves with the child and its
 * first line of output. The caller kills `children` after each test.
 */
export function runFixture(children: ChildProcess[], name: string, args: string[] = []): Promise<{ child: ChildProcess; line: string }> {
  const path = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, line: out.split('\n')[0] });
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

/**
 * With maxStreamsPerConnection 2 on the server: opens three streams on `session`,
 * the first two work (their handlers ran: `handled`), the third is refused
 * (StreamCode.refused); closes the session.
 */
export async function expectThirdStreamRefused(session: MidstreamSession, handled: readonly unknown[]): Promise<void> {
  const streams = await Promise.all([0, 1, 2].map(() => session.openStream()));
  const writers = streams.map((s) => s.writable.getWriter());
  await Promise.all(writers.slice(0, 2).map((w) => w.write(Uint8Array.of(1))));
  await expect(
    (async () => {
      for (;;) await writers[2].write(new Uint8Array(100));
    })(),
  ).rejects.toMatchObject({ code: StreamCode.refused });
  expect(handled.length).toBe(2);
  session.close();
}
