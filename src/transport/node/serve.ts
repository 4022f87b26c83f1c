// serve(): accepts HTTP/2 (one POST stream per session) and WebSocket
// connections on one port, runs a session on each, and hands every incoming
// stream to a handler (by default one analysed feed, see feed.ts).
//
// Each TCP (or TLS) connection is sorted by its first bytes (or ALPN): the
// HTTP/2 preface goes to a node:http2 server, anything else to a node:http
// server whose 'upgrade' the `ws` package completes. Limits are checked before
// any session exists: the handshake timeout, the bearer token, the Origin.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CloseCode,
  createSession,
  SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
  WebSocketWire,
  type MidstreamSession,
  type MidstreamStream,
  type SessionOptions,
  type Wire,
} from '../../index';
import { checkNumber, checkOptions } from '../../validate';
import { DuplexWire } from './duplex-wire';
import { runFeed } from './feed';
import { HTTP2_WINDOW } from './connect';
import { loadQuic } from './quic-library';
import { listenQuic, type QuicListener } from './quic-serve';

/** The framing's header (frames.ts); clients send one frame per WebSocket message. */
const FRAME_HEADER_BYTES = 10;

export interface ServeOptions {
  /** Default 8765; 0 picks a free port. */
  port?: number;
  /** Default '127.0.0.1' (this machine only). */
  host?: string;
  /** When set, every connection must carry it (Authorization: Bearer, or the `bearer.<token>` WebSocket subprotocol). */
  token?: string;
  /** PEM certificate and key: serve wss: and https: (HTTP/2 over TLS) instead of ws: and http:. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Also accept QUIC (UDP) with `tls`'s certificate; needs the optional @matrixai/quic. Port default: the TCP port; host default: `host`. */
  quic?: { port?: number; host?: string };
  /** Origins allowed to open WebSockets from a browser page; requests without Origin (non-browsers) are allowed. '*' allows any. Default none. */
  allowedOrigins?: string[];
  /** Streams a client may have open on one connection. Default 100. */
  maxStreamsPerConnection?: number;
  /** Largest frame payload; a WebSocket message may hold one frame (payload + 10-byte header). Default 1 MiB (at least 64 KiB). */
  maxFrameSize?: number;
  /** Longest feed header line and NDJSON sample line, bytes. Default 1 MiB. */
  maxMessageSize?: number;
  /** Bytes per stream a client may have sent and not yet consumed here; beyond it the client's write() waits. Default 1 MiB. */
  streamBufferBytes?: number;
  /** Close a session that sends nothing for this long (clients ping every 10 s by default). Default 60000. */
  idleTimeoutMs?: number;
  /** From TCP accept to an accepted session (TLS, HTTP, token). Default 10000. */
  handshakeTimeoutMs?: number;
  /** Per-session sender settings. */
  agingMs?: SessionOptions['agingMs'];
  /** Bytes in flight below the sender while a more urgent stream is open (see SessionOptions). Default 64 KiB, at least 32 KiB. */
  inFlightBudget?: SessionOptions['inFlightBudget'];
  priorities?: SessionOptions['priorities'];
  /** What to do with each incoming stream. Default: run it as an analysed feed (see the README). */
  handler?: (stream: MidstreamStream, session: MidstreamSession) => void | Promise<void>;
}

export interface ServerStats {
  /** Open TCP/TLS (and QUIC) connections. */
  connections: number;
  /** Running sessions. */
  sessions: number;
  /** Streams open over all sessions. */
  streamsOpen: number;
  /** Handlers (feeds) still running. */
  handlersRunning: number;
  /** Connections refused (token, origin, handshake timeout, bad request). */
  refused: number;
}

export interface MidstreamServer {
  readonly host: string;
  readonly port: number;
  /** ws://host:port/ (wss: with TLS). */
  readonly webSocketUrl: string;
  /** http://host:port/ (https: with TLS), for HTTP/2 clients. */
  readonly http2Url: string;
  /** quic://host:port/ when the `quic` option is set. */
  readonly quicUrl?: string;
  stats(): ServerStats;
  /** Stops accepting, closes every session (CloseCode.goingAway) and connection. */
  close(): Promise<void>;
}

