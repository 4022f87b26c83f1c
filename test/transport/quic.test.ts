// The quic: backend on real UDP sockets on 127.0.0.1: connect('quic://...') to
// serve({ quic }) with a self-signed certificate made by openssl for this run.
//
// Sizes are scaled down from the 1,000 concurrent streams of 1 B to
// 4 MiB: the library (@matrixai/quic 1.2.12) moved 0.75-1.97 MiB/s on one
// stream in the bench here (README), so the hundreds of MiB, echoed,
// would take tens of minutes; 24 streams of 1 B to 128 KiB (about 1 MiB in
// all) take a few seconds and still mix sizes, chunkings and priorities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, serve, type MidstreamServer, type ServeOptions } from '../../src/node';
import { CloseCode, StreamCode, StreamError, type MidstreamStream } from '../../src/index';
import { seededRandom } from '../support/random';
import { expectThirdStreamRefused, randomBytes, readAll, sha256, writeInChunks } from './support';
import { makeCertificate, type TestCertificate } from './quic-support';

const STREAMS = 24;
const MAX_SIZE = 128 * 1024;

let certificate: TestCertificate;
let cert: Buffer;
let key: Buffer;
const servers: MidstreamServer[] = [];
beforeAll(() => {
  certificate = makeCertificate();
  ({ cert, key } = certificate);
});
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  certificate.remove();
});

async function start(options: ServeOptions = {}): Promise<MidstreamServer & { quicUrl: string }> {
  const server = await serve({ port: 0, tls: { cert, key }, quic: { port: 0 }, ...options });
  servers.push(server);
  expect(server.quicUrl).toMatch(/^quic:\/\/127\.0\.0\.1:\d+\/$/);
  return server as MidstreamServer & { quicUrl: string };
}

/** Echoes every stream back; remembers resets it saw. */
const echo = (seen: StreamError[] = []) => async (stream: MidstreamStream) => {
  try {
    await stream.readable.pipeTo(stream.writable);
  } catch (error) {
    if (error instanceof StreamError) seen.push(error);
  }
};

/** Opens the library's own client: the raw QUIC stream, before our handshake line. */
async function rawQuicStream(port: number) {
  const quic = (await import('@matrixai/quic' as string)) as any;
  const { QUICClient } = quic.QUICClient ? quic : quic.default;
  const silent: any = { getChild: () => silent, info() {}, debug() {} };
  const client = await QUICClient.createQUICClient({
    host: '127.0.0.1',
    port,
    logger: silent,
    crypto: { ops: { randomBytes: async (b: ArrayBuffer) => void crypto.getRandomValues(new Uint8Array(b)) } },
    config: { ca: cert.toString(), applicationProtos: ['midstream.v1'] },
  });
  const stream = client.connection.newStream();
  return { client, writer: stream.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>, readable: stream.readable as ReadableStream<Uint8Array> };
}

