// A session: the multiplexer over one wire. Shaped like WebTransport: streams
// with WHATWG readable/writable halves, `incomingStreams`, `ready`, `closed`,
// `close({ code, reason })`, plus `stats()`. Both ends of a connection run one
// (the client's streams have odd ids, the server's even ones).
import { Scheduler } from '../scheduler/index';
import { checkNumber, checkOptions } from '../validate';
import { checkCode, CloseCode, SessionError, StreamCode } from './errors';
import {
  decodeCodeReason,
  decodeUint32,
  encodeCodeReason,
  encodeUint32,
  encodeFrame,
  FLAG_ACK,
  FLAG_FIN,
  FrameDecoder,
  FrameError,
  FrameType,
  HEADER_BYTES,
  type Frame,
} from './frames';
import { decodePriority, encodePriority, resolvePriority, type PriorityInput } from './priority';
import { PrioritySender } from './sender';
import { DATA_FRAME_BYTES, INITIAL_WINDOW, SessionStream, type MidstreamStream, type StreamHost } from './stream';
import type { Wire } from './wire';

export interface SessionOptions {
  /** Most streams the peer may have open at once; more are refused (reset with StreamCode.refused). Default 1000. */
  maxIncomingStreams?: number;
  /** Largest frame payload accepted; a bigger one is a protocol error. Default 1 MiB, at least 64 KiB. */
  maxFrameSize?: number;
  /** Bytes per stream the peer may have in flight or unread here (the per-stream buffer cap). Default 1 MiB, at least 64 KiB. */
  streamReceiveWindow?: number;
  /** Bytes written to a stream but not yet sent at which write() waits. Default 256 KiB. */
  streamSendBuffer?: number;
  /** Close the session when nothing arrives for this long (ms). Default Infinity. */
  idleTimeoutMs?: number;
  /** Send a ping this often (ms) to measure the RTT and keep the peer's idle timer happy; 0 turns it off. Default 10000. */
  keepAliveMs?: number;
  /** Aging per urgency level (ms), see priority.ts. Default 100. */
  agingMs?: number;
  /**
   * Bytes sent and not yet acknowledged by the peer beyond which a frame waits while a more urgent
   * stream is open (every frame with priorities off): what an urgent frame can find queued ahead of
   * it in the sockets (see sender.ts). Default 64 KiB, at least 32 KiB. It also caps a less urgent
   * stream's throughput at about inFlightBudget / round-trip time while a more urgent one is open.
   */
  inFlightBudget?: number;
  /** false sends every frame first come, first served (for measuring what priorities buy). Default true. */
  priorities?: boolean;
  /** The Scheduler the sender posts frames on. Default: one shared by all sessions of this module. */
  scheduler?: Scheduler;
  /** Aborting closes the session (code 0, reason 'aborted'); before `ready`, ready rejects. */
  signal?: AbortSignal;
}

export interface OpenStreamOptions {
  /** RFC 9218 priority: 'critical' | 'high' | 'normal' | 'low', an urgency 0-7, or `{ urgency, incremental }`. */
  priority?: PriorityInput;
  signal?: AbortSignal;
}

export interface CloseInfo {
  code: number;
  reason: string;
  /** Whether the peer closed it. */
  remote: boolean;
}

export interface SessionStats {
  /** Smoothed round-trip time of pings, ms (NaN before the first pong). */
  rtt: number;
  /** Bytes written to / read from the wire, frame headers included. */
  bytesSent: number;
  bytesReceived: number;
  /** Streams open now (either half still in use). */
  streamsOpen: number;
  /** Streams opened in the session's life, by either side. */
  streamsOpened: number;
}

export interface MidstreamSession {
  /** Resolves once the wire is connected (the handshake, with any token, was accepted). */
  readonly ready: Promise<void>;
  /** Resolves when a close frame is sent or received; rejects with a SessionError when the wire fails without one. */
  readonly closed: Promise<CloseInfo>;
  /** Streams the peer opens. */
  readonly incomingStreams: ReadableStream<MidstreamStream>;
  openStream(options?: OpenStreamOptions): Promise<MidstreamStream>;
  close(options?: { code?: number; reason?: string }): void;
  stats(): SessionStats;
}

