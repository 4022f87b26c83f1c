// Byte-exact delivery over real sockets on 127.0.0.1, on every backend.
// Default run (a shared 2-core machine): 200 concurrent streams of 1 B to 256 KiB; MIDSTREAM_TRANSPORT_FULL=1
// runs the full size: 1,000 streams of 1 B to 4 MiB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, serve, type MidstreamServer } from '../../src/node';
import { CloseCode, StreamError, type MidstreamSession, type MidstreamStream } from '../../src/index';
import { seededRandom } from '../support/random';
import { randomBytes, readAll, sha256, writeInChunks } from './support';

const FULL = process.env.MIDSTREAM_TRANSPORT_FULL === '1';
const STREAMS = FULL ? 1000 : 200;
const MAX_SIZE = FULL ? 4 * 1024 * 1024 : 256 * 1024;

/** Echoes every stream back; remembers resets it saw. */
function echoHandler(seen: StreamError[]) {
  return async (stream: MidstreamStream) => {
    try {
      await stream.readable.pipeTo(stream.writable);
    } catch (error) {
      if (error instanceof StreamError) seen.push(error);
    }
  };
}

let server: MidstreamServer;
const resets: StreamError[] = [];
beforeAll(async () => {
  server = await serve({ port: 0, handler: echoHandler(resets), maxStreamsPerConnection: 2000 });
});
afterAll(() => server.close());

const backends = [
  ['WebSocket', () => server.webSocketUrl],
  ['HTTP/2', () => server.http2Url],
] as const;

describe.each(backends)('%s backend on 127.0.0.1', (_name, url) => {
  it(`echoes ${STREAMS} concurrent streams (1 B to ${MAX_SIZE / 1024} KiB, random chunks) byte-exact`, async () => {
    const session = connect(url(), { keepAliveMs: 0 });
    await session.ready;
    const random = seededRandom(STREAMS);
    // sizes skewed towards small, always including 1 byte and the maximum
    const sizes = Array.from({ length: STREAMS }, (_, i) => (i === 0 ? 1 : i === 1 ? MAX_SIZE : 1 + Math.floor(random() ** 4 * (MAX_SIZE - 1))));
    const results = await Promise.all(
      sizes.map(async (size, i) => {
        const payload = randomBytes(size, i + 1);
        const stream = await session.openStream({ priority: { urgency: i % 8, incremental: i % 3 === 0 } });
        const [, got] = await Promise.all([writeInChunks(stream.writable, payload, i, 100 + (i % 5) * 40_000), readAll(stream.readable)]);
        return { expected: sha256([payload]), got: got.sha, size, length: got.length };
      }),
    );
    for (const r of results) expect(r).toEqual({ expected: r.expected, got: r.expected, size: r.size, length: r.size });
    expect(session.stats().streamsOpened).toBe(STREAMS);
    expect(session.stats().streamsOpen).toBe(0);
    session.close();
  }, FULL ? 900_000 : 60_000);

  it('carries reset codes and reasons to the server and back, and the close reason', async () => {
    const session = connect(url(), { keepAliveMs: 0 });
    const stream = await session.openStream();
    const writer = stream.writable.getWriter();
    await writer.write(Uint8Array.of(1));
    const before = resets.length;
    await writer.abort(new StreamError(0xbeef, 'client abort ✓'));
    await expect.poll(() => resets.length).toBe(before + 1);
    expect(resets.at(-1)).toMatchObject({ code: 0xbeef, reason: 'client abort ✓', remote: true });
    // the echo's writer is aborted by pipeTo with the same error: its reset comes back
    await expect(stream.readable.getReader().read()).rejects.toMatchObject({ code: 0xbeef, reason: 'client abort ✓', remote: true });

    // stop-sending travels too: the server's echo writer sees it
    const second = await session.openStream();
    const w2 = second.writable.getWriter();
    await w2.write(Uint8Array.of(2));
    await second.readable.cancel(new StreamError(99, 'no more echo'));
    await expect.poll(() => resets.some((e) => e.code === 99 && e.reason === 'no more echo')).toBe(true);

    session.close({ code: 4000, reason: 'done for today' });
    await expect(session.closed).resolves.toEqual({ code: 4000, reason: 'done for today', remote: false });
  });

  it('the server closing reaches the client with its code and reason', async () => {
    const own = await serve({ port: 0, handler: echoHandler([]) });
    const session = connect(backends[0][1] === url ? own.webSocketUrl : own.http2Url, { keepAliveMs: 0 });
    await session.ready;
    await own.close();
    await expect(session.closed).resolves.toMatchObject({ code: CloseCode.goingAway, reason: 'server closing', remote: true });
  });
});

export type { MidstreamSession };
