// A wire over a Node Duplex: one HTTP/2 stream (client request or server
// stream) carrying the framed multiplexer in both directions.
import type { Duplex } from 'node:stream';
import type { Wire, WireEvents } from '../../index';

export class DuplexWire implements Wire {
  private blocked = false;

  constructor(
    private readonly duplex: Duplex,
    private readonly highWaterMark = 256 * 1024,
  ) {}

  start(events: WireEvents): void {
    let error: Error | undefined;
    this.duplex.on('data', (chunk: Buffer) => events.data(chunk));
    this.duplex.on('drain', () => {
      if (this.blocked && this.duplex.writableLength < this.highWaterMark) {
        this.blocked = false;
        events.drain();
      }
    });
    this.duplex.on('error', (e: Error) => {
      error = e;
    });
    // The peer ended its half: the session is over from its side.
    this.duplex.on('end', () => this.duplex.end());
    this.duplex.on('close', () => events.closed(error));
  }

  write(bytes: Uint8Array): boolean {
    if (this.duplex.writableEnded || this.duplex.destroyed) return true;
    this.duplex.write(bytes);
    if (this.duplex.writableLength >= this.highWaterMark) this.blocked = true;
    return !this.blocked;
  }

  end(): void {
    if (!this.duplex.writableEnded) this.duplex.end();
  }

  destroy(): void {
    this.duplex.destroy();
  }
}
