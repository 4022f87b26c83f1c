// One stream of a session: a WHATWG readable and writable pair, credit-based
// flow control in each direction, and the sending half's place in the sender.
import { codeOf, StreamError } from './errors';
import { encodeCodeReason, encodeFrame, encodeUint32, FLAG_FIN, FrameType, HEADER_BYTES, writeHeader } from './frames';
import { encodePriority, resolvePriority, type PriorityInput, type ResolvedPriority } from './priority';
import type { SendQueue } from './sender';
import { ChunkQueue } from './chunk-queue';

/** Credit each side may send on a new stream before the receiver's first window frame. */
export const INITIAL_WINDOW = 64 * 1024;
/** Largest data frame payload a session sends. */
export const DATA_FRAME_BYTES = 64 * 1024;

/** What a stream needs from its session. */
export interface StreamHost {
  now(): number;
  /** Writes a control frame directly (ahead of queued data). */
  writeControl(frame: Uint8Array): void;
  /** Writes a data frame (called from the sender's task); returns the wire's write() result. */
  writeData(frame: Uint8Array): boolean;
  wake(stream: SessionStream): void;
  /** A sending half opened (`+1`) or ended (`-1`) at `urgency` (the sender's window depends on it). */
  trackSending(urgency: number, change: 1 | -1): void;
  /** Both halves are finished: forget the stream. */
  finished(stream: SessionStream): void;
}

export interface StreamLimits {
  /** Bytes this side lets the peer have in flight or buffered on the stream. */
  receiveWindow: number;
  /** Bytes written but not yet sent at which write() starts waiting. */
  sendBuffer: number;
}

/** A bidirectional stream of a session, as users get it. */
export interface MidstreamStream {
  readonly id: number;
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  /** The stream's priority (it applies to both directions). */
  readonly priority: Readonly<ResolvedPriority>;
  /** Changes the priority here and tells the peer (for what it sends back). */
  setPriority(priority: PriorityInput): void;
}

