// serve() with a certificate: wss: and https: (HTTP/2 over TLS, chosen by ALPN) on
// one port, with a self-signed certificate made by openssl for this run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, serve, type MidstreamServer } from '../../src/node';
import { randomBytes, readAll, sha256, writeInChunks } from './support';

let server: MidstreamServer;
let cert: Buffer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstream-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  server = await serve({ port: 0, tls: { cert, key: readFileSync(join(dir, 'key.pem')) }, token: 'tls-token', handler: (s) => s.readable.pipeTo(s.writable).catch(() => {}) });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  it('serves wss: and https: with the URLs it reports', () => {
    expect(server.webSocketUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.http2Url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it.each(['webSocketUrl', 'http2Url'] as const)('echoes byte-exact over %s with the token; refuses an untrusted certificate', async (which) => {
    const session = connect(server[which], { token: 'tls-token', tls: { ca: cert }, keepAliveMs: 0 });
    const payload = randomBytes(200_000, 3);
    const stream = await session.openStream();
    const [, echoed] = await Promise.all([writeInChunks(stream.writable, payload, 3, 30_000), readAll(stream.readable)]);
    expect(echoed).toEqual({ sha: sha256([payload]), length: payload.length });
    session.close();
    const untrusted = connect(server[which], { token: 'tls-token', keepAliveMs: 0 });
    await expect(untrusted.ready).rejects.toThrow();
  });
});