export async function serve(options?: ServeOptions): Promise<MidstreamServer> {
  const where = 'serve';
  const o = checkOptions(options, where);
  const port = o.port === undefined ? 8765 : checkNumber(o.port, 'options.port', where, { integer: true, min: 0, max: 65535 });
  const host = o.host ?? '127.0.0.1';
  if (typeof host !== 'string') throw new TypeError(`${where}: options.host must be a string`);
  if (o.token !== undefined && (typeof o.token !== 'string' || o.token === '')) throw new TypeError(`${where}: options.token must be a non-empty string`);
  const allowedOrigins = o.allowedOrigins ?? [];
  if (!Array.isArray(allowedOrigins) || allowedOrigins.some((x) => typeof x !== 'string')) {
    throw new TypeError(`${where}: options.allowedOrigins must be an array of strings`);
  }
  const limit = (value: unknown, name: string, fallback: number, min: number, infinite = false) =>
    value === undefined ? fallback : checkNumber(value, `options.${name}`, where, { integer: value !== Infinity, min, infinite });
  const maxMessageSize = limit(o.maxMessageSize, 'maxMessageSize', 1 << 20, 1024);
  const handshakeTimeoutMs = limit(o.handshakeTimeoutMs, 'handshakeTimeoutMs', 10_000, 1);
  const maxFrameSize = limit(o.maxFrameSize, 'maxFrameSize', 1 << 20, 64 * 1024);
  const sessionOptions: SessionOptions = {
    maxIncomingStreams: limit(o.maxStreamsPerConnection, 'maxStreamsPerConnection', 100, 1),
    maxFrameSize,
    streamReceiveWindow: limit(o.streamBufferBytes, 'streamBufferBytes', 1 << 20, 64 * 1024),
    idleTimeoutMs: limit(o.idleTimeoutMs, 'idleTimeoutMs', 60_000, 1, true),
    keepAliveMs: 0,
    agingMs: o.agingMs,
    inFlightBudget: o.inFlightBudget === undefined ? undefined : limit(o.inFlightBudget, 'inFlightBudget', 0, 32 * 1024, true),
    priorities: o.priorities,
  };
  const quicOptions = o.quic === undefined ? undefined : checkOptions(o.quic, where, 'options.quic');
  if (quicOptions !== undefined && o.tls === undefined) throw new TypeError(`${where}: options.quic needs options.tls (QUIC always uses TLS)`);
  const quicPort = quicOptions?.port === undefined ? undefined : checkNumber(quicOptions.port, 'options.quic.port', where, { integer: true, min: 0, max: 65535 });
  if (quicOptions?.host !== undefined && typeof quicOptions.host !== 'string') throw new TypeError(`${where}: options.quic.host must be a string`);
  if (quicOptions !== undefined) await loadQuic(where); // a missing optional package fails before any socket is bound
  const handler = o.handler ?? ((stream: MidstreamStream) => runFeed(stream, maxMessageSize));
  if (typeof handler !== 'function') throw new TypeError(`${where}: options.handler must be a function`);

  const sockets = new Set<Duplex>();
  const sessions = new Set<MidstreamSession>();
  const handshakeTimers = new Map<Duplex, ReturnType<typeof setTimeout>>();
  let handlersRunning = 0;
  let refused = 0;

  const accepted = (socket: Duplex) => {
    clearTimeout(handshakeTimers.get(socket));
    handshakeTimers.delete(socket);
  };
  const startSession = (wire: Wire, socket: Duplex | undefined, onEnd?: () => void) => {
    if (socket) accepted(socket);
    const session = createSession(wire, 'server', sessionOptions);
    sessions.add(session);
    const forget = () => {
      sessions.delete(session);
      onEnd?.();
    };
    session.closed.then(forget, forget);
    void acceptStreams(session);
  };
  const acceptStreams = async (session: MidstreamSession) => {
    const reader = session.incomingStreams.getReader();
    for (;;) {
      const next = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (next.done) return;
      handlersRunning++;
      Promise.resolve()
        .then(() => handler(next.value, session))
        .catch(() => {})
        .finally(() => handlersRunning--);
    }
  };
  const authorized = (authorization: string | undefined, protocols: string[]) =>
    o.token === undefined || authorization === `Bearer ${o.token}` || protocols.includes(TOKEN_SUBPROTOCOL_PREFIX + o.token);

  // WebSocket: HTTP/1.1 upgrade, checked before the handshake completes.
  const webSockets = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameSize + FRAME_HEADER_BYTES,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  const http1 = http.createServer((request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
    response.end('midstream serve: connect with a WebSocket or HTTP/2 (see the README)\n');
  });
  http1.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const protocols = String(request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const origin = request.headers.origin;
    const refuse = (status: number, text: string) => {
      refused++;
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (!authorized(request.headers.authorization, protocols)) return refuse(401, 'Unauthorized');
    if (origin !== undefined && !allowedOrigins.includes('*') && !allowedOrigins.includes(origin)) return refuse(403, 'Forbidden');
    webSockets.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      startSession(new WebSocketWire(ws as never, { sendCallbacks: true }), socket);
    });
  });

  // HTTP/2: one POST stream per session.
  const h2 = http2.createServer({ settings: { initialWindowSize: HTTP2_WINDOW } });
  h2.on('session', (h2session) => {
    h2session.on('error', () => {});
    h2session.setLocalWindowSize(HTTP2_WINDOW);
  });
  h2.on('stream', (stream, headers) => {
    stream.on('error', () => {});
    const h2session = stream.session!;
    // h2session.socket is a proxy: the accepted socket is found by its remote address.
    const socket = socketsByPeer.get(peerKey(h2session.socket));
    if (headers[':method'] !== 'POST') {
      refused++;
      stream.respond({ ':status': 405 }, { endStream: true });
      return;
    }
    if (!authorized(headers.authorization as string | undefined, [])) {
      refused++;
      stream.respond({ ':status': 401 }, { endStream: true });
      stream.session?.close();
      return;
    }
    stream.respond({ ':status': 200, 'content-type': 'application/x-midstream' });
    // One session per HTTP/2 connection: when it ends, so does the connection.
    startSession(new DuplexWire(stream), socket, () => {
      if (!h2session.closed) h2session.close();
      // A client that keeps its half open is cut off.
      setTimeout(() => h2session.destroy(), 1000).unref();
    });
  });

  // The listening socket: sort each connection by protocol.
  const dispatch = (socket: Duplex, isHttp2: boolean) => (isHttp2 ? h2.emit('connection', socket) : http1.emit('connection', socket));
  const socketsByPeer = new Map<string, Duplex>();
  const peerKey = (socket: { remoteAddress?: string; remotePort?: number }) => `${socket.remoteAddress}|${socket.remotePort}`;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    const key = peerKey(socket);
    socketsByPeer.set(key, socket);
    socket.on('close', () => {
      sockets.delete(socket);
      socketsByPeer.delete(key);
      accepted(socket);
    });
    socket.on('error', () => {});
    handshakeTimers.set(
      socket,
      setTimeout(() => {
        refused++;
        socket.destroy();
      }, handshakeTimeoutMs),
    );
  };
  let listener: net.Server;
  if (o.tls) {
    listener = tls.createServer({ cert: o.tls.cert, key: o.tls.key, ALPNProtocols: ['h2', 'http/1.1'] });
    listener.on('secureConnection', (socket: tls.TLSSocket) => dispatch(socket, socket.alpnProtocol === 'h2'));
    listener.on('connection', track);
    listener.on('tlsClientError', () => {});
  } else {
    listener = net.createServer((socket) => {
      track(socket);
      socket.once('data', (first: Buffer) => {
        socket.pause();
        socket.unshift(first);
        // The HTTP/2 preface starts with PRI, which is no HTTP/1 method. node:http2
        // reads what is already buffered itself; node:http needs the socket flowing.
        const isHttp2 = first.subarray(0, 3).toString('latin1') === 'PRI';
        dispatch(socket, isHttp2);
        if (!isHttp2) socket.resume();
      });
    });
  }
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(port, host, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  const address = listener.address() as net.AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const secure = o.tls !== undefined;
  let quic: QuicListener | undefined;
  if (quicOptions !== undefined) {
    const quicSettings = { host: quicOptions.host ?? host, port: quicPort ?? address.port, cert: o.tls!.cert, key: o.tls!.key, token: o.token, handshakeTimeoutMs };
    const quicHooks = { startSession: (wire: Wire, onEnd: () => void) => startSession(wire, undefined, onEnd), refused: () => refused++ };
    quic = await listenQuic({ ...quicSettings, idleTimeoutMs: sessionOptions.idleTimeoutMs! }, quicHooks).catch(async (error) => {
      await new Promise((resolve) => listener.close(resolve));
      throw error;
    });
  }

  return {
    host: address.address,
    port: address.port,
    webSocketUrl: `${secure ? 'wss' : 'ws'}://${urlHost}:${address.port}/`,
    http2Url: `${secure ? 'https' : 'http'}://${urlHost}:${address.port}/`,
    quicUrl: quic && `quic://${quic.host.includes(':') ? `[${quic.host}]` : quic.host}:${quic.port}/`,
    stats: () => ({
      connections: sockets.size + (quic?.connections() ?? 0),
      sessions: sessions.size,
      streamsOpen: [...sessions].reduce((n, s) => n + s.stats().streamsOpen, 0),
      handlersRunning,
      refused,
    }),
    close: async () => {
      const closing = new Promise<void>((resolve) => listener.close(() => resolve()));
      for (const session of sessions) session.close({ code: CloseCode.goingAway, reason: 'server closing' });
      await new Promise((resolve) => setTimeout(resolve, 20)); // let the close frames go out
      for (const socket of sockets) socket.destroy();
      for (const timer of handshakeTimers.values()) clearTimeout(timer);
      webSockets.close();
      await quic?.close();
      await closing;
    },
  };
}