let sharedScheduler: Scheduler | undefined;
/** How long a closed session waits for the peer to close the wire before destroying it. */
const CLOSE_LINGER_MS = 1000;
/** Received data bytes acknowledged at a time (see sender.ts on the in-flight window). */
const ACK_EVERY = 16 * 1024;
const clock = () => performance.now();

interface ResolvedSessionOptions {
  maxIncomingStreams: number;
  maxFrameSize: number;
  receiveWindow: number;
  sendBuffer: number;
  idleTimeoutMs: number;
  keepAliveMs: number;
  agingMs: number;
  inFlightBudget: number;
  priorities: boolean;
  scheduler: Scheduler;
  signal: AbortSignal | undefined;
}

export function resolveSessionOptions(options: SessionOptions | undefined, where: string): ResolvedSessionOptions {
  const o = checkOptions(options, where);
  const number = (value: unknown, name: string, fallback: number, min: number, infinite = false) =>
    value === undefined ? fallback : checkNumber(value, `options.${name}`, where, { min, integer: !infinite || value !== Infinity, infinite });
  if (o.priorities !== undefined && typeof o.priorities !== 'boolean') {
    throw new TypeError(`${where}: options.priorities must be a boolean, got ${typeof o.priorities}`);
  }
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) throw new TypeError(`${where}: options.signal must be an AbortSignal`);
  if (o.scheduler !== undefined && !(o.scheduler instanceof Scheduler)) {
    throw new TypeError(`${where}: options.scheduler must be a Scheduler`);
  }
  return {
    maxIncomingStreams: number(o.maxIncomingStreams, 'maxIncomingStreams', 1000, 0),
    maxFrameSize: number(o.maxFrameSize, 'maxFrameSize', 1 << 20, DATA_FRAME_BYTES),
    receiveWindow: number(o.streamReceiveWindow, 'streamReceiveWindow', 1 << 20, INITIAL_WINDOW),
    sendBuffer: number(o.streamSendBuffer, 'streamSendBuffer', 256 * 1024, 1),
    idleTimeoutMs: number(o.idleTimeoutMs, 'idleTimeoutMs', Infinity, 1, true),
    keepAliveMs: number(o.keepAliveMs, 'keepAliveMs', 10_000, 0),
    agingMs: number(o.agingMs, 'agingMs', 100, 0),
    inFlightBudget: number(o.inFlightBudget, 'inFlightBudget', 64 * 1024, 2 * ACK_EVERY, true),
    priorities: o.priorities ?? true,
    scheduler: o.scheduler ?? (sharedScheduler ??= new Scheduler({ agingMs: Infinity })),
    signal: o.signal,
  };
}

/**
 * Runs the multiplexer over `wire`. `ready` is the wire's own readiness (the
 * session is usable at once; opened streams send when it resolves).
 */
export function createSession(
  wire: Wire,
  role: 'client' | 'server',
  options?: SessionOptions,
  ready: Promise<void> = Promise.resolve(),
): MidstreamSession {
  return new Session(wire, role, resolveSessionOptions(options, 'createSession'), ready);
}

class Session implements MidstreamSession, StreamHost {
  readonly ready: Promise<void>;
  readonly closed: Promise<CloseInfo>;
  readonly incomingStreams: ReadableStream<MidstreamStream>;

  private readonly streams = new Map<number, SessionStream>();
  private readonly sender: PrioritySender;
  private readonly decoder: FrameDecoder;
  private nextLocalId: number;
  private highestPeerId = 0;
  private peerStreamsOpen = 0;
  private incomingController!: ReadableStreamDefaultController<MidstreamStream>;
  private resolveClosed!: (info: CloseInfo) => void;
  private rejectClosed!: (error: SessionError) => void;
  private ended: SessionError | undefined;
  private lastReceived = clock();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  private isReady = false;
  private rtt = NaN;
  private bytesSent = 0;
  private bytesReceived = 0;
  private streamsOpened = 0;
  private unacknowledged = 0;