export class SessionStream implements SendQueue, MidstreamStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;

  // Sending half.
  urgency: number;
  incremental: boolean;
  scheduled = false;
  deadline = 0;
  headTime = 0;
  private readonly queue = new ChunkQueue();
  private credit = INITIAL_WINDOW;
  private finQueued = false;
  private sendDone = false;
  private sendError: unknown = undefined;
  private spaceWaiter: { resolve(): void; reject(e: unknown): void } | undefined;
  private finWaiter: { resolve(): void; reject(e: unknown): void } | undefined;

  // Receiving half.
  private readonly received = new ChunkQueue();
  private receivedTotal = 0;
  private consumedTotal = 0;
  private allowedTotal = INITIAL_WINDOW;
  private finReceived = false;
  private receiveDone = false;
  private readController!: ReadableStreamDefaultController<Uint8Array>;
  private writeController!: WritableStreamDefaultController;
  private pullWaiter: (() => void) | undefined;

  constructor(
    readonly id: number,
    priority: ResolvedPriority,
    private readonly host: StreamHost,
    private readonly limits: StreamLimits,
  ) {
    this.urgency = priority.urgency;
    this.incremental = priority.incremental;
    host.trackSending(this.urgency, 1);
    this.readable = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.readController = controller;
        },
        pull: (controller) => this.pull(controller),
        cancel: (reason) => this.cancelReceiving(reason),
      },
      { highWaterMark: 0 },
    );
    this.writable = new WritableStream<Uint8Array>(
      {
        start: (controller) => {
          this.writeController = controller;
        },
        write: (chunk) => this.write(chunk),
        close: () => this.finish(),
        abort: (reason) => this.abortSending(reason),
      },
      { highWaterMark: 1 },
    );
  }

  get priority(): Readonly<ResolvedPriority> {
    return { urgency: this.urgency, incremental: this.incremental };
  }

  setPriority(priority: PriorityInput): void {
    const p = resolvePriority(priority, 'priority', 'MidstreamStream.setPriority');
    this.applyPriority(p);
    if (!this.sendDone || !this.receiveDone) this.host.writeControl(encodeFrame(FrameType.priority, 0, this.id, encodePriority(p)));
  }

  /** A new priority, set here or by the peer. */
  applyPriority(p: ResolvedPriority): void {
    if (!this.sendDone && p.urgency !== this.urgency) {
      this.host.trackSending(p.urgency, 1);
      this.host.trackSending(this.urgency, -1);
    }
    this.urgency = p.urgency;
    this.incremental = p.incremental;
  }

  /** Tells the peer how much it may send beyond the initial window. */
  grantInitialWindow(): void {
    const extra = this.limits.receiveWindow - INITIAL_WINDOW;
    if (extra > 0) {
      this.allowedTotal += extra;
      this.host.writeControl(encodeFrame(FrameType.window, 0, this.id, encodeUint32(extra)));
    }
  }

  // ------------------------------------------------------------ sending half

  private write(chunk: Uint8Array): Promise<void> | void {
    if (this.sendError !== undefined) throw this.sendError;
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError(`MidstreamStream.writable: chunks must be Uint8Array, got ${chunk === null ? 'null' : typeof chunk}`);
    }
    if (chunk.byteLength === 0) return;
    const now = this.host.now();
    if (this.queue.bytes === 0) this.headTime = now;
    this.queue.push(chunk, now);
    this.host.wake(this);
    // write() may resolve before the bytes are framed (they wait for their turn
    // or for credit), and the caller may then reuse its buffer: what is still
    // queued of this chunk becomes a copy. An idle wire framed it all just now.
    this.queue.ownLast(chunk.buffer, HEADER_BYTES);
    if (this.queue.bytes < this.limits.sendBuffer) return;
    return new Promise<void>((resolve, reject) => {
      this.spaceWaiter = { resolve, reject };
    });
  }

  private finish(): Promise<void> {
    if (this.sendError !== undefined) return Promise.reject(this.sendError);
    this.finQueued = true;
    // The waiter first: on an idle wire wake() sends the FIN at once.
    const sent = new Promise<void>((resolve, reject) => {
      this.finWaiter = { resolve, reject };
    });
    this.host.wake(this);
    return sent;
  }

  private abortSending(reason: unknown): void {
    if (this.sendDone) return;
    const { code, reason: text } = codeOf(reason);
    this.failSending(new StreamError(code, text));
    this.host.writeControl(encodeFrame(FrameType.reset, 0, this.id, encodeCodeReason(code, text)));
    this.checkFinished();
  }

  sendable(): boolean {
    if (this.sendDone) return false;
    if (this.queue.bytes > 0) return this.credit > 0;
    return this.finQueued;
  }

  sendFrame(maxPayload: number): boolean {
    const size = Math.min(this.queue.bytes, this.credit, DATA_FRAME_BYTES, maxPayload);
    const fin = this.finQueued && this.queue.bytes === size;
    const frame = this.frameOf(size);
    writeHeader(frame, FrameType.data, fin ? FLAG_FIN : 0, this.id, size);
    this.credit -= size;
    const ok = this.host.writeData(frame);
    if (this.spaceWaiter !== undefined && this.queue.bytes < this.limits.sendBuffer) {
      const waiter = this.spaceWaiter;
      this.spaceWaiter = undefined;
      waiter.resolve();
    }
    if (fin) {
      this.endSending();
      this.finWaiter?.resolve();
      this.finWaiter = undefined;
      this.checkFinished();
    }
    return ok;
  }

  /**
   * A frame of `size` queued bytes with room for its header in front, dropping
   * what it consumes. A chunk the queue copied (ownLast) has that room already,
   * so its first frame is a view of it; otherwise the bytes are copied in.
   */
  private frameOf(size: number): Uint8Array {
    const head = this.queue.peek()!;
    if (this.queue.peekHeadroom() >= HEADER_BYTES && size <= head.byteLength) {
      const frame = new Uint8Array(head.buffer, head.byteOffset - HEADER_BYTES, HEADER_BYTES + size);
      if (size === head.byteLength) this.queue.shift();
      else this.queue.trimFirst(size);
      if (this.queue.length) this.headTime = this.queue.peekTime();
      return frame;
    }
    const frame = new Uint8Array(HEADER_BYTES + size);
    this.take(frame, HEADER_BYTES, size);
    return frame;
  }

  /** Copies `size` queued bytes into `out` at `at`, dropping what is consumed. */
  private take(out: Uint8Array, at: number, size: number): void {
    let left = size;
    while (left > 0) {
      const head = this.queue.peek()!;
      if (head.byteLength <= left) {
        out.set(head, at);
        this.queue.shift();
        at += head.byteLength;
        left -= head.byteLength;
      } else {
        out.set(head.subarray(0, left), at);
        this.queue.trimFirst(left);
        left = 0;
      }
    }
    if (this.queue.length) this.headTime = this.queue.peekTime();
  }

  /** Peer granted more credit. */
  addCredit(bytes: number): void {
    this.credit += bytes;
    this.host.wake(this);
  }

  /** Peer asked us to stop: answer with a reset of the same code (as QUIC does). */
  stopRequested(code: number, reason: string): void {
    if (this.sendDone) return;
    this.failSending(new StreamError(code, reason, true));
    this.host.writeControl(encodeFrame(FrameType.reset, 0, this.id, encodeCodeReason(code, reason)));
    this.checkFinished();
  }

  private endSending(): void {
    this.sendDone = true;
    this.host.trackSending(this.urgency, -1);
  }

  private failSending(error: unknown): void {
    this.endSending();
    this.sendError = error;
    this.queue.clear();
    this.spaceWaiter?.reject(error);
    this.finWaiter?.reject(error);
    this.spaceWaiter = this.finWaiter = undefined;
    // Errors the writable if no write is pending (a pending one rejects above).
    this.writeController.error(error);
  }

  // ---------------------------------------------------------- receiving half

  /** Data from the peer; returns false when it broke flow control. */
  receive(payload: Uint8Array, fin: boolean): boolean {
    this.receivedTotal += payload.byteLength;
    if (this.receivedTotal > this.allowedTotal) return false;
    if (this.receiveDone) return true; // cancelled here: discard
    if (payload.byteLength) this.received.push(payload);
    if (fin) this.finReceived = true;
    if (this.pullWaiter !== undefined) {
      const wake = this.pullWaiter;
      this.pullWaiter = undefined;
      this.deliver(this.readController);
      wake();
    }
    return true;
  }

  private pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> | void {
    if (this.received.length || this.finReceived) {
      this.deliver(controller);
      return;
    }
    return new Promise<void>((resolve) => {
      this.pullWaiter = resolve;
    });
  }

  private deliver(controller: ReadableStreamDefaultController<Uint8Array>): void {
    const chunk = this.received.shift();
    if (chunk !== undefined) {
      controller.enqueue(chunk);
      this.consumedTotal += chunk.byteLength;
      this.maybeGrant();
    }
    if (this.finReceived && this.received.length === 0) {
      controller.close();
      this.receiveDone = true;
      this.checkFinished();
    }
  }

  /** Tops the window back up once a quarter of it has been consumed. */
  private maybeGrant(): void {
    const target = this.consumedTotal + this.limits.receiveWindow;
    const grant = target - this.allowedTotal;
    if (grant >= this.limits.receiveWindow / 4) {
      this.allowedTotal = target;
      this.host.writeControl(encodeFrame(FrameType.window, 0, this.id, encodeUint32(grant)));
    }
  }

  private cancelReceiving(reason: unknown): void {
    if (this.receiveDone) return;
    this.receiveDone = true;
    this.received.clear();
    const { code, reason: text } = codeOf(reason);
    this.host.writeControl(encodeFrame(FrameType.stop, 0, this.id, encodeCodeReason(code, text)));
    this.checkFinished();
  }

  /** The peer reset its sending half. */
  resetByPeer(code: number, reason: string): void {
    if (this.receiveDone) return;
    this.failReceiving(new StreamError(code, reason, true));
    this.checkFinished();
  }

  private failReceiving(error: unknown): void {
    this.receiveDone = true;
    this.received.clear();
    this.readController.error(error);
    const wake = this.pullWaiter;
    this.pullWaiter = undefined;
    wake?.();
  }

  /** The session ended: both halves fail with `error` (nothing is sent). */
  sessionEnded(error: unknown): void {
    if (!this.sendDone) this.failSending(error);
    if (!this.receiveDone) this.failReceiving(error);
  }

  /** Refused by the peer or by limits before any use. */
  refuse(code: number, reason: string): void {
    this.sessionEnded(new StreamError(code, reason, true));
  }

  private checkFinished(): void {
    if (this.sendDone && this.receiveDone) this.host.finished(this);
  }
}

