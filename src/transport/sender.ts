// The sending side of a session: one Scheduler task per frame, ordered by the
// deadline the priority rule gives it (see priority.ts), so the Scheduler's
// earliest-deadline-first queue is the only queue of frames waiting to go out.
//
// A frame's deadline is its start time plus urgency x agingMs:
// - start time: the arrival time of the stream's oldest unsent bytes (first
//   come, first served), or, for incremental streams, the time of the stream's
//   turn (so it goes behind its peers of the same urgency: round-robin);
// - urgency x agingMs makes urgencies strict while waits stay under agingMs per
//   level, and lets any frame that has waited longer go first (aging).
// With priorities off every frame's deadline is its arrival time: one FIFO.
//
// When the wire is full, a task that comes up parks its stream; on drain the
// parked streams are re-posted with the deadlines they had, keeping the order.
//
// The in-flight window. Our queue is not the only one an urgent frame waits in:
// what was already written sits in the wire's buffer (ws, node:http2) and in the
// socket buffers of both kernels, in arrival order, where no scheduler can
// reorder it. So the peer acknowledges the data bytes it has decoded (a window
// frame on stream 0) and, while a more urgent stream is open for sending, a
// frame may only use what is left of `window` bytes unacknowledged: it is cut
// to fit, or waits for acknowledgements. An urgent frame then has at most
// `window` bytes ahead of it below this queue, and overtakes everything above.
// The most urgent open streams never wait for the window, and with no more urgent
// stream open nobody needs protecting, so a lone bulk transfer is not throttled.
// With priorities off the window applies to every frame (the same short pipe as
// with priorities on, only the order differs).
import type { Scheduler } from '../scheduler/index';
import { HEADER_BYTES } from './frames';

/** A stream's sending half as the sender sees it. */
export interface SendQueue {
  readonly urgency: number;
  readonly incremental: boolean;
  /** Arrival time (scheduler clock) of the oldest unsent bytes. */
  readonly headTime: number;
  /** Whether it has a frame it may send now (data with credit, or a FIN). */
  sendable(): boolean;
  /** Writes one frame of at most `maxPayload` data bytes to the wire; returns the wire's write() result. */
  sendFrame(maxPayload: number): boolean;
  /** Sender bookkeeping: a task is posted for this queue. */
  scheduled: boolean;
  /** Sender bookkeeping: the deadline of that task. */
  deadline: number;
}

/** Smallest data payload worth a frame when the window is nearly used up: wait for acknowledgements instead. */
export const MIN_WINDOW_PAYLOAD = 1024;

export class PrioritySender {
  private blocked = false;
  private parked: SendQueue[] = [];
  private stopped = false;
  private inFlight = 0;
  /** Tasks posted and not yet run. */
  private posted = 0;
  /** No posted task has an earlier deadline than this (a lower bound, reset when none is posted). */
  private earliestPosted = Infinity;
  /** Streams open for sending, by urgency. */
  private readonly openByUrgency = new Array<number>(8).fill(0);

  constructor(
    private readonly scheduler: Scheduler,
    private readonly agingMs: number,
    private readonly prioritised: boolean,
    private readonly onError: (error: unknown) => void,
    private readonly window = Infinity,
  ) {}

  /** A stream's sending half opened (`+1`) or ended (`-1`) at `urgency`. */
  track(urgency: number, change: 1 | -1): void {
    this.openByUrgency[urgency] += change;
    // A stream leaving may lift the window off less urgent ones.
    if (change < 0) this.release();
  }

  /** A data frame of `bytes` (header included) went to the wire. */
  sent(bytes: number): void {
    this.inFlight += bytes;
  }

  /** The peer acknowledged `bytes` received. */
  acknowledged(bytes: number): void {
    this.inFlight = Math.max(0, this.inFlight - bytes);
    if (this.parked.length > 0 && this.inFlight + HEADER_BYTES + MIN_WINDOW_PAYLOAD <= this.window) this.release();
  }

  /** Call whenever a queue may have become sendable (data written, credit granted, priority changed). */
  wake(queue: SendQueue): void {
    if (queue.scheduled || this.stopped || !queue.sendable()) return;
    const deadline = this.deadlineOf(queue);
    // Nothing posted would go before this frame, so the Scheduler's next turn
    // would run it first anyway: it goes now, a host turn sooner.
    if (deadline < this.earliestPosted && !this.blocked && !this.overWindow(queue)) {
      if (!queue.sendFrame(this.room(queue))) this.blocked = true;
      if (!queue.sendable()) return;
      this.post(queue, this.deadlineOf(queue));
      return;
    }
    this.post(queue, deadline);
  }

  /** Whether the window applies to this queue's frames now (see the top of the file). */
  private windowed(queue: SendQueue): boolean {
    if (!this.prioritised) return true;
    for (let u = 0; u < queue.urgency; u++) if (this.openByUrgency[u] > 0) return true;
    return false;
  }

  private overWindow(queue: SendQueue): boolean {
    return this.inFlight + HEADER_BYTES + MIN_WINDOW_PAYLOAD > this.window && this.windowed(queue);
  }

  /** The largest payload the queue's next frame may carry. */
  private room(queue: SendQueue): number {
    return this.windowed(queue) ? this.window - this.inFlight - HEADER_BYTES : Infinity;
  }

  /** Tells the sender the wire refused more (a control frame written directly filled it). */
  wireFull(): void {
    this.blocked = true;
  }

  /** The wire drained: re-post the parked queues with their old deadlines. */
  drained(): void {
    if (!this.blocked) return;
    this.blocked = false;
    this.release();
  }

  private release(): void {
    if (this.blocked || this.parked.length === 0) return;
    const parked = this.parked;
    this.parked = [];
    for (const queue of parked) {
      queue.scheduled = false;
      if (!this.stopped && queue.sendable()) this.post(queue, queue.deadline);
    }
  }

  /** No more sending (the session closed); tasks already posted do nothing. */
  stop(): void {
    this.stopped = true;
    this.parked = [];
  }

  get isBlocked(): boolean {
    return this.blocked;
  }

  private deadlineOf(queue: SendQueue): number {
    if (!this.prioritised) return queue.headTime;
    const start = queue.incremental ? this.scheduler.now() : queue.headTime;
    return start + queue.urgency * this.agingMs;
  }

  private post(queue: SendQueue, deadline: number): void {
    queue.scheduled = true;
    queue.deadline = deadline;
    this.posted++;
    if (deadline < this.earliestPosted) this.earliestPosted = deadline;
    this.scheduler.schedule(() => this.turn(queue), { deadline, onError: (error) => this.onError(error) });
  }

  private turn(queue: SendQueue): void {
    if (--this.posted === 0) this.earliestPosted = Infinity;
    if (this.stopped) return;
    if (this.blocked || this.overWindow(queue)) {
      this.parked.push(queue); // stays `scheduled` until release() re-posts it
      return;
    }
    queue.scheduled = false;
    if (!queue.sendable()) return;
    if (!queue.sendFrame(this.room(queue))) this.blocked = true;
    this.wake(queue);
  }
}
