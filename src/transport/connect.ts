// connect() where only web APIs exist (browsers, workers, Deno): ws:/wss: over
// the global WebSocket (or one passed in). `midstream/node` has a connect() with
// the same contract that adds http:/https: (HTTP/2) and quic:, and passes the
// `ws` package's WebSocket here for ws:/wss:.
import { checkOptions } from '../validate';
import { createSession, type MidstreamSession, type SessionOptions } from './session';
import { WebSocketWire, type WebSocketLike } from './websocket-wire';

export interface ConnectOptions extends SessionOptions {
  /** A bearer token; over WebSocket it travels as the subprotocol `bearer.<token>` (browsers cannot set headers). */
  token?: string;
  /** The WebSocket class to use. Default: the global one. */
  WebSocket?: new (url: string, protocols: string[]) => WebSocketLike;
}

/** The subprotocol of the framed multiplexer; the server answers with it. */
export const SUBPROTOCOL = 'midstream.v1';
/** Prefix of the subprotocol that carries the bearer token. */
export const TOKEN_SUBPROTOCOL_PREFIX = 'bearer.';

/**
 * Opens a session to `midstream serve` (or any peer speaking the framing) over
 * a WebSocket, e.g. `ws://127.0.0.1:8765/`. Returns at once; await `session.ready`.
 */
export function connect(url: string | URL, options?: ConnectOptions): MidstreamSession {
  const where = 'connect';
  if (typeof url !== 'string' && !(url instanceof URL)) throw new TypeError(`${where}: url must be a string or URL, got ${typeof url}`);
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new TypeError(`${where}: url is not a valid URL: ${String(url)}`);
  }
  const o = checkOptions(options, where);
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new RangeError(
      `${where}: url must be ws: or wss: here; http:, https: (HTTP/2) and quic: need Node and \`import { connect } from 'midstream/node'\`, got ${parsed.protocol}`,
    );
  }
  if (o.token !== undefined && (typeof o.token !== 'string' || !/^[A-Za-z0-9._~+-]+$/.test(o.token))) {
    throw new TypeError(`${where}: options.token must be a string of token characters (A-Z a-z 0-9 . _ ~ + -, e.g. base64url)`);
  }
  const WebSocketClass = o.WebSocket ?? (globalThis as { WebSocket?: ConnectOptions['WebSocket'] }).WebSocket;
  if (typeof WebSocketClass !== 'function') {
    throw new TypeError(`${where}: no WebSocket class here; in Node use \`import { connect } from 'midstream/node'\``);
  }
  const protocols = [SUBPROTOCOL];
  if (o.token !== undefined) protocols.push(TOKEN_SUBPROTOCOL_PREFIX + o.token);
  const socket = new WebSocketClass(parsed.href, protocols);
  // The `ws` package reports flushed bytes through send() callbacks; browsers need polling.
  const wire = new WebSocketWire(socket, { sendCallbacks: typeof socket.terminate === 'function' });
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('close', (event: { code: number; reason: string }) =>
      reject(new Error(`connect: the WebSocket to ${parsed.href} closed before opening (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`)),
    );
  });
  const { token: _token, WebSocket: _class, ...sessionOptions } = o;
  return createSession(wire, 'client', sessionOptions, opened);
}
