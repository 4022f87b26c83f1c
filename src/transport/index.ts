// The multistream transport: many prioritised, byte-exact streams over one
// connection, shaped like WebTransport.
//
// ARCHITECTURE
//   portable core (this folder, in every bundle, no Node APIs):
//     frames.ts          the 10-byte-header framing and its decoder
//     priority.ts        RFC 9218 urgency/incremental and the one ordering rule
//     sender.ts          the frame sender: one Scheduler task per frame, by deadline
//     stream.ts          a stream's WHATWG halves and credit-based flow control
//     session.ts         the multiplexer over an abstract Wire (wire.ts)
//     websocket-wire.ts  a Wire over a WebSocket (browser's or the `ws` package's)
//     connect.ts         connect() for ws:/wss: with the global WebSocket
//   Node only (src/transport/node/, published as `midstream/node`, built to
//   dist/node.mjs and dist/node.cjs with node:* and ws external):
//     connect()          ws:/wss: (ws package), http:/https: (one node:http2
//                        stream as the wire), quic: (one QUIC stream of the
//                        optional @matrixai/quic, imported only when asked for)
//     serve()            HTTP/2 + WebSocket server, limits, one analysis per stream
// Browsers' native WebTransport is not a backend: nothing here can serve
// HTTP/3 WebTransport to test it against (see the README).
export { connect, SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX, type ConnectOptions } from './connect';
export {
  createSession,
  type MidstreamSession,
  type SessionOptions,
  type OpenStreamOptions,
  type CloseInfo,
  type SessionStats,
} from './session';
export type { MidstreamStream } from './stream';
export type { Wire, WireEvents } from './wire';
export { WebSocketWire, type WebSocketLike, type WebSocketWireOptions } from './websocket-wire';
export {
  PRIORITY_URGENCY,
  DEFAULT_URGENCY,
  resolvePriority,
  type PriorityName,
  type PriorityInput,
  type StreamPriority,
  type ResolvedPriority,
} from './priority';
export { StreamError, SessionError, CloseCode, StreamCode } from './errors';
