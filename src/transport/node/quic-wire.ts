// A wire over one QUIC stream (any WHATWG readable/writable pair would do),
// and the one-line handshake both ends exchange on it before the session's
// frames: the client says `midstream.v1[ bearer.<token>]`, the server answers
// `ok` or `refused <why>`. QUIC has no request headers, so the token travels
// here, inside TLS, before any multiplexed stream can exist.
import type { Wire, WireEvents } from '../../index';

/** The client's first line, without the newline. */
export const HELLO = 'midstream.v1';
/** Longest handshake line either side accepts (the token included). */
export const MAX_HANDSHAKE_LINE = 4096;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeLine(text: string): Uint8Array {
  return encoder.encode(`${text}\n`);
}

/**
 * Reads one '\n'-terminated line; `rest` is what came after it (the first
 * frames). Throws when the stream ends first or the line is too long.
 */
export async function readLine(reader: ReadableStreamDefaultReader<Uint8Array>, what: string): Promise<{ line: string; rest: Uint8Array }> {
  let buffered = new Uint8Array(0);
  for (;;) {
    const newline = buffered.indexOf(10);
    if (newline >= 0) return { line: decoder.decode(buffered.subarray(0, newline)), rest: buffered.subarray(newline + 1) };
    if (buffered.byteLength > MAX_HANDSHAKE_LINE) throw new Error(`${what} is longer than ${MAX_HANDSHAKE_LINE} bytes`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before ${what}`);
    const joined = new Uint8Array(buffered.byteLength + value.byteLength);
    joined.set(buffered);
    joined.set(value, buffered.byteLength);
    buffered = joined;
  }
}

/**
 * The session's wire. It exists before the QUIC connection does (connect()
 * returns a session at once): writes wait until attach(), and `release` tears
 * the connection down once the wire is closed in both directions or destroyed.
 */
export class QuicStreamWire implements Wire {
  private events: WireEvents | undefined;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private writer: WritableStreamDefaultWriter<Uint8Array> | undefined;
  private early: Uint8Array[] = [];
  private rest: Uint8Array | undefined;
  private unflushed = 0;
  private blocked = false;
  private ending = false;
  private readDone = false;
  private writeDone = false;
  private finished = false;

  constructor(
    private readonly release: () => void,
    private readonly highWaterMark = 256 * 1024,
  ) {}

  /** The stream is connected (after the handshake); `rest` holds bytes read past the handshake line. */
  attach(reader: ReadableStreamDefaultReader<Uint8Array>, writer: WritableStreamDefaultWriter<Uint8Array>, rest: Uint8Array): void {
    this.reader = reader;
    this.writer = writer;
    this.rest = rest;
    if (this.finished) {
      this.abandon();
      return;
    }
    const early = this.early;
    this.early = [];
    for (const bytes of early) this.write(bytes);
    if (this.events) void this.pump(this.events);
  }

  /** The connection never came up. */
  fail(error: Error): void {
    this.close(error);
  }

  start(events: WireEvents): void {
    this.events = events;
    if (this.reader) void this.pump(events);
  }

  write(bytes: Uint8Array): boolean {
    if (this.finished || this.ending) return true;
    if (this.writer === undefined) {
      this.early.push(bytes);
      return true;
    }
    const size = bytes.byteLength;
    this.unflushed += size;
    this.writer.write(bytes).then(
      () => {
        this.unflushed -= size;
        if (this.blocked && this.unflushed < this.highWaterMark && !this.finished) {
          this.blocked = false;
          this.events?.drain();
        }
      },
      (error: unknown) => this.close(asError(error)),
    );
    if (this.unflushed >= this.highWaterMark) this.blocked = true;
    return !this.blocked;
  }

  end(): void {
    if (this.finished || this.ending) return;
    this.ending = true;
    if (this.writer) this.closeWriter();
    // Ended before the connection was up: the peer has no session to tell.
    else this.close(undefined);
  }

  destroy(): void {
    this.close(undefined);
  }

  private closeWriter(): void {
    this.writer!.close().then(
      () => {
        this.writeDone = true;
        if (this.readDone) this.close(undefined);
      },
      (error: unknown) => this.close(asError(error)),
    );
  }

  private async pump(events: WireEvents): Promise<void> {
    const reader = this.reader!;
    try {
      if (this.rest?.byteLength) events.data(this.rest);
      this.rest = undefined;
      for (;;) {
        const { value, done } = await reader.read();
        if (this.finished) return;
        if (done) break;
        events.data(value);
      }
    } catch (error) {
      this.close(asError(error));
      return;
    }
    // The peer ended its half: the session is over from its side.
    this.readDone = true;
    this.end();
    if (this.writeDone) this.close(undefined);
  }

  private close(error: Error | undefined): void {
    if (this.finished) return;
    this.finished = true;
    this.abandon();
    this.events?.closed(error);
  }

  private abandon(): void {
    this.reader?.cancel().catch(() => {});
    this.writer?.abort().catch(() => {});
    this.release();
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
