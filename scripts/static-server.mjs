// A tiny static file server (node:http) for the demo page and the browser
// tests. It binds 127.0.0.1, serves files under `root` only, and lets the
// caller add response headers per path (e.g. a Content-Security-Policy).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

/**
 * Starts serving `root`. Resolves to { url, port, close() } once listening.
 * @param {{ root: string, host?: string, port?: number, headers?: (path: string) => Record<string, string> }} options
 */
export async function startStaticServer({ root, host = '127.0.0.1', port = 0, headers = () => ({}) }) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) return send(response, 403, 'forbidden');
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!path.endsWith('/')) {
          response.writeHead(301, { location: path + '/' + url.search });
          return response.end();
        }
        file = join(file, 'index.html');
        path += 'index.html';
        info = await stat(file).catch(() => undefined);
      }
      if (!info?.isFile()) return send(response, 404, `not found: ${path}`);
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
        ...headers(path),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      send(response, 500, String(error));
    }
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const actual = server.address().port;
  return {
    port: actual,
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}

function send(response, status, text) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
