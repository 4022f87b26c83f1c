// A writer may reuse its buffer once `await writer.write(buffer)` has resolved,
// as WHATWG streams promise: write() can resolve while the bytes still wait for
// their turn or for credit, so the stream must not keep a view of the caller's
// memory. Checked over an in-memory wire and over real sockets, with other
// streams contending so that chunks do wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, serve, type MidstreamServer } from '../../src/node';
import { createSession, type MidstreamSession, type MidstreamStream } from '../../src/transport/index';
import { memoryWirePair, readAll, sha256 } from './support';

/** Writes `count` chunks of `size` bytes through ONE buffer, refilled after each write resolves; the SHA-256 of what was meant. */
async function writeThroughOneBuffer(stream: MidstreamStream, count: number, size: number): Promise<string> {
  const writer = stream.writable.getWriter();
  const buffer = new Uint8Array(size);
  const meant: Uint8Array[] = [];
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < size; i++) buffer[i] = (k * 31 + i) & 255;
    meant.push(buffer.slice());
    await writer.write(buffer);
  }
  await writer.close();
  return sha256(meant);
}

/** Another stream that keeps the sender busy while the measured one writes. */
async function contend(session: MidstreamSession): Promise<void> {
  const other = await session.openStream({ priority: 0 });
  const writer = other.writable.getWriter();
  for (let k = 0; k < 8; k++) void writer.write(new Uint8Array(64 * 1024)).catch(() => {});
  void writer.close().catch(() => {});
}

describe('a buffer reused after write() resolves', () => {
  it('over an in-memory wire with small flow-control windows', async () => {
    const [a, b] = memoryWirePair(1000);
    const client = createSession(a, 'client', { keepAliveMs: 0 });
    const server = createSession(b, 'server', { keepAliveMs: 0 });
    const received = (async () => {
      const reader = server.incomingStreams.getReader();
      const results: Array<{ sha: string; length: number }> = [];
      for (let s = 0; s < 2; s++) {
        const stream = (await reader.read()).value!;
        results.push(await readAll(stream.readable));
      }
      return results;
    })();
    await contend(client);
    const measured = await client.openStream({ priority: 7 });
    const meant = await writeThroughOneBuffer(measured, 40, 1000);
    const [, got] = await received;
    expect(got).toEqual({ sha: meant, length: 40_000 });
    client.close();
  });

  describe('over real sockets', () => {
    let server: MidstreamServer;
    beforeAll(async () => {
      server = await serve({ port: 0, handler: (stream) => stream.readable.pipeTo(stream.writable).catch(() => {}) });
    });
    afterAll(() => server.close());

    it.each(['webSocketUrl', 'http2Url'] as const)('%s: the echo is what was meant, not the buffer\'s last contents', async (which) => {
      const session = connect(server[which], { keepAliveMs: 0 });
      await contend(session);
      const stream = await session.openStream({ priority: 7 });
      const [meant, got] = await Promise.all([writeThroughOneBuffer(stream, 64, 40_000), readAll(stream.readable)]);
      expect(got).toEqual({ sha: meant, length: 64 * 40_000 });
      session.close();
    });
  });
});
