// serve()'s limits, each on real sockets on 127.0.0.1.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connect, serve, type MidstreamServer, type ServeOptions } from '../../src/node';
import { CloseCode, StreamCode, SUBPROTOCOL, type MidstreamStream } from '../../src/index';
import { expectThirdStreamRefused } from './support';

const servers: MidstreamServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start(options: ServeOptions = {}): Promise<{ server: MidstreamServer; handled: MidstreamStream[] }> {
  const handled: MidstreamStream[] = [];
  const server = await serve({ port: 0, handler: (s) => void handled.push(s), ...options });
  servers.push(server);
  return { server, handled };
}

/** A raw `ws` client speaking our subprotocol; resolves with what happened. */
function rawWebSocket(url: string, options: { origin?: string; protocols?: string[] } = {}) {
  const ws = new WebSocket(url, options.protocols ?? [SUBPROTOCOL], { origin: options.origin, perMessageDeflate: false });
  const received: Buffer[] = [];
  ws.on('message', (data: Buffer) => received.push(data));
  ws.on('error', () => {});
  const outcome = new Promise<{ opened: boolean; status?: number; closeCode?: number }>((resolve) => {
    let opened = false;
    ws.on('open', () => (opened = true));
    ws.on('unexpected-response', (_req, res) => resolve({ opened, status: res.statusCode }));
    ws.on('close', (code) => resolve({ opened, closeCode: code }));
  });
  const open = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  return { ws, received, outcome, open };
}

/** The close frame (type 6) among received bytes: its code. */
function closeFrameCode(received: Buffer[]): number | undefined {
  const all = Buffer.concat(received);
  for (let at = 0; at + 10 <= all.length; ) {
    const length = all.readUInt32BE(at + 6);
    if (all[at] === 6) return all.readUInt32BE(at + 10);
    at += 10 + length;
  }
  return undefined;
}