  constructor(
    private readonly wire: Wire,
    private readonly role: 'client' | 'server',
    private readonly o: ResolvedSessionOptions,
    ready: Promise<void>,
  ) {
    this.nextLocalId = role === 'client' ? 1 : 2;
    this.decoder = new FrameDecoder(o.maxFrameSize);
    this.sender = new PrioritySender(
      o.scheduler,
      o.agingMs,
      o.priorities,
      (error) => this.fail(CloseCode.protocolError, `internal error: ${String(error)}`),
      o.inFlightBudget,
    );
    this.closed = new Promise<CloseInfo>((resolve, reject) => {
      this.resolveClosed = resolve;
      this.rejectClosed = reject;
    });
    this.closed.catch(() => {}); // reported through streams and `closed` itself
    this.incomingStreams = new ReadableStream<MidstreamStream>({
      start: (controller) => {
        this.incomingController = controller;
      },
    });
    this.ready = ready.then(
      () => {
        if (this.ended) throw this.ended;
        this.isReady = true;
        this.startTimers();
      },
      (error) => {
        this.finish(new SessionError(CloseCode.connectionLost, String((error as Error)?.message ?? error), false), false);
        throw error;
      },
    );
    this.ready.catch(() => {});
    const signal = o.signal;
    if (signal !== undefined) {
      const onAbort = () => this.close({ code: CloseCode.normal, reason: 'aborted' });
      if (signal.aborted) queueMicrotask(onAbort);
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.closed.then(
          () => signal.removeEventListener('abort', onAbort),
          () => signal.removeEventListener('abort', onAbort),
        );
      }
    }
    wire.start({
      data: (bytes) => this.onData(bytes),
      drain: () => this.sender.drained(),
      closed: (error) => {
        if (!this.ended) {
          const reason = error ? `connection lost: ${error.message}` : 'connection lost';
          this.finish(new SessionError(CloseCode.connectionLost, reason, false), false);
        }
      },
    });
  }

  async openStream(options?: OpenStreamOptions): Promise<MidstreamStream> {
    const where = 'MidstreamSession.openStream';
    const o = checkOptions(options, where);
    const priority = resolvePriority(o.priority, 'options.priority', where);
    o.signal?.throwIfAborted();
    await this.ready;
    o.signal?.throwIfAborted();
    if (this.ended) throw this.ended;
    const id = this.nextLocalId;
    this.nextLocalId += 2;
    const stream = this.addStream(id, priority);
    this.writeControl(encodeFrame(FrameType.open, 0, id, encodePriority(priority)));
    stream.grantInitialWindow();
    return stream;
  }

  close(options?: { code?: number; reason?: string }): void {
    const where = 'MidstreamSession.close';
    const o = checkOptions(options, where);
    const code = o.code === undefined ? CloseCode.normal : checkCode(o.code, 'options.code', where);
    const reason = o.reason ?? '';
    if (typeof reason !== 'string') throw new TypeError(`${where}: options.reason must be a string, got ${typeof reason}`);
    if (this.ended) return;
    this.write(encodeFrame(FrameType.close, 0, 0, encodeCodeReason(code, reason)));
    this.finish(new SessionError(code, reason, false), true);
  }

  stats(): SessionStats {
    return {
      rtt: this.rtt,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      streamsOpen: this.streams.size,
      streamsOpened: this.streamsOpened,
    };
  }

  // -------------------------------------------------------------- StreamHost

  now(): number {
    return clock();
  }

  writeControl(frame: Uint8Array): void {
    if (!this.ended && !this.write(frame)) this.sender.wireFull();
  }

  writeData(frame: Uint8Array): boolean {
    if (this.ended) return true;
    this.sender.sent(frame.byteLength);
    return this.write(frame);
  }

  wake(stream: SessionStream): void {
    if (this.isReady) this.sender.wake(stream);
    else this.ready.then(() => this.sender.wake(stream), () => {});
  }

  trackSending(urgency: number, change: 1 | -1): void {
    this.sender.track(urgency, change);
  }

  finished(stream: SessionStream): void {
    if (this.streams.delete(stream.id) && (stream.id & 1) !== (this.role === 'client' ? 1 : 0)) this.peerStreamsOpen--;
  }

  // ------------------------------------------------------------- internals

  private write(frame: Uint8Array): boolean {
    this.bytesSent += frame.byteLength;
    return this.wire.write(frame);
  }

  private addStream(id: number, priority: { urgency: number; incremental: boolean }): SessionStream {
    const stream = new SessionStream(id, priority, this, { receiveWindow: this.o.receiveWindow, sendBuffer: this.o.sendBuffer });
    this.streams.set(id, stream);
    this.streamsOpened++;
    return stream;
  }

  private onData(bytes: Uint8Array): void {
    if (this.ended) return;
    this.bytesReceived += bytes.byteLength;
    this.lastReceived = clock();
    try {
      this.decoder.push(bytes, (frame) => {
        if (!this.ended) this.onFrame(frame);
      });
      this.acknowledge();
    } catch (error) {
      if (error instanceof FrameError) this.fail(CloseCode.protocolError, error.message);
      else throw error;
    }
  }

  private onFrame(frame: Frame): void {
    const { type, stream: id, payload } = frame;
    if (type === FrameType.close || type === FrameType.ping) {
      if (id !== 0) throw new FrameError(`frame type ${type} on stream ${id}; it belongs to stream 0`);
      if (type === FrameType.ping) return this.onPing(frame);
      const { code, reason } = decodeCodeReason(payload);
      this.finish(new SessionError(code, reason, true), true);
      this.wire.end();
      return;
    }
    if (type === FrameType.open) return this.onOpen(id, payload);
    if (type === FrameType.window && id === 0) return this.sender.acknowledged(decodeUint32(payload));
    if (type === FrameType.data) this.unacknowledged += payload.byteLength + (frame.end ? HEADER_BYTES : 0);
    const stream = this.streams.get(id);
    if (stream === undefined) {
      if (!this.wasOpened(id)) throw new FrameError(`frame type ${type} on stream ${id}, which was never opened`);
      return; // a stream already finished here: late frames are dropped
    }
    switch (type) {
      case FrameType.data:
        if (!stream.receive(payload, (frame.flags & FLAG_FIN) !== 0)) {
          throw new FrameError(`stream ${id} received more than the window allowed`);
        }
        return;
      case FrameType.window:
        return stream.addCredit(decodeUint32(payload));
      case FrameType.reset: {
        const { code, reason } = decodeCodeReason(payload);
        return stream.resetByPeer(code, reason);
      }
      case FrameType.stop: {
        const { code, reason } = decodeCodeReason(payload);
        return stream.stopRequested(code, reason);
      }
      case FrameType.priority: {
        const priority = decodePriority(payload);
        if (priority === undefined) throw new FrameError(`malformed priority on stream ${id}`);
        stream.applyPriority(priority);
        return;
      }
    }
  }

  /** Acknowledges the data bytes received (a window frame on stream 0) once ACK_EVERY have come, at most once per wire chunk. */
  private acknowledge(): void {
    if (!this.ended && this.unacknowledged >= ACK_EVERY) {
      this.writeControl(encodeFrame(FrameType.window, 0, 0, encodeUint32(this.unacknowledged)));
      this.unacknowledged = 0;
    }
  }

  private wasOpened(id: number): boolean {
    const local = (id & 1) === (this.role === 'client' ? 1 : 0);
    return id !== 0 && (local ? id < this.nextLocalId : id <= this.highestPeerId);
  }

  private onOpen(id: number, payload: Uint8Array): void {
    const peerParity = this.role === 'client' ? 0 : 1;
    if (id === 0 || (id & 1) !== peerParity || id <= this.highestPeerId) {
      throw new FrameError(`open of stream ${id}: ids from this peer must be ${peerParity ? 'odd' : 'even'} and increasing`);
    }
    const priority = decodePriority(payload);
    if (priority === undefined) throw new FrameError(`malformed priority in the open of stream ${id}`);
    this.highestPeerId = id;
    if (this.peerStreamsOpen >= this.o.maxIncomingStreams) {
      const refusal = encodeCodeReason(StreamCode.refused, `at most ${this.o.maxIncomingStreams} streams per connection`);
      this.writeControl(encodeFrame(FrameType.stop, 0, id, refusal));
      this.writeControl(encodeFrame(FrameType.reset, 0, id, refusal));
      return;
    }
    this.peerStreamsOpen++;
    const stream = this.addStream(id, priority);
    stream.grantInitialWindow();
    this.incomingController.enqueue(stream);
  }

  private onPing(frame: Frame): void {
    if (frame.payload.byteLength !== 8) throw new FrameError('a ping carries 8 bytes');
    if (frame.flags & FLAG_ACK) {
      const sent = new DataView(frame.payload.buffer, frame.payload.byteOffset, 8).getFloat64(0);
      const sample = clock() - sent;
      this.rtt = Number.isNaN(this.rtt) ? sample : 0.875 * this.rtt + 0.125 * sample;
    } else {
      this.writeControl(encodeFrame(FrameType.ping, FLAG_ACK, 0, frame.payload));
    }
  }

  private ping(): void {
    const payload = new Uint8Array(8);
    new DataView(payload.buffer).setFloat64(0, clock());
    this.writeControl(encodeFrame(FrameType.ping, 0, 0, payload));
  }

  private startTimers(): void {
    if (this.ended) return;
    if (this.o.keepAliveMs > 0) {
      this.ping();
      this.keepAliveTimer = setInterval(() => this.ping(), this.o.keepAliveMs);
      unref(this.keepAliveTimer);
    }
    if (this.o.idleTimeoutMs !== Infinity) this.armIdle(this.o.idleTimeoutMs);
  }

  private armIdle(ms: number): void {
    this.idleTimer = setTimeout(() => {
      const quiet = clock() - this.lastReceived;
      if (quiet >= this.o.idleTimeoutMs) this.fail(CloseCode.idleTimeout, `nothing received for ${this.o.idleTimeoutMs} ms`);
      else this.armIdle(this.o.idleTimeoutMs - quiet);
    }, ms);
    unref(this.idleTimer);
  }

  /** Closes the session for a broken rule: a close frame with the code, then the wire. */
  private fail(code: number, reason: string): void {
    if (this.ended) return;
    this.write(encodeFrame(FrameType.close, 0, 0, encodeCodeReason(code, reason)));
    this.finish(new SessionError(code, reason, false), true);
  }

  /** Ends everything once: streams fail, timers stop, `closed` settles, the wire closes. */
  private finish(error: SessionError, clean: boolean): void {
    if (this.ended) return;
    this.ended = error;
    this.sender.stop();
    clearTimeout(this.idleTimer);
    clearInterval(this.keepAliveTimer);
    for (const stream of this.streams.values()) stream.sessionEnded(error);
    this.streams.clear();
    this.peerStreamsOpen = 0;
    try {
      this.incomingController.error(error);
    } catch {
      // already errored or closed
    }
    if (clean) {
      this.resolveClosed({ code: error.code, reason: error.reason, remote: error.remote });
      if (!error.remote) {
        this.wire.end();
        // A peer that does not close its side in time is cut off.
        unref(setTimeout(() => this.wire.destroy(), CLOSE_LINGER_MS));
      }
    } else {
      this.rejectClosed(error);
      this.wire.destroy();
    }
  }
}

function unref(timer: unknown): void {
  (timer as { unref?: () => void }).unref?.();
}

