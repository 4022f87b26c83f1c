// A small static file server (node:http) for the demo page and the browser
// tests. What it will serve is narrow on purpose:
// - it listens on 127.0.0.1 only, and answers only requests whose Host is
//   127.0.0.1 or localhost with its own port (no DNS rebinding);
// - only files under the listed `directories` of `root` (e.g. demo/
//   and dist/), never a dotfile, and only after resolving symlinks: the real
//   path must still be inside one of those directories;
// - redirects carry the %-encoded path, so Location is always a path on this
//   server; a malformed %-escape, an encoded slash or a control character in
//   the path is a 400;
// - every response, errors included, has X-Content-Type-Options: nosniff and
//   a Content-Security-Policy (the caller's per path, or a strict default).
import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const HOST = '127.0.0.1';

/** What the demo page needs: its own files, scripts from this origin, wasm compilation, nothing else. */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** For responses that are not pages (errors, redirects): nothing may load. */
const ERROR_CSP = "default-src 'none'; frame-ancestors 'none'";


class BadRequest extends Error {}

/**
 * Starts serving `directories` of `root` (paths relative to it, such as
 * 'demo' or 'test/browser/pages') on 127.0.0.1. Resolves to
 * { url, port, close() } once listening.
 * @param {{ root: string, directories: string[], home?: string, port?: number,
 *   contentSecurityPolicy?: string | null, headers?: (path: string) => Record<string, string> }} options
 *   home: where `/` redirects (e.g. '/demo/'); contentSecurityPolicy: the
 *   policy of every page (default DEMO_CSP; null: none but what `headers`
 *   gives, for test pages that must run without one); headers: extra response
 *   headers per decoded path, which may replace the policy.
 */
export async function startStaticServer({ root, directories, home, port = 0, contentSecurityPolicy = DEMO_CSP, headers = () => ({}) }) {
  if (!Array.isArray(directories) || directories.length === 0 || directories.some((d) => typeof d !== 'string' || d === '' || d.split('/').some((part) => part === '' || part.startsWith('.')))) {
    throw new TypeError('startStaticServer: options.directories must list the directories of root to serve, e.g. ["demo", "dist"]');
  }
  const base = resolve(root);
  let actualPort = 0;

  const server = createServer(async (request, response) => {
    let path = '/';
    const send = (status, extra, body) => {
      const policy = status === 200 ? contentSecurityPolicy : ERROR_CSP;
      response.writeHead(status, {
        ...(policy === null ? {} : { 'content-security-policy': policy }),
        ...headers(path),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        ...extra,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    const text = { 'content-type': 'text/plain; charset=utf-8' };
    try {
      if (!allowedHost(request.headers.host, actualPort)) return send(403, text, 'forbidden: this server answers only to 127.0.0.1 and localhost');
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, { ...text, allow: 'GET, HEAD' }, 'method not allowed');
      const target = request.url ?? '/';
      const queryAt = target.indexOf('?');
      const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
      const query = queryAt < 0 ? '' : target.slice(queryAt);
      if (!rawPath.startsWith('/')) return send(400, text, 'bad request');
      if (rawPath === '/' && home) return send(301, { ...text, location: home }, '');
      const segments = decodeSegments(rawPath);
      path = '/' + segments.join('/');
      if (!directories.some((d) => d.split('/').every((part, k) => segments[k] === part))) return send(404, text, 'not found');
      // No empty segment but a final one (a directory's slash), no dotfile, no . or ..
      if (segments.slice(0, -1).some((s) => s === '') || segments.some((s) => s.startsWith('.'))) {
        return send(404, text, 'not found');
      }

      // The real path (symlinks resolved) must lie inside a served directory's real path.
      const allowedRoots = (await Promise.all(directories.map((d) => realpath(join(base, d)).catch(() => undefined)))).filter(Boolean);
      const inside = (file) => file !== undefined && allowedRoots.some((dir) => file === dir || file.startsWith(dir + sep));
      let file = await realpath(join(base, ...segments)).catch(() => undefined);
      if (!inside(file)) return send(404, text, 'not found');
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!rawPath.endsWith('/')) return send(301, { ...text, location: encodePath(segments) + '/' + encodeQuery(query) }, '');
        file = await realpath(join(file, 'index.html')).catch(() => undefined);
        if (!inside(file)) return send(404, text, 'not found');
        info = await stat(file);
      }
      if (!info.isFile()) return send(404, text, 'not found');
      const body = await readFile(file);
      send(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length }, body);
    } catch (error) {
      if (error instanceof BadRequest) return send(400, text, `bad request: ${error.message}`);
      send(500, text, 'internal error');
    }
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, HOST, () => {
      server.off('error', fail);
      done();
    });
  });
  actualPort = server.address().port;
  return {
    port: actualPort,
    url: `http://${HOST}:${actualPort}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}

/** Host must be 127.0.0.1 or localhost (any case), with this server's port (implied when it is 80). */
function allowedHost(host, port) {
  if (typeof host !== 'string') return false;
  const match = /^(127\.0\.0\.1|localhost)(?::(\d+))?$/i.exec(host);
  return match !== null && (match[2] === undefined ? port === 80 : Number(match[2]) === port);
}

/** The path's segments, each %-decoded; a malformed escape, or a decoded slash, backslash or control character, is a BadRequest. */
function decodeSegments(rawPath) {
  return rawPath
    .slice(1)
    .split('/')
    .map((segment) => {
      let decoded;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        throw new BadRequest('malformed %-escape in the path');
      }
      if (/[/\\\u0000-\u001f\u007f]/.test(decoded)) throw new BadRequest('the path holds an encoded slash, backslash or control character');
      return decoded;
    });
}

/** A path on this server from decoded segments: each one %-encoded, so it can never start with // or name another host. */
function encodePath(segments) {
  return '/' + segments.filter((s) => s !== '').map(encodeURIComponent).join('/');
}

/** The query string as sent, with anything outside the URL characters %-encoded. */
function encodeQuery(query) {
  return query.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/g, (c) => encodeURIComponent(c));
}