describe('quic: backend on 127.0.0.1', () => {
  it(`echoes ${STREAMS} concurrent streams (1 B to ${MAX_SIZE / 1024} KiB, random chunks) byte-exact`, async () => {
    const server = await start({ handler: echo() });
    const session = connect(server.quicUrl, { tls: { ca: cert }, keepAliveMs: 0 });
    await session.ready;
    const random = seededRandom(STREAMS);
    const sizes = Array.from({ length: STREAMS }, (_, i) => (i === 0 ? 1 : i === 1 ? MAX_SIZE : 1 + Math.floor(random() ** 3 * (MAX_SIZE - 1))));
    const results = await Promise.all(
      sizes.map(async (size, i) => {
        const payload = randomBytes(size, i + 1);
        const stream = await session.openStream({ priority: { urgency: i % 8, incremental: i % 3 === 0 } });
        const [, got] = await Promise.all([writeInChunks(stream.writable, payload, i, 100 + (i % 5) * 20_000), readAll(stream.readable)]);
        return { expected: sha256([payload]), got: got.sha, size, length: got.length };
      }),
    );
    for (const r of results) expect(r).toEqual({ expected: r.expected, got: r.expected, size: r.size, length: r.size });
    expect(session.stats()).toMatchObject({ streamsOpened: STREAMS, streamsOpen: 0 });
    session.close();
    await expect.poll(() => server.stats()).toMatchObject({ sessions: 0, connections: 0 });
  });

  it('carries reset codes and reasons both ways, and close codes and reasons both ways', async () => {
    const resets: StreamError[] = [];
    const server = await start({ handler: echo(resets) });
    const session = connect(server.quicUrl, { tls: { ca: cert }, keepAliveMs: 0 });
    const stream = await session.openStream();
    const writer = stream.writable.getWriter();
    await writer.write(Uint8Array.of(1));
    await writer.abort(new StreamError(0xbeef, 'client abort ✓'));
    await expect.poll(() => resets.length).toBe(1);
    expect(resets[0]).toMatchObject({ code: 0xbeef, reason: 'client abort ✓', remote: true });
    await expect(stream.readable.getReader().read()).rejects.toMatchObject({ code: 0xbeef, reason: 'client abort ✓', remote: true });
    const second = await session.openStream();
    await second.writable.getWriter().write(Uint8Array.of(2));
    await second.readable.cancel(new StreamError(99, 'no more echo'));
    await expect.poll(() => resets.some((e) => e.code === 99 && e.reason === 'no more echo')).toBe(true);
    session.close({ code: 4000, reason: 'done for today' });
    await expect(session.closed).resolves.toEqual({ code: 4000, reason: 'done for today', remote: false });

    const other = connect(server.quicUrl, { tls: { ca: cert }, keepAliveMs: 0 });
    await other.ready;
    await server.close();
    await expect(other.closed).resolves.toMatchObject({ code: CloseCode.goingAway, reason: 'server closing', remote: true });
  });

  it('runs a feed: NDJSON samples in, the same events back as over HTTP/2', async () => {
    const server = await start();
    const series = Array.from({ length: 300 }, (_, i) => (i === 100 || i === 200 ? 5 : 0));
    const header = { format: 'ndjson', patterns: [{ name: 'spike', values: [0, 5, 0], threshold: 0.5 }], regime: false };
    const text = `${JSON.stringify(header)}\n${series.join('\n')}\n`;
    const run = async (url: string, tls: object) => {
      const session = connect(url, { tls, keepAliveMs: 0 });
      const stream = await session.openStream({ priority: 'high' });
      const [, out] = await Promise.all([writeInChunks(stream.writable, new TextEncoder().encode(text), 7, 50), new Response(stream.readable).text()]);
      session.close();
      return out.trim().split('\n').map((line) => JSON.parse(line));
    };
    const overQuic = await run(server.quicUrl, { ca: cert });
    expect(overQuic[0]).toEqual({ event: 'ready', format: 'ndjson', patterns: ['spike'] });
    const matches = overQuic.filter((e) => e.event === 'match');
    expect(matches.length).toBe(2);
    expect(matches[0].start <= 100 && matches[0].end >= 100).toBe(true);
    expect(matches[1].start <= 200 && matches[1].end >= 200).toBe(true);
    expect(overQuic.at(-1)).toEqual({ event: 'end', samples: 300 });
    expect(overQuic).toEqual(await run(server.http2Url, { ca: cert }));
  });
});

