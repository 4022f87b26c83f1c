// The multiplexer over an in-memory wire pair: delivery, resets, close, flow control, limits.
import { describe, expect, it } from 'vitest';
import { createSession, StreamError, StreamCode, CloseCode, type MidstreamSession, type MidstreamStream } from '../../src/transport/index';
import { memoryWirePair, randomBytes, readAll, sha256, writeInChunks } from './support';
import { seededRandom } from '../support/random';

function pair(serverOptions = {}, clientOptions = {}) {
  const [a, b] = memoryWirePair();
  const client = createSession(a, 'client', { keepAliveMs: 0, ...clientOptions });
  const server = createSession(b, 'server', { keepAliveMs: 0, ...serverOptions });
  return { client, server, clientWire: a, serverWire: b };
}

/** Echo server: every incoming stream is piped back. */
async function echo(server: MidstreamSession): Promise<void> {
  const reader = server.incomingStreams.getReader();
  for (;;) {
    const next = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (next.done) return;
    const stream = next.value;
    stream.readable.pipeTo(stream.writable).catch(() => {});
  }
}

describe('session over an in-memory wire', () => {
  it('delivers many concurrent streams byte-exact (SHA-256), in both directions', async () => {
    const { client, server } = pair();
    void echo(server);
    const random = seededRandom(11);
    const sizes = Array.from({ length: 60 }, (_, i) => (i === 0 ? 1 : Math.floor(random() ** 3 * 600_000) + 1));
    await Promise.all(
      sizes.map(async (size, i) => {
        const payload = randomBytes(size, 1000 + i);
        const stream = await client.openStream({ priority: i % 8 });
        const [, echoed] = await Promise.all([writeInChunks(stream.writable, payload, i, 70_000), readAll(stream.readable)]);
        expect(echoed).toEqual({ sha: sha256([payload]), length: size });
      }),
    );
    expect(client.stats().streamsOpened).toBe(60);
    expect(client.stats().streamsOpen).toBe(0);
    expect(server.stats().streamsOpen).toBe(0);
    client.close();
  });

  it('close() on an idle wire resolves (the FIN goes at once)', async () => {
    const { client, server } = pair();
    void echo(server);
    const stream = await client.openStream();
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    await writer.write(Uint8Array.of(7));
    expect([...(await reader.read()).value!]).toEqual([7]);
    await writer.close(); // nothing else queued: sent synchronously
    expect((await reader.read()).done).toBe(true);
    client.close();
  });

  it('carries reset codes and reasons both ways, and stop requests', async () => {
    const { client, server } = pair();
    const incoming = server.incomingStreams.getReader();
    const stream = await client.openStream();
    const writer = stream.writable.getWriter();
    await writer.write(Uint8Array.of(1, 2, 3));
    const { value: remote } = (await incoming.read()) as { value: MidstreamStream };
    await writer.abort(new StreamError(4242, 'client gave up'));
    const reader = remote.readable.getReader();
    // the bytes before the reset may or may not be delivered; the reset must be
    let error: unknown;
    try {
      for (;;) if ((await reader.read()).done) break;
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ code: 4242, reason: 'client gave up', remote: true });

    // the server asks the client to stop sending on a second stream
    const second = await client.openStream();
    const w2 = second.writable.getWriter();
    await w2.write(Uint8Array.of(9));
    const { value: remote2 } = (await incoming.read()) as { value: MidstreamStream };
    await remote2.readable.cancel(new StreamError(77, 'enough'));
    await expect(
      (async () => {
        for (;;) await w2.write(new Uint8Array(1024));
      })(),
    ).rejects.toMatchObject({ code: 77, reason: 'enough', remote: true });
    client.close();
  });

  it('delivers the close code and reason to the peer, and fails open streams', async () => {
    const { client, server } = pair();
    const incoming = server.incomingStreams.getReader();
    const stream = await client.openStream();
    await stream.writable.getWriter().write(Uint8Array.of(1));
    const { value: remote } = (await incoming.read()) as { value: MidstreamStream };
    server.close({ code: 3001, reason: 'maintenance' });
    await expect(client.closed).resolves.toEqual({ code: 3001, reason: 'maintenance', remote: true });
    await expect(server.closed).resolves.toEqual({ code: 3001, reason: 'maintenance', remote: false });
    await expect(stream.readable.getReader().read()).rejects.toMatchObject({ code: 3001 });
    await expect(remote.readable.getReader().read()).rejects.toMatchObject({ code: 3001 });
    expect(client.stats().streamsOpen).toBe(0);
  });

  it('backpressure: a reader that does not read makes write() wait; buffered bytes stay under the window', async () => {
    const window = 256 * 1024;
    const { client, server, serverWire } = pair({ streamReceiveWindow: window }, { streamSendBuffer: 64 * 1024 });
    const incoming = server.incomingStreams.getReader();
    const stream = await client.openStream();
    const writer = stream.writable.getWriter();
    await writer.write(new Uint8Array(1));
    await incoming.read(); // the server accepts the stream and never reads it
    let written = 0;
    let pending = false;
    for (let i = 0; i < 200; i++) {
      const done = writer.write(new Uint8Array(16 * 1024));
      const state = await Promise.race([done.then(() => 'done'), new Promise((r) => setTimeout(() => r('waiting'), 20))]);
      if (state === 'waiting') {
        pending = true;
        break;
      }
      written += 16 * 1024;
    }
    expect(pending).toBe(true);
    // what could be written is bounded by the receive window plus the send buffer, far from 200 x 16 KiB
    expect(written).toBeLessThanOrEqual(window + 64 * 1024 + 16 * 1024);
    expect(serverWire.written).toBeLessThan(64 * 1024); // the server only sent control frames
    client.close();
  });

  it('refuses streams beyond maxIncomingStreams with StreamCode.refused', async () => {
    const { client, server } = pair({ maxIncomingStreams: 2 });
    const accepted: MidstreamStream[] = [];
    void (async () => {
      for await (const s of server.incomingStreams as unknown as AsyncIterable<MidstreamStream>) accepted.push(s);
    })().catch(() => {});
    const streams = await Promise.all([0, 1, 2].map(() => client.openStream()));
    const third = streams[2].writable.getWriter();
    await expect(
      (async () => {
        for (;;) await third.write(new Uint8Array(10));
      })(),
    ).rejects.toMatchObject({ code: StreamCode.refused });
    expect(accepted.length).toBe(2);
    client.close();
  });

  it('closes with a protocol error on garbage; the peer sees the code', async () => {
    const { client, server, serverWire } = pair();
    serverWire.inject(Uint8Array.of(200, 0, 0, 0, 0, 1, 0, 0, 0, 0));
    await expect(server.closed).resolves.toMatchObject({ code: CloseCode.protocolError, remote: false });
    await expect(client.closed).resolves.toMatchObject({ code: CloseCode.protocolError, remote: true });
  });

  it('closes a session that receives nothing for idleTimeoutMs', async () => {
    const { client, server } = pair({ idleTimeoutMs: 50 });
    await expect(server.closed).resolves.toMatchObject({ code: CloseCode.idleTimeout });
    await expect(client.closed).resolves.toMatchObject({ code: CloseCode.idleTimeout, remote: true });
  });

  it('checks its arguments', async () => {
    const { client } = pair();
    await expect(client.openStream({ priority: 9 })).rejects.toThrow(RangeError);
    expect(() => client.close({ code: -1 })).toThrow(/MidstreamSession.close: options.code/);
    const [a] = memoryWirePair();
    expect(() => createSession(a, 'client', { streamReceiveWindow: 10 })).toThrow(/createSession: options.streamReceiveWindow must be >= 65536/);
    client.close();
  });
});
