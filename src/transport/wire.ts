// A wire: one ordered, reliable byte pipe between two sessions (a WebSocket, one
// HTTP/2 stream, one QUIC stream, or anything a user supplies). The session
// does framing, multiplexing, priorities and flow control on top.

export interface WireEvents {
  /** Bytes received, in order. */
  data(bytes: Uint8Array): void;
  /** The wire's send buffer fell below its high-water mark after write() returned false. */
  drain(): void;
  /** The wire is gone (after end() or destroy(), or from the other side / the network). */
  closed(error?: Error): void;
}

export interface Wire {
  /** Starts delivering events (bytes received earlier are held until then). */
  start(events: WireEvents): void;
  /** Queues bytes; returns false when the send buffer is over the high-water mark (wait for drain). */
  write(bytes: Uint8Array): boolean;
  /** Flushes what was written, then closes. */
  end(): void;
  /** Closes at once. */
  destroy(): void;
}
