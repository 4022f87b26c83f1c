// The events waiting to be taken: a FIFO that remembers how long it ever got,
// so tests and stats() can show that run()'s buffers stay bounded.
import type { MidstreamEvent } from './types';

export class EventQueue {
  private items: MidstreamEvent[] = [];
  private head = 0;
  /** The most events ever waiting at once. */
  highWater = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(event: MidstreamEvent): void {
    this.items.push(event);
    if (this.size > this.highWater) this.highWater = this.size;
  }

  shift(): MidstreamEvent | undefined {
    if (this.head === this.items.length) return undefined;
    const event = this.items[this.head++];
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
    return event;
  }

  /** Takes every waiting event. */
  drain(): MidstreamEvent[] {
    const taken = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return taken;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.highWater = 0;
  }
}
