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
// Bytes in flight: the wire's buffer is not the only queue an urgent frame
// waits in; the socket buffers of both kernels hold what was already written.
// The peer acknowledges received bytes (a window frame on stream 0), and frames
// of urgency 1-7 wait while more than `inFlightBudget` bytes are unacknowledged,
// so an urgency-0 frame never has more than about that much ahead of it. With
// priorities off the budget applies to every frame.
import type { Scheduler } from '../scheduler/index';

/** A stream's sending half as the sender sees it. */
export interface SendQueue {
  readonly urgency: number;
  readonly incremental: boolean;
  /** Arrival time (scheduler clock) of the oldest unsent bytes. */
  readonly headTime: number;
  /** Whether it has a frame it may send now (data with credit, or a FIN). */
  sendable(): boolean;
  /** Writes one frame to the wire; returns the wire's write() result. */
  sendFrame(): boolean;
  /** Sender bookkeeping: a task is posted for this queue. */
  scheduled: boolean;
  /** Sender bookkeeping: the deadline of that task. */
  deadline: number;
}

export class PrioritySender {
  private blocked = false;
  private parked: SendQueue[] = [];
  private stopped = false;
  private inFlight = 0;
  /** Tasks posted and not yet run. */
  private posted = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly agingMs: number,
    private readonly prioritised: boolean,
    private readonly onError: (error: unknown) => void,
    private readonly inFlightBudget = Infinity,
  ) {}

  /** A data frame of `bytes` went to the wire. */
  sent(bytes: number): void {
    this.inFlight += bytes;
  }

  /** The peer acknowledged `bytes` received. */
  acknowledged(bytes: number): void {
    const wasOver = this.inFlight >= this.inFlightBudget;
    this.inFlight = Math.max(0, this.inFlight - bytes);
    if (wasOver && this.inFlight < this.inFlightBudget) this.release();
  }

  /** Call whenever a queue may have become sendable (data written, credit granted, priority changed). */
  wake(queue: SendQueue): void {
    if (queue.scheduled || this.stopped || !queue.sendable()) return;
    // Nothing else waits to go out on this wire: there is no order to decide,
    // so the frame goes now instead of a host turn later.
    if (this.posted === 0 && this.parked.length === 0 && !this.blocked && !this.overBudget(queue)) {
      if (!queue.sendFrame()) this.blocked = true;
      if (!queue.sendable()) return;
    }
    this.post(queue, this.deadlineOf(queue));
  }

  private overBudget(queue: SendQueue): boolean {
    return this.inFlight >= this.inFlightBudget && (queue.urgency > 0 || !this.prioritised);
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
    if (this.blocked) return;
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
    this.scheduler.schedule(() => this.turn(queue), { deadline, onError: (error) => this.onError(error) });
  }

  private turn(queue: SendQueue): void {
    this.posted--;
    if (this.stopped) return;
    if (this.blocked || this.overBudget(queue)) {
      this.parked.push(queue); // stays `scheduled` until release() re-posts it
      return;
    }
    queue.scheduled = false;
    if (!queue.sendable()) return;
    if (!queue.sendFrame()) this.blocked = true;
    this.wake(queue);
  }
}
