// Faults on real sockets: a server killed mid-stream, a client that vanishes,
// fuzzed bytes on the wire.
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import http2 from 'node:http2';
import { connect, serve, type MidstreamServer } from '../../src/node';
import { CloseCode, SessionError, SUBPROTOCOL, type MidstreamStream } from '../../src/index';
import { seededRandom } from '../support/random';
import { randomBytes, readAll, runFixture as run, sha256, writeInChunks } from './support';

const children: ChildProcess[] = [];
const servers: MidstreamServer[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const runFixture = (name: string, args: string[] = []) => run(children, name, args);

const echo = (stream: MidstreamStream) => stream.readable.pipeTo(stream.writable).catch(() => {});

describe('transport faults', () => {
  it.each(['ws', 'http'])('server killed mid-stream (%s): every client stream errors with a SessionError, nothing hangs', async (scheme) => {
    const { child, line } = await runFixture('echo-server.ts');
    const session = connect(`${scheme}://127.0.0.1:${line}/`, { keepAliveMs: 0 });
    const streams = await Promise.all([0, 1, 2].map(() => session.openStream()));
    const outcomes = streams.map(async (stream) => {
      const writer = stream.writable.getWriter();
      const reading = readAll(stream.readable);
      const writing = (async () => {
        for (;;) await writer.write(new Uint8Array(8192));
      })();
      return Promise.allSettled([reading, writing]);
    });
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    for (const settled of await Promise.all(outcomes)) {
      for (const s of settled) {
        expect(s.status).toBe('rejected');
        expect((s as PromiseRejectedResult).reason).toBeInstanceOf(SessionError);
        expect((s as PromiseRejectedResult).reason.code).toBe(CloseCode.connectionLost);
      }
    }
    await expect(session.closed).rejects.toMatchObject({ code: CloseCode.connectionLost });
    await expect(session.openStream()).rejects.toBeInstanceOf(SessionError);
  });

  it.each(['ws', 'http'])('a client that vanishes (%s): the server frees its streams and handlers', async (scheme) => {
    const server = await serve({ port: 0, handler: echo });
    servers.push(server);
    const { child } = await runFixture('busy-client.ts', [`${scheme}://127.0.0.1:${server.port}/`, '5']);
    await expect.poll(() => server.stats().streamsOpen).toBe(5);
    expect(server.stats().handlersRunning).toBe(5);
    child.kill('SIGKILL');
    await expect.poll(() => server.stats()).toMatchObject({ sessions: 0, streamsOpen: 0, handlersRunning: 0, connections: 0 });
  });

  it('fuzzed bytes: each such connection closes with a protocol error; the server keeps serving the others', async () => {
    const server = await serve({ port: 0, handler: echo });
    servers.push(server);
    const good = connect(server.http2Url, { keepAliveMs: 0 });
    const payload = randomBytes(300_000, 5);
    const stream = await good.openStream();
    const echoed = readAll(stream.readable);
    const writing = writeInChunks(stream.writable, payload, 5, 5000);

    const random = seededRandom(99);
    for (let k = 0; k < 8; k++) {
      const ws = new WebSocket(server.webSocketUrl, [SUBPROTOCOL], { perMessageDeflate: false });
      ws.on('error', () => {});
      const received: Buffer[] = [];
      ws.on('message', (d: Buffer) => received.push(d));
      await new Promise((r) => ws.on('open', r));
      // Random bytes: the header's type (0-255) or its length (a random u32 against the
      // 1 MiB limit) is wrong at once, whatever follows.
      ws.send(randomBytes(10 + Math.floor(random() * 2000), 500 + k));
      await new Promise((r) => ws.on('close', r));
      const all = Buffer.concat(received);
      expect(all[0]).toBe(6); // a close frame
      expect(all.readUInt32BE(10)).toBe(CloseCode.protocolError);
    }
    // raw HTTP/2 garbage too
    const h2 = http2.connect(server.http2Url);
    h2.on('error', () => {});
    const request = h2.request({ ':method': 'POST', ':path': '/' });
    request.on('error', () => {});
    const answer: Buffer[] = [];
    request.on('data', (d: Buffer) => answer.push(d));
    request.write(randomBytes(5000, 77));
    await new Promise((r) => request.on('end', r)); // the server ended its half
    expect(Buffer.concat(answer)[0]).toBe(6);
    expect(Buffer.concat(answer).readUInt32BE(10)).toBe(CloseCode.protocolError);
    h2.destroy();

    await writing;
    expect(await echoed).toEqual({ sha: sha256([payload]), length: payload.length });
    good.close();
    await expect.poll(() => server.stats().sessions).toBe(0);
  });
});
