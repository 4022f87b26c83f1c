// Issue #17 item 15: the demo server (scripts/static-server.mjs, `npm run demo`)
// served the whole repository (/.git/config answered 200), followed symlinks out
// of its root, accepted any Host header (DNS rebinding), echoed the decoded path
// into Location (/%2F%2Fevil.example%2F..%2Fdemo redirected to evil.example),
// answered 500 for a malformed %-escape and sent no CSP or nosniff on most
// responses. Each point is checked against a real server on 127.0.0.1, with
// every request bounded by a timeout.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/static-server.mjs';
import { ROOT } from '../cli/support';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request to 127.0.0.1:port, given up after 5 s. */
function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', agent: false, timeout: 5000, headers: { host: options.host ?? `127.0.0.1:${port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path} within 5 s`)));
    req.on('error', fail);
    req.end();
  });
}

/** A raw request line and headers, for what http.request will not send (no Host at all). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => (reply += chunk));
    socket.on('end', () => done(reply));
    socket.on('error', fail);
    socket.end(text);
  });
}

function expectSecurityHeaders(reply: Reply, what: string): void {
  expect(reply.headers['x-content-type-options'], what).toBe('nosniff');
  expect(String(reply.headers['content-security-policy']), what).toMatch(/default-src 'none'|default-src 'self'/);
}

const sandbox = mkdtempSync(join(tmpdir(), 'midstream-server-'));
const root = join(sandbox, 'root');
const outside = join(sandbox, 'outside');
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe('#17.15 static server: only demo/ and dist/, real paths, local hosts, safe redirects', () => {
  let server: StaticServer;
  beforeAll(async () => {
    for (const dir of ['demo', 'demo/a b', 'demo/q"<x>', 'dist', '.git', 'node_modules/pkg', 'src']) mkdirSync(join(root, dir), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(root, 'demo/index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(root, 'dist/index.mjs'), 'export const x = 1;');
    writeFileSync(join(root, '.git/config'), '[core]');
    writeFileSync(join(root, 'node_modules/pkg/index.js'), 'secret');
    writeFileSync(join(root, 'package.json'), '{}');
    writeFileSync(join(root, 'src/secret.ts'), 'secret');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'dist/escape.txt')); // out of the root
    symlinkSync(outside, join(root, 'dist/escape-dir')); // a directory out of the root
    symlinkSync(join(root, 'src/secret.ts'), join(root, 'demo/source.ts')); // into a part not served
    symlinkSync(join(root, 'dist/index.mjs'), join(root, 'demo/lib.mjs')); // between served parts: fine
    server = await startStaticServer({ root, directories: ['demo', 'dist'], home: '/demo/' });
  });
  afterAll(() => server?.close());

  it('binds 127.0.0.1', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) {
      const error = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
        const socket = connect(server.port, external.address);
        socket.setTimeout(5000, () => socket.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
        socket.on('connect', () => {
          socket.destroy();
          done(undefined);
        });
        socket.on('error', done);
      });
      expect(error?.code, `connecting to ${external.address}`).toBe('ECONNREFUSED');
    }
  });

  it('serves the page and the bundle, with CSP and nosniff', async () => {
    for (const path of ['/demo/', '/demo/index.html', '/dist/index.mjs', '/demo/lib.mjs']) {
      const reply = await get(server.port, path);
      expect(reply.status, path).toBe(200);
      expectSecurityHeaders(reply, path);
    }
    expect((await get(server.port, '/dist/index.mjs')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('nothing outside demo/ and dist/: not the repository, not dotfiles, not node_modules', async () => {
    for (const path of ['/.git/config', '/node_modules/pkg/index.js', '/package.json', '/src/secret.ts', '/%2Egit/config', '/demo/../.git/config', '/demo/%2E%2E/.git/config', '/dist/..%2F.git/config']) {
      const reply = await get(server.port, path);
      expect([400, 403, 404], path).toContain(reply.status);
      expect(reply.body, path).not.toContain('[core]');
      expectSecurityHeaders(reply, path);
    }
  });

  it('symlinks are resolved before the check: none leads out of demo/ and dist/', async () => {
    for (const path of ['/dist/escape.txt', '/dist/escape-dir/secret.txt', '/demo/source.ts']) {
      const reply = await get(server.port, path);
      expect([403, 404], path).toContain(reply.status);
      expect(reply.body, path).not.toContain('secret');
    }
  });

  it('only Host 127.0.0.1 or localhost with the server port (DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await get(server.port, '/demo/', { host })).status, host).toBe(200);
    }
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1', `localhost.evil.example:${server.port}`, `[::1]:${server.port}`]) {
      const reply = await get(server.port, '/demo/', { host });
      expect(reply.status, host).toBe(403);
      expectSecurityHeaders(reply, host);
    }
    const noHost = await raw(server.port, 'GET /demo/ HTTP/1.0\r\n\r\n');
    expect(noHost).toMatch(/^HTTP\/1\.[01] 4\d\d /);
  });

  it('redirects stay on this server, with the path %-encoded', async () => {
    const cases: Array<[string, string]> = [
      ['/demo', '/demo/'],
      ['/', '/demo/'],
      ['/demo/a%20b', '/demo/a%20b/'],
      ['/demo/q%22%3Cx%3E', '/demo/q%22%3Cx%3E/'],
      ['/demo/a%20b?x=1', '/demo/a%20b/?x=1'],
    ];
    for (const [path, location] of cases) {
      const reply = await get(server.port, path);
      expect(reply.status, path).toBe(301);
      expect(reply.headers.location, path).toBe(location);
      expectSecurityHeaders(reply, path);
    }
    for (const path of ['/%2F%2Fevil.example%2F..%2Fdemo', '//evil.example/demo', '/demo%2F%2Fevil.example', '/%5C%5Cevil.example/demo', '/demo/%0d%0aSet-Cookie:%20x=1']) {
      const reply = await get(server.port, path);
      const location = reply.headers.location;
      if (location !== undefined) {
        expect(new URL(String(location), server.url).origin, path).toBe(server.url);
        expect(String(location), path).toMatch(/^\/[^/\\]/);
      }
      expect(reply.headers['set-cookie'], path).toBeUndefined();
    }
  });

  it('a malformed %-escape is a 400, not a 500', async () => {
    for (const path of ['/demo/%E0%A4%A', '/demo/%zz', '/demo/%', '/dist/%C0%AF']) {
      const reply = await get(server.port, path);
      expect(reply.status, path).toBe(400);
      expectSecurityHeaders(reply, path);
    }
  });

  it('only GET and HEAD', async () => {
    const reply = await get(server.port, '/demo/', { method: 'POST' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
    expectSecurityHeaders(reply, 'POST');
    const head = await get(server.port, '/demo/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('#17.15 npm run demo (scripts/serve-demo.mjs)', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid && child.exitCode === null) child.kill('SIGINT');
  });

  it('serves the demo page and dist/ only, with the CSP the page needs', async () => {
    child = spawn(process.execPath, [join(ROOT, 'scripts/serve-demo.mjs')], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((done, fail) => {
      let text = '';
      const timer = setTimeout(() => fail(new Error(`no URL printed within 10 s: ${text}`)), 10_000);
      child!.stdout!.on('data', (chunk) => {
        text += chunk;
        const found = /http:\/\/127\.0\.0\.1:(\d+)\/demo\//.exec(text);
        if (found) {
          clearTimeout(timer);
          done(found[0]);
        }
      });
      child!.on('exit', (code) => fail(new Error(`exited with ${code}: ${text}`)));
    });
    const port = Number(new URL(url).port);
    const page = await get(port, '/demo/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(port, '/dist/index.mjs')).status).toBe(200);
    for (const path of ['/package.json', '/.git/config', '/node_modules/vitest/package.json', '/src/index.ts', '/README.md']) {
      expect([403, 404], path).toContain((await get(port, path)).status);
    }
    expect((await get(port, '/demo/', { host: 'evil.example' })).status).toBe(403);
  });
});
