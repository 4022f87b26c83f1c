// serve()'s opt-in QUIC listener: each QUIC connection's first bidirectional
// stream carries the handshake line (the token) and then one session, exactly
// as one HTTP/2 POST stream does; any other QUIC stream the peer opens is
// cancelled. Limits are checked before the session exists: the handshake
// timeout and the token.
import type { Wire } from '../../index';
import { loadQuic, QUIC_ALPN, serverCrypto, silentLogger, type QuicConnection, type QuicStream } from './quic-library';
import { encodeLine, HELLO, QuicStreamWire, readLine } from './quic-wire';

export interface QuicListenOptions {
  host: string;
  port: number;
  cert: string | Buffer;
  key: string | Buffer;
  token: string | undefined;
  handshakeTimeoutMs: number;
  /** serve's idleTimeoutMs (the QUIC idle timeout is twice it); Infinity leaves the QUIC one to the client. */
  idleTimeoutMs: number;
}

export interface QuicListenHooks {
  /** The handshake passed: run a session on the wire; call onEnd when it ends. */
  startSession(wire: Wire, onEnd: () => void): void;
  /** A connection was refused (token, handshake timeout, bad handshake). */
  refused(): void;
}

export interface QuicListener {
  readonly host: string;
  readonly port: number;
  /** QUIC connections open now. */
  connections(): number;
  close(): Promise<void>;
}

/** How long an ended session's connection waits for the client to close its half. */
const CLOSE_LINGER_MS = 1000;
/** How long a refused connection stays open so that its answer line reaches the client. */
const REFUSAL_LINGER_MS = 200;

export async function listenQuic(options: QuicListenOptions, hooks: QuicListenHooks): Promise<QuicListener> {
  const quic = await loadQuic('serve');
  const server = new quic.QUICServer({
    crypto: serverCrypto(),
    config: {
      cert: pem(options.cert),
      key: pem(options.key),
      verifyPeer: false,
      applicationProtos: [QUIC_ALPN],
      // Twice the session's: its idle timeout (a close frame with a code) fires first.
      maxIdleTimeout: Number.isFinite(options.idleTimeoutMs) ? Math.ceil(2 * options.idleTimeoutMs) : 0,
    },
    logger: silentLogger,
  });
  const open = new Set<QuicConnection>();
  const { events } = quic;

  server.addEventListener(events.EventQUICServerConnection.name, (event) => {
    const connection = (event as CustomEvent<QuicConnection>).detail;
    open.add(connection);
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      connection.stop({ isApp: true, errorCode: 0, force: true }).catch(() => {});
    };
    connection.addEventListener(events.EventQUICConnectionError.name, () => {}); // reported through the stream
    connection.addEventListener(events.EventQUICConnectionStopped.name, () => {
      open.delete(connection);
      clearTimeout(timer);
    });
    const timer = setTimeout(() => {
      hooks.refused();
      stop();
    }, options.handshakeTimeoutMs);
    let first = true;
    connection.addEventListener(events.EventQUICConnectionStream.name, (streamEvent) => {
      const stream = (streamEvent as CustomEvent<QuicStream>).detail;
      if (!first) {
        stream.cancel(new Error('one stream per QUIC connection'));
        return;
      }
      first = false;
      void handshake(stream, options.token).then(
        (rest) => {
          clearTimeout(timer);
          if (stopped) return;
          const wire = new QuicStreamWire(stop);
          // The wire stops the connection once both halves are closed; a client
          // that keeps its half open is cut off.
          hooks.startSession(wire, () => setTimeout(stop, CLOSE_LINGER_MS).unref());
          wire.attach(rest.reader, rest.writer, rest.bytes);
        },
        (refusal: Refusal | Error) => {
          clearTimeout(timer);
          hooks.refused();
          if (refusal instanceof Refusal) {
            refusal.writer.write(encodeLine(`refused ${refusal.message}`)).catch(() => {});
            refusal.writer.close().catch(() => {});
            setTimeout(stop, REFUSAL_LINGER_MS).unref();
          } else stop();
        },
      );
    });
  });
  await server.start({ host: options.host, port: options.port });

  return {
    host: server.host,
    port: server.port,
    connections: () => open.size,
    close: async () => {
      await server.stop({ isApp: true, errorCode: 0, force: true }).catch(() => {});
    },
  };
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly writer: WritableStreamDefaultWriter<Uint8Array>,
  ) {
    super(message);
  }
}

/** Reads the client's line and answers it; resolves with the stream's halves and the bytes after the line. */
async function handshake(stream: QuicStream, token: string | undefined) {
  const reader = stream.readable.getReader();
  const writer = stream.writable.getWriter();
  const { line, rest } = await readLine(reader, 'the handshake line');
  const [hello, credential, extra] = line.split(' ');
  if (hello !== HELLO || extra !== undefined) throw new Refusal(`expected "${HELLO}[ bearer.<token>]"`, writer);
  if (token !== undefined && credential !== `bearer.${token}`) throw new Refusal('wrong or missing token', writer);
  await writer.write(encodeLine('ok'));
  return { reader, writer, bytes: rest };
}

function pem(value: string | Buffer): string {
  return typeof value === 'string' ? value : value.toString('utf8');
}