describe('quic: limits', () => {
  it('bearer token: a wrong or missing token is refused before any stream; the right one works', async () => {
    const handled: MidstreamStream[] = [];
    const server = await start({ token: 'right-token', handler: (s) => void handled.push(s) });
    for (const token of ['wrong-token', undefined]) {
      const session = connect(server.quicUrl, { token, tls: { ca: cert }, keepAliveMs: 0 });
      await expect(session.ready).rejects.toThrow(/refused the session: wrong or missing token/);
      await expect(session.openStream()).rejects.toThrow();
    }
    expect(handled.length).toBe(0);
    expect(server.stats()).toMatchObject({ sessions: 0, refused: 2 });
    const session = connect(server.quicUrl, { token: 'right-token', tls: { ca: cert }, keepAliveMs: 0 });
    const stream = await session.openStream();
    await stream.writable.getWriter().write(Uint8Array.of(1));
    await expect.poll(() => handled.length).toBe(1);
    session.close();
  });

  it('an untrusted certificate is refused by the client', async () => {
    const server = await start({ handler: echo() });
    const session = connect(server.quicUrl, { keepAliveMs: 0 });
    await expect(session.ready).rejects.toThrow(/^connect: no QUIC connection to quic:\/\/127\.0\.0\.1:\d+: .*TLS.*options\.tls\.ca/);
  });

  it('max streams per connection: the extra stream is refused, the others work', async () => {
    const handled: MidstreamStream[] = [];
    const server = await start({ maxStreamsPerConnection: 2, handler: (s) => void handled.push(s) });
    const session = connect(server.quicUrl, { tls: { ca: cert }, keepAliveMs: 0 });
    await expectThirdStreamRefused(session, handled);
  });

  it('max frame size: a frame header over the limit closes that connection with a protocol error', async () => {
    const server = await start({ maxFrameSize: 64 * 1024, handler: echo() });
    const raw = await rawQuicStream(Number(new URL(server.quicUrl).port));
    const header = new Uint8Array(10);
    const view = new DataView(header.buffer);
    view.setUint32(2, 1); // stream 1, type 0 (data)
    view.setUint32(6, 64 * 1024 + 1);
    await raw.writer.write(new TextEncoder().encode('midstream.v1\n'));
    await raw.writer.write(header);
    const answer = new Uint8Array(await new Response(raw.readable).arrayBuffer());
    expect(new TextDecoder().decode(answer.subarray(0, 3))).toBe('ok\n');
    const close = answer.subarray(3);
    expect(close[0]).toBe(6); // a close frame
    expect(new DataView(close.buffer, close.byteOffset).getUint32(10)).toBe(CloseCode.protocolError);
    await raw.client.destroy({ force: true });
  });

  it('max message size: a feed header over the limit ends that feed with an error event', async () => {
    const server = await start({ maxMessageSize: 4096 });
    const session = connect(server.quicUrl, { tls: { ca: cert }, keepAliveMs: 0 });
    const stream = await session.openStream();
    const writer = stream.writable.getWriter();
    await writer.write(new TextEncoder().encode(`{"patterns":[],"pad":"${'x'.repeat(5000)}"}\n`));
    expect(await new Response(stream.readable).text()).toBe('{"event":"error","message":"the header line is longer than 4096 bytes"}\n');
    await expect(
      (async () => {
        for (;;) await writer.write(new Uint8Array(100));
      })(),
    ).rejects.toMatchObject({ code: StreamCode.limitExceeded, remote: true });
    session.close();
  });

  it('idle timeout: a silent session is closed; keep-alive pings hold one open', async () => {
    const server = await start({ idleTimeoutMs: 300 });
    const silent = connect(server.quicUrl, { tls: { ca: cert }, keepAliveMs: 0 });
    const chatty = connect(server.quicUrl, { tls: { ca: cert }, keepAliveMs: 60 });
    await expect(silent.closed).resolves.toMatchObject({ code: CloseCode.idleTimeout, remote: true });
    await new Promise((r) => setTimeout(r, 400));
    expect(chatty.stats().rtt).toBeGreaterThanOrEqual(0);
    expect((await chatty.openStream()).id).toBe(1);
    chatty.close();
  });

  it('handshake timeout: a QUIC connection that never sends the handshake line is dropped', async () => {
    const server = await start({ handshakeTimeoutMs: 200 });
    const raw = await rawQuicStream(Number(new URL(server.quicUrl).port));
    await expect.poll(() => server.stats().connections).toBe(1);
    await expect(new Response(raw.readable).arrayBuffer()).rejects.toBeDefined();
    expect(server.stats().refused).toBe(1);
    await expect.poll(() => server.stats().connections).toBe(0);
    await raw.client.destroy({ force: true }).catch(() => {});
  });

  it('per-stream buffer cap: a handler that never reads makes the client wait', async () => {
    const cap = 128 * 1024;
    const server = await start({ streamBufferBytes: cap, handler: () => {} });
    const session = connect(server.quicUrl, { tls: { ca: cert }, keepAliveMs: 0, streamSendBuffer: 64 * 1024 });
    const writer = (await session.openStream()).writable.getWriter();
    let accepted = 0;
    for (;;) {
      const state = await Promise.race([writer.write(new Uint8Array(32 * 1024)).then(() => 'done'), new Promise((r) => setTimeout(() => r('waiting'), 500))]);
      if (state === 'waiting') break;
      accepted += 32 * 1024;
      if (accepted > 8 * 1024 * 1024) break;
    }
    expect(accepted).toBeLessThanOrEqual(cap + 64 * 1024 + 32 * 1024);
    session.close();
  });

  it('fuzzed bytes after the handshake close that connection with a protocol error; a bad handshake line is refused; others keep working', async () => {
    const server = await start({ handler: echo() });
    const good = connect(server.quicUrl, { tls: { ca: cert }, keepAliveMs: 0 });
    const stream = await good.openStream();
    const payload = randomBytes(50_000, 5);
    const echoed = readAll(stream.readable);
    const writing = writeInChunks(stream.writable, payload, 5, 5000);
    const port = Number(new URL(server.quicUrl).port);
    const random = seededRandom(99);
    for (let k = 0; k < 3; k++) {
      const raw = await rawQuicStream(port);
      await raw.writer.write(new TextEncoder().encode('midstream.v1\n'));
      // random bytes: the header's type (0-255) or its length (a random u32 against the 1 MiB limit) is wrong at once
      await raw.writer.write(randomBytes(10 + Math.floor(random() * 2000), 500 + k));
      const answer = new Uint8Array(await new Response(raw.readable).arrayBuffer());
      expect(new TextDecoder().decode(answer.subarray(0, 3))).toBe('ok\n');
      expect(answer[3]).toBe(6); // a close frame
      expect(new DataView(answer.buffer, answer.byteOffset + 3).getUint32(10)).toBe(CloseCode.protocolError);
      await raw.client.destroy({ force: true });
    }
    const garbage = await rawQuicStream(port);
    await garbage.writer.write(new TextEncoder().encode('GET / HTTP/1.1\n'));
    expect(await new Response(garbage.readable).text()).toBe('refused expected "midstream.v1[ bearer.<token>]"\n');
    await garbage.client.destroy({ force: true });
    expect(server.stats().refused).toBe(1);
    await writing;
    expect(await echoed).toEqual({ sha: sha256([payload]), length: payload.length });
    good.close();
  });

  it('a second QUIC stream on a connection is cancelled; the session on the first goes on', async () => {
    const server = await start({ handler: echo() });
    const raw = await rawQuicStream(Number(new URL(server.quicUrl).port));
    await raw.writer.write(new TextEncoder().encode('midstream.v1\n'));
    const reader = raw.readable.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('ok\n');
    const extra = raw.client.connection.newStream();
    await extra.writable.getWriter().write(Uint8Array.of(1));
    await expect(new Response(extra.readable).arrayBuffer()).rejects.toBeDefined();
    expect(server.stats()).toMatchObject({ sessions: 1, connections: 1 });
    await raw.client.destroy({ force: true });
  });

  it('closing a session (or aborting its signal) while QUIC still connects ends the attempt at once', async () => {
    const controller = new AbortController();
    const session = connect('quic://127.0.0.1:9/', { signal: controller.signal, keepAliveMs: 0 }); // nothing listens there
    setTimeout(() => controller.abort(), 20);
    await expect(session.ready).rejects.toThrow('connect: the session to quic://127.0.0.1:9 was closed before it started');
    await expect(session.closed).resolves.toEqual({ code: CloseCode.normal, reason: 'aborted', remote: false });
  });

  it('serve: quic needs tls', async () => {
    await expect(serve({ port: 0, quic: { port: 0 } })).rejects.toThrow(new TypeError('serve: options.quic needs options.tls (QUIC always uses TLS)'));
  });
});