describe('serve limits', () => {
  it('bearer token: a wrong or missing token is refused before any stream; the right one works', async () => {
    const { server, handled } = await start({ token: 'right-token' });
    for (const url of [server.webSocketUrl, server.http2Url]) {
      for (const token of ['wrong-token', undefined]) {
        const session = connect(url, { token, keepAliveMs: 0 });
        await expect(session.ready).rejects.toThrow(url.startsWith('http') ? /HTTP 401/ : /closed before opening/);
        await expect(session.openStream()).rejects.toThrow();
      }
    }
    expect(handled.length).toBe(0);
    expect(server.stats().sessions).toBe(0);
    expect(server.stats().refused).toBe(4);
    for (const url of [server.webSocketUrl, server.http2Url]) {
      const session = connect(url, { token: 'right-token', keepAliveMs: 0 });
      const stream = await session.openStream();
      await stream.writable.getWriter().write(Uint8Array.of(1));
      await expect.poll(() => handled.length).toBeGreaterThan(0);
      session.close();
    }
  });

  it('Origin allow-list: browser origins not listed are refused; listed ones and non-browsers pass', async () => {
    const { server } = await start({ allowedOrigins: ['http://good.example'] });
    expect(await rawWebSocket(server.webSocketUrl, { origin: 'http://evil.example' }).outcome).toMatchObject({ opened: false, status: 403 });
    const good = rawWebSocket(server.webSocketUrl, { origin: 'http://good.example' });
    await good.open;
    good.ws.close();
    const none = rawWebSocket(server.webSocketUrl);
    await none.open;
    none.ws.close();
  });

  it('max streams per connection: the extra stream is refused, the others work', async () => {
    const { server, handled } = await start({ maxStreamsPerConnection: 2 });
    const session = connect(server.http2Url, { keepAliveMs: 0 });
    await expectThirdStreamRefused(session, handled);
  });

  it('max frame size: a frame header over the limit closes that connection with a protocol error', async () => {
    const { server } = await start({ maxFrameSize: 64 * 1024 });
    const raw = rawWebSocket(server.webSocketUrl);
    await raw.open;
    const header = Buffer.alloc(10);
    header[0] = 0; // data
    header.writeUInt32BE(1, 2);
    header.writeUInt32BE(64 * 1024 + 1, 6);
    raw.ws.send(header);
    await raw.outcome;
    expect(closeFrameCode(raw.received)).toBe(CloseCode.protocolError);
  });

  it('max message size: a WebSocket message over one frame closes the socket (1009); a longer feed header ends that feed', async () => {
    const { server } = await start({ maxMessageSize: 4096, maxFrameSize: 64 * 1024, handler: undefined });
    const raw = rawWebSocket(server.webSocketUrl);
    await raw.open;
    raw.ws.send(Buffer.alloc(64 * 1024 + 11));
    expect(await raw.outcome).toMatchObject({ closeCode: 1009 });

    const session = connect(server.webSocketUrl, { keepAliveMs: 0 });
    const stream = await session.openStream();
    const writer = stream.writable.getWriter();
    await writer.write(new TextEncoder().encode(`{"patterns":[],"pad":"${'x'.repeat(5000)}"}\n`));
    const events = await new Response(stream.readable).text();
    expect(events).toBe('{"event":"error","message":"the header line is longer than 4096 bytes"}\n');
    await expect(
      (async () => {
        for (;;) await writer.write(new Uint8Array(100));
      })(),
    ).rejects.toMatchObject({ code: StreamCode.limitExceeded, remote: true });
    session.close();
  });

  it('idle timeout: a silent session is closed; keep-alive pings hold it open', async () => {
    const { server } = await start({ idleTimeoutMs: 150 });
    const silent = connect(server.webSocketUrl, { keepAliveMs: 0 });
    const chatty = connect(server.http2Url, { keepAliveMs: 40 });
    await expect(silent.closed).resolves.toMatchObject({ code: CloseCode.idleTimeout, remote: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(chatty.stats().rtt).toBeGreaterThanOrEqual(0);
    const stream = await chatty.openStream(); // still open
    expect(stream.id).toBe(1);
    chatty.close();
  });

  it('handshake timeout: a connection that never completes a handshake is dropped', async () => {
    const { server } = await start({ handshakeTimeoutMs: 100 });
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n'); // never finished
    await new Promise((resolve) => socket.on('close', resolve));
    expect(server.stats().refused).toBe(1);
    await expect.poll(() => server.stats().connections).toBe(0);
  });

  it.each(['webSocketUrl', 'http2Url'] as const)('handshake timeout: an accepted session (%s) outlives it', async (which) => {
    const { server } = await start({ handshakeTimeoutMs: 100, handler: (s) => void s.readable.pipeTo(s.writable).catch(() => {}) });
    const session = connect(server[which], { keepAliveMs: 0 });
    await session.ready;
    await new Promise((r) => setTimeout(r, 300));
    const stream = await session.openStream();
    const writer = stream.writable.getWriter();
    await writer.write(Uint8Array.of(42));
    expect([...(await stream.readable.getReader().read()).value!]).toEqual([42]);
    expect(server.stats()).toMatchObject({ sessions: 1, refused: 0 });
    session.close();
  });

  it('per-stream buffer cap: a handler that never reads makes the client wait; memory stays bounded', async () => {
    const cap = 128 * 1024;
    const { server } = await start({ streamBufferBytes: cap });
    const session = connect(server.http2Url, { keepAliveMs: 0, streamSendBuffer: 64 * 1024 });
    const stream = await session.openStream();
    const writer = stream.writable.getWriter();
    const before = process.memoryUsage().arrayBuffers;
    let accepted = 0;
    for (;;) {
      const state = await Promise.race([writer.write(new Uint8Array(32 * 1024)).then(() => 'done'), new Promise((r) => setTimeout(() => r('waiting'), 100))]);
      if (state === 'waiting') break;
      accepted += 32 * 1024;
      if (accepted > 64 * 1024 * 1024) break;
    }
    expect(accepted).toBeLessThanOrEqual(cap + 64 * 1024 + 32 * 1024);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    session.close();
  });
});
