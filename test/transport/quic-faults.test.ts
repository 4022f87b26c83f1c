// Faults on the quic: backend, with real processes: a server killed mid-stream,
// a client that vanishes, and a machine without the optional package.
//
// A killed QUIC peer sends nothing (UDP has no reset), so the other side learns
// of it from silence: these tests set short idle timeouts (1 s); the defaults
// are 30 s on the client's QUIC connection and serve's 60 s idleTimeoutMs.
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, serve, type MidstreamServer } from '../../src/node';
import { CloseCode, SessionError } from '../../src/index';
import { loadQuic } from '../../src/transport/node/quic-library';
import { readAll, runFixture as run } from './support';
import { makeCertificate, type TestCertificate } from './quic-support';

const children: ChildProcess[] = [];
const servers: MidstreamServer[] = [];
let certificate: TestCertificate;
let cert: Buffer;
let key: Buffer;
beforeAll(() => {
  certificate = makeCertificate();
  ({ cert, key } = certificate);
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => certificate.remove());
const runFixture = (name: string, args: string[] = []) => run(children, name, args);

describe('quic: faults', () => {
  it('server killed mid-stream: every client stream errors with a SessionError, nothing hangs', async () => {
    const { child, line } = await runFixture('quic-echo-server.ts', [certificate.certPath, certificate.keyPath]);
    const session = connect(`quic://127.0.0.1:${line}/`, { tls: { ca: cert }, keepAliveMs: 100, idleTimeoutMs: 1000 });
    const streams = await Promise.all([0, 1, 2].map(() => session.openStream()));
    const outcomes = streams.map(async (stream) => {
      const writer = stream.writable.getWriter();
      const reading = readAll(stream.readable);
      const writing = (async () => {
        for (;;) await writer.write(new Uint8Array(4096));
      })();
      return Promise.allSettled([reading, writing]);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(session.stats().bytesReceived).toBeGreaterThan(0); // the echo was flowing
    child.kill('SIGKILL');
    for (const settled of await Promise.all(outcomes)) {
      for (const s of settled) {
        expect(s.status).toBe('rejected');
        expect((s as PromiseRejectedResult).reason).toBeInstanceOf(SessionError);
        expect((s as PromiseRejectedResult).reason.message).toMatch(/nothing received for 1000 ms|connection lost/);
      }
    }
    await expect(session.closed).resolves.toMatchObject({ code: CloseCode.idleTimeout });
    await expect(session.openStream()).rejects.toBeInstanceOf(SessionError);
  });

  it('a client that vanishes: the server frees its streams, handlers and connection', async () => {
    const server = await serve({
      port: 0,
      tls: { cert, key },
      quic: { port: 0 },
      idleTimeoutMs: 1000,
      handler: (s) => s.readable.pipeTo(s.writable).catch(() => {}),
    });
    servers.push(server);
    const { child } = await runFixture('busy-client.ts', [server.quicUrl!, '4', certificate.certPath]);
    await expect.poll(() => server.stats().streamsOpen).toBe(4);
    expect(server.stats()).toMatchObject({ connections: 1, sessions: 1, handlersRunning: 4 });
    child.kill('SIGKILL');
    await expect.poll(() => server.stats(), { timeout: 5000 }).toMatchObject({ sessions: 0, streamsOpen: 0, handlersRunning: 0, connections: 0 });
  });

  it('without @matrixai/quic installed: connect and serve say which package to install', async () => {
    const { line } = await runFixture('quic-absent.ts');
    const message = 'the quic: backend needs the optional package @matrixai/quic; npm install @matrixai/quic';
    expect(JSON.parse(line)).toEqual({ connectError: `connect: ${message}`, closed: 'SessionError', serveError: `serve: ${message}` });
  });

  it('loadQuic reports any missing module the same way, and keeps other errors', async () => {
    await expect(loadQuic('connect', '@matrixai/no-such-package')).rejects.toThrow(
      'connect: the quic: backend needs the optional package @matrixai/quic; npm install @matrixai/quic',
    );
    await expect(loadQuic('connect', 'data:text/javascript,throw new SyntaxError("broken")')).rejects.toThrow(SyntaxError);
  });
});
