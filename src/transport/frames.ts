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
  /** The last (for data frames, possibly the only) piece of the frame. */
  end: boolean;
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
 *
 * Data payloads are not reassembled: a data frame split across chunks comes out
 * as several pieces (views into the chunks, no copy), `end` on the last one and
 * FIN only there. Other frames (small, control) come out whole.
 */
export class FrameDecoder {
  private header = new Uint8Array(HEADER_BYTES);
  private headerBytes = 0;
  /** The frame whose payload is arriving, and how much of it is still to come. */
  private type = 0;
  private flags = 0;
  private stream = 0;
  private remaining = -1; // -1: reading a header
  private control: Uint8Array | undefined; // a control payload being assembled
  private controlAt = 0;

  constructor(private readonly maxPayload: number) {}

  /** Feeds received bytes; calls `onFrame` for every frame (or data piece), in order. */
  push(chunk: Uint8Array, onFrame: (frame: Frame) => void): void {
    let at = 0;
    const n = chunk.byteLength;
    while (at < n || this.remaining === 0) {
      if (this.remaining < 0) {
        // Header: straight from the chunk when it is all there, else gathered.
        if (this.headerBytes === 0 && n - at >= HEADER_BYTES) {
          this.startFrame(chunk, at);
          at += HEADER_BYTES;
        } else {
          const take = Math.min(HEADER_BYTES - this.headerBytes, n - at);
          this.header.set(chunk.subarray(at, at + take), this.headerBytes);
          this.headerBytes += take;
          at += take;
          if (this.headerBytes < HEADER_BYTES) return;
          this.headerBytes = 0;
          this.startFrame(this.header, 0);
        }
        continue;
      }
      const take = Math.min(this.remaining, n - at);
      const piece = chunk.subarray(at, at + take);
      at += take;
      this.remaining -= take;
      const end = this.remaining === 0;
      if (this.type === FrameType.data) {
        if (take > 0 || end) {
          onFrame({ type: FrameType.data, flags: end ? this.flags : this.flags & ~FLAG_FIN, stream: this.stream, payload: piece, end });
        }
      } else {
        if (this.control === undefined) {
          if (end) {
            this.remaining = -1;
            onFrame({ type: this.type as FrameTypeValue, flags: this.flags, stream: this.stream, payload: piece, end: true });
            continue;
          }
          this.control = new Uint8Array(take + this.remaining);
          this.controlAt = 0;
        }
        this.control.set(piece, this.controlAt);
        this.controlAt += take;
        if (end) {
          const payload = this.control;
          this.control = undefined;
          this.remaining = -1;
          onFrame({ type: this.type as FrameTypeValue, flags: this.flags, stream: this.stream, payload, end: true });
          continue;
        }
      }
      if (end) this.remaining = -1;
    }
  }

  /** Bytes held for a frame not yet complete. */
  get buffered(): number {
    return this.headerBytes + (this.control === undefined ? 0 : this.controlAt) + (this.remaining > 0 ? 1 : 0);
  }

  private startFrame(bytes: Uint8Array, at: number): void {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, HEADER_BYTES);
    const type = bytes[at];
    const length = view.getUint32(6);
    if (type > LAST_TYPE) throw new FrameError(`unknown frame type ${type}`);
    if (length > this.maxPayload) throw new FrameError(`frame payload of ${length} bytes exceeds the limit of ${this.maxPayload}`);
    this.type = type;
    this.flags = bytes[at + 1];
    this.stream = view.getUint32(2);
    this.remaining = length;
  }
}
