// connect() for Node: ws:/wss: through the `ws` package, http:/https: over one
// node:http2 stream, quic: over one QUIC stream (quic-connect.ts; the optional
// @matrixai/quic is imported only when a quic: URL is used).
import http2 from 'node:http2';
import type { ConnectionOptions } from 'node:tls';
import { WebSocket as NodeWebSocket } from 'ws';
import { connect as connectWebSocket, createSession, type ConnectOptions, type MidstreamSession, type WebSocketLike } from '../../index';
import { DuplexWire } from './duplex-wire';
import { connectQuic } from './quic-connect';

export interface NodeConnectOptions extends Omit<ConnectOptions, 'WebSocket'> {
  /** TLS settings for wss:, https: and quic: (e.g. `ca` for a self-signed server, `servername`). */
  tls?: ConnectionOptions;
}

/** HTTP/2 flow-control windows large enough not to throttle one busy stream. */
export const HTTP2_WINDOW = 16 * 1024 * 1024;

/**
 * Opens a session: `ws://`/`wss://` (WebSocket), `http://`/`https://`
 * (HTTP/2) or `quic://` (QUIC, needs the optional @matrixai/quic). Returns at
 * once; await `session.ready`.
 */
export function connect(url: string | URL, options?: NodeConnectOptions): MidstreamSession {
  const where = 'connect';
  const text = typeof url === 'string' || url instanceof URL ? String(url) : undefined;
  if (text === undefined) throw new TypeError(`${where}: url must be a string or URL, got ${typeof url}`);
  const protocol = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1].toLowerCase();
  const { tls, ...rest } = options ?? {};
  if (tls !== undefined && (tls === null || typeof tls !== 'object')) throw new TypeError(`${where}: options.tls must be an object`);
  if (protocol === 'ws' || protocol === 'wss') {
    const WebSocketClass = class extends NodeWebSocket {
      constructor(address: string, protocols: string[]) {
        super(address, protocols, { perMessageDeflate: false, ...tls });
      }
    };
    return connectWebSocket(text, { ...rest, WebSocket: WebSocketClass as unknown as new (url: string, protocols: string[]) => WebSocketLike });
  }
  if (rest.token !== undefined && typeof rest.token !== 'string') throw new TypeError(`${where}: options.token must be a string`);
  if (protocol === 'http' || protocol === 'https') return connectHttp2(new URL(text), rest, tls);
  if (protocol === 'quic') return connectQuic(new URL(text), rest, tls);
  throw new RangeError(`${where}: url must be ws:, wss:, http:, https: or quic:, got ${protocol ?? text}`);
}

function connectHttp2(url: URL, options: Omit<ConnectOptions, 'WebSocket'>, tls: ConnectionOptions | undefined): MidstreamSession {
  const { token, ...sessionOptions } = options;
  const h2 = http2.connect(url.origin, { ...tls, settings: { initialWindowSize: HTTP2_WINDOW } });
  h2.on('error', () => {}); // reported through the request's close
  h2.on('connect', () => h2.setLocalWindowSize(HTTP2_WINDOW));
  const headers: http2.OutgoingHttpHeaders = { ':method': 'POST', ':path': url.pathname + url.search, 'content-type': 'application/x-midstream' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const request = h2.request(headers, { endStream: false });
  const ready = new Promise<void>((resolve, reject) => {
    request.on('response', (response) => {
      const status = Number(response[':status']);
      if (status === 200) resolve();
      else {
        reject(new Error(`connect: ${url.origin} refused the session: HTTP ${status}${status === 401 ? ' (wrong or missing token)' : ''}`));
        request.close();
      }
    });
    request.on('close', () => reject(new Error(`connect: the HTTP/2 stream to ${url.origin} closed before the session started`)));
    request.on('error', () => {});
  });
  const session = createSession(new DuplexWire(request), 'client', sessionOptions, ready);
  // One session per HTTP/2 connection: when it ends, so does the connection.
  const closeConnection = () => {
    if (!h2.closed) h2.close();
  };
  session.closed.then(closeConnection, () => h2.destroy());
  return session;
}
