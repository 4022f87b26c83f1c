// The multiplexer's frames. Every frame is a 10-byte header and a payload:
//
//   type u8 | flags u8 | stream id u32 (big-endian) | payload length u32 (big-endian) | payload
//
// The same bytes travel over every wire (WebSocket messages, one HTTP/2 stream,
// one QUIC stream); the decoder treats what arrives as one byte stream, so a
// frame may be split across or share wire chunks.

export const HEADER_BYTES = 10;

export const FrameType = {
  /** Stream bytes; flag FIN ends the sender's half. */
  data: 0,
  /** Opens a stream; payload: urgency u8, incremental u8. */
  open: 1,
  /** The sender abandons its half; payload: code u32, UTF-8 reason. */
  reset: 2,
  /** The receiver asks the peer to stop sending; payload: code u32, UTF-8 reason. */
  stop: 3,
  /** The receiver grants more bytes; payload: credit u32. On stream 0: data bytes received (acknowledgement). */
  window: 4,
  /** New priority for the stream (both directions); payload as for open. */
  priority: 5,
  /** Closes the session; stream id 0; payload: code u32, UTF-8 reason. */
  close: 6,
  /** Liveness and RTT; stream id 0; 8-byte payload echoed back with flag ACK. */
  ping: 7,
} as const;
export type FrameTypeValue = (typeof FrameType)[keyof typeof FrameType];
const LAST_TYPE = FrameType.ping;

export const FLAG_FIN = 1;
export const FLAG_ACK = 1;

export interface Frame {
  type: FrameTypeValue;
  flags: number;
  stream: number;
  /** A view into the received bytes (valid for as long as the caller keeps it). */
  payload: Uint8Array;
}

export class FrameError extends Error {
  override name = 'FrameError';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One frame as one buffer (header + payload copied in). */
export function encodeFrame(type: FrameTypeValue, flags: number, stream: number, payload?: Uint8Array): Uint8Array {
  const length = payload === undefined ? 0 : payload.byteLength;
  const bytes = new Uint8Array(HEADER_BYTES + length);
  writeHeader(bytes, type, flags, stream, length);
  if (payload !== undefined) bytes.set(payload, HEADER_BYTES);
  return bytes;
}

export function writeHeader(bytes: Uint8Array, type: number, flags: number, stream: number, length: number): void {
  bytes[0] = type;
  bytes[1] = flags;
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  view.setUint32(2, stream);
  view.setUint32(6, length);
}

/** Payload of reset, stop and close: code u32 then the UTF-8 reason. */
export function encodeCodeReason(code: number, reason: string): Uint8Array {
  const text = encoder.encode(reason);
  const bytes = new Uint8Array(4 + text.byteLength);
  new DataView(bytes.buffer).setUint32(0, code);
  bytes.set(text, 4);
  return bytes;
}

export function decodeCodeReason(payload: Uint8Array): { code: number; reason: string } {
  if (payload.byteLength < 4) throw new FrameError('a reset, stop or close frame needs a 4-byte code');
  const code = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0);
  return { code, reason: decoder.decode(payload.subarray(4)) };
}

export function encodeUint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

export function decodeUint32(payload: Uint8Array): number {
  if (payload.byteLength !== 4) throw new FrameError(`a window frame carries 4 bytes, got ${payload.byteLength}`);
  return new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0);
}

/**
 * Splits a byte stream into frames. Throws a FrameError on an unknown type or a
 * payload longer than `maxPayload` (checked from the header, before buffering it).
 */
export class FrameDecoder {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxPayload: number) {}

  /** Feeds received bytes; calls `onFrame` for every complete frame, in order. */
  push(chunk: Uint8Array, onFrame: (frame: Frame) => void): void {
    let bytes = chunk;
    if (this.pendingBytes > 0) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.byteLength;
      if (this.pendingBytes < HEADER_BYTES) return;
      const needed = HEADER_BYTES + this.peekLength();
      if (this.pendingBytes < needed) return;
      bytes = concat(this.pending, this.pendingBytes);
      this.pending = [];
      this.pendingBytes = 0;
    }
    let at = 0;
    while (bytes.byteLength - at >= HEADER_BYTES) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + at, HEADER_BYTES);
      const type = bytes[at];
      const length = view.getUint32(6);
      this.check(type, length);
      if (bytes.byteLength - at - HEADER_BYTES < length) break;
      const start = at + HEADER_BYTES;
      onFrame({ type: type as FrameTypeValue, flags: bytes[at + 1], stream: view.getUint32(2), payload: bytes.subarray(start, start + length) });
      at = start + length;
    }
    if (at < bytes.byteLength) {
      this.pending.push(bytes.subarray(at));
      this.pendingBytes = bytes.byteLength - at;
      if (this.pendingBytes >= HEADER_BYTES) this.peekLength();
    }
  }

  /** Bytes held for a frame not yet complete. */
  get buffered(): number {
    return this.pendingBytes;
  }

  /** Length field of the pending header (the header may span chunks); checks it. */
  private peekLength(): number {
    const head = this.pending[0].byteLength >= HEADER_BYTES ? this.pending[0] : concat(this.pending, this.pendingBytes);
    const length = new DataView(head.buffer, head.byteOffset, HEADER_BYTES).getUint32(6);
    this.check(head[0], length);
    return length;
  }

  private check(type: number, length: number): void {
    if (type > LAST_TYPE) throw new FrameError(`unknown frame type ${type}`);
    if (length > this.maxPayload) throw new FrameError(`frame payload of ${length} bytes exceeds the limit of ${this.maxPayload}`);
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
