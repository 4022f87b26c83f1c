// connect() for quic:// URLs: one QUIC connection (@matrixai/quic, loaded only
// here), one bidirectional QUIC stream on it, and the framed multiplexer on
// that stream, as over a WebSocket or an HTTP/2 stream. Why not one QUIC
// stream per session stream: see the README's QUIC paragraph.
import type { ConnectionOptions } from 'node:tls';
import { createSession, type ConnectOptions, type MidstreamSession } from '../../index';
import { clientCrypto, loadQuic, QUIC_ALPN, silentLogger, type QuicClient, type QuicConfig } from './quic-library';
import { encodeLine, HELLO, QuicStreamWire, readLine } from './quic-wire';

/** Default port of quic:// URLs (serve's default port; QUIC is UDP, so it can share the number with TCP). */
export const QUIC_DEFAULT_PORT = 8765;
/** How long the QUIC and TLS handshake may take. */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * The QUIC connection's idle timeout: without one, a peer that is gone without
 * a word (a killed process; UDP has no reset) is never noticed. At least 30 s,
 * and twice the session's idleTimeoutMs, so that the session's own timeout,
 * which sends a close frame with CloseCode.idleTimeout, fires first.
 */
const MIN_QUIC_IDLE_MS = 30_000;
/** The library's QUIC pings (it sends none by default); often enough for a server's idle timeout of a few seconds. */
const MAX_QUIC_PING_MS = 5_000;

export function connectQuic(url: URL, options: Omit<ConnectOptions, 'WebSocket'>, tls: ConnectionOptions | undefined): MidstreamSession {
  const where = 'connect';
  const { token, ...sessionOptions } = options;
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) throw new TypeError(`${where}: options.token must be printable ASCII without spaces`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? QUIC_DEFAULT_PORT : Number(url.port);
  const idle = sessionOptions.idleTimeoutMs;
  const idleMs = typeof idle === 'number' && Number.isFinite(idle) && idle > 0 ? Math.max(MIN_QUIC_IDLE_MS, Math.ceil(2 * idle)) : MIN_QUIC_IDLE_MS;
  const config: QuicConfig = {
    verifyPeer: tls?.rejectUnauthorized !== false,
    applicationProtos: [QUIC_ALPN],
    maxIdleTimeout: idleMs,
    keepAliveIntervalTime: Math.min(MAX_QUIC_PING_MS, Math.floor(idleMs / 3)),
  };
  if (tls?.ca !== undefined) config.ca = (Array.isArray(tls.ca) ? tls.ca : [tls.ca]).map((c) => (typeof c === 'string' ? c : new Uint8Array(c)));

  let client: QuicClient | undefined;
  let released = false;
  // Stops a connection attempt still under way when the session ends first (close(), signal).
  const attempt = new AbortController();
  const release = () => {
    released = true;
    attempt.abort();
    client?.destroy({ isApp: true, errorCode: 0, force: true }).catch(() => {});
  };
  const wire = new QuicStreamWire(release);
  const origin = `quic://${url.host}`;
  const ready = (async () => {
    const quic = await loadQuic(where);
    try {
      client = await quic.QUICClient.createQUICClient(
        { host, port, crypto: clientCrypto, config, logger: silentLogger },
        { timer: CONNECT_TIMEOUT_MS, signal: attempt.signal },
      );
    } catch (error) {
      if (released) throw new Error(`connect: the session to ${origin} was closed before it started`);
      throw new Error(`connect: no QUIC connection to ${origin}: ${describe(error)}${hint(error)}`, { cause: error });
    }
    if (released) {
      release();
      throw new Error(`connect: the session to ${origin} was closed before it started`);
    }
    const stream = client.connection.newStream('bidi');
    const reader = stream.readable.getReader();
    const writer = stream.writable.getWriter();
    writer.write(encodeLine(token === undefined ? HELLO : `${HELLO} bearer.${token}`)).catch(() => {});
    let answer: { line: string; rest: Uint8Array };
    try {
      answer = await readLine(reader, "the server's answer");
    } catch (error) {
      throw new Error(`connect: the QUIC stream to ${origin} closed before the session started: ${describe(error)}`, { cause: error });
    }
    if (answer.line !== 'ok') {
      const why = answer.line.startsWith('refused ') ? answer.line.slice('refused '.length) : `unexpected answer ${JSON.stringify(answer.line.slice(0, 80))}`;
      throw new Error(`connect: ${origin} refused the session: ${why}`);
    }
    wire.attach(reader, writer, answer.rest);
  })();
  ready.catch((error: Error) => wire.fail(error));
  return createSession(wire, 'client', sessionOptions, ready);
}

/** The library's errors carry their cause's message; quiche's own are terse ('TlsFail'). */
function describe(error: unknown): string {
  const e = error as { message?: string; name?: string; cause?: { message?: string } };
  const message = e?.message || e?.name || String(error);
  const cause = e?.cause?.message;
  return cause && !message.includes(cause) ? `${message} (${cause})` : message;
}

function hint(error: unknown): string {
  const text = describe(error);
  if (/TLS/i.test(text)) {
    return '; the certificate must be trusted (options.tls.ca for a self-signed one) and name the host as a DNS subjectAltName, even an IP address such as 127.0.0.1 (this library matches names as DNS names)';
  }
  if (/timeout|timed out/i.test(text)) return `; no answer within ${CONNECT_TIMEOUT_MS} ms (is a QUIC listener there? UDP gives no refusal)`;
  return '';
}
