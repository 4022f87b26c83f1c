// A wire over one WebSocket: the browser's WebSocket or the `ws` package's (both
// have the same event API). Each write is one binary message; the session's
// decoder does not care where messages begin or end.
import type { Wire, WireEvents } from './wire';

/** What both the browser's WebSocket and the `ws` package's WebSocket offer. */
export interface WebSocketLike {
  binaryType: string;
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: Uint8Array, callback?: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: any) => void): void;
  /** `ws` only: drop the connection without a closing handshake. */
  terminate?(): void;
}

const OPEN = 1;
const encoder = new TextEncoder();

export interface WebSocketWireOptions {
  /** Bytes queued in the socket at which write() returns false. Default 256 KiB. */
  highWaterMark?: number;
  /**
   * Learn about drained bytes from send() callbacks (the `ws` package) instead of
   * polling `bufferedAmount` (browsers have no drain event).
   */
  sendCallbacks?: boolean;
}

export class WebSocketWire implements Wire {
  private events: WireEvents | undefined;
  private held: Uint8Array[] = [];
  private heldClose: { error?: Error } | undefined;
  private closedReported = false;
  private blocked = false;
  private inFlight = 0;
  private readonly highWaterMark: number;
  private readonly sendCallbacks: boolean;

  constructor(
    private readonly socket: WebSocketLike,
    options: WebSocketWireOptions = {},
  ) {
    this.highWaterMark = options.highWaterMark ?? 256 * 1024;
    this.sendCallbacks = options.sendCallbacks ?? false;
    socket.binaryType = this.sendCallbacks ? 'nodebuffer' : 'arraybuffer';
    socket.addEventListener('message', (event: { data: unknown }) => this.received(toBytes(event.data)));
    // Failures are reported by the close event that follows; without a listener `ws` would throw.
    socket.addEventListener('error', () => {});
    socket.addEventListener('close', (event: { code: number; reason: string }) => {
      const clean = event.code === 1000 || event.code === 1005;
      this.reportClosed(clean ? undefined : new Error(`WebSocket closed with code ${event.code}${event.reason ? `: ${event.reason}` : ''}`));
    });
  }

  start(events: WireEvents): void {
    this.events = events;
    for (const bytes of this.held) events.data(bytes);
    this.held = [];
    if (this.heldClose) this.reportClosed(this.heldClose.error);
  }

  write(bytes: Uint8Array): boolean {
    if (this.socket.readyState !== OPEN) return true; // closing: the session learns from the close event
    if (this.sendCallbacks) {
      this.inFlight += bytes.byteLength;
      const size = bytes.byteLength;
      this.socket.send(bytes, () => {
        this.inFlight -= size;
        if (this.blocked && this.inFlight <= this.highWaterMark / 2) this.unblock();
      });
      if (this.inFlight >= this.highWaterMark) this.blocked = true;
    } else {
      this.socket.send(bytes);
      if (this.socket.bufferedAmount >= this.highWaterMark && !this.blocked) {
        this.blocked = true;
        this.pollBuffered();
      }
    }
    return !this.blocked;
  }

  end(): void {
    if (this.socket.readyState <= OPEN) this.socket.close(1000);
  }

  destroy(): void {
    if (this.socket.terminate) this.socket.terminate();
    else this.socket.close(1000);
  }

  private pollBuffered(): void {
    setTimeout(() => {
      if (this.socket.readyState !== OPEN) return;
      if (this.socket.bufferedAmount <= this.highWaterMark / 2) this.unblock();
      else this.pollBuffered();
    }, 1);
  }

  private unblock(): void {
    this.blocked = false;
    this.events?.drain();
  }

  private received(bytes: Uint8Array): void {
    if (this.events) this.events.data(bytes);
    else this.held.push(bytes);
  }

  private reportClosed(error?: Error): void {
    if (!this.events) {
      this.heldClose = { error };
      return;
    }
    if (this.closedReported) return;
    this.closedReported = true;
    this.events.closed(error);
  }
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (typeof data === 'string') return encoder.encode(data); // not ours: the decoder will refuse it
  throw new TypeError(`WebSocket delivered an unsupported message type: ${typeof data}`);
}
