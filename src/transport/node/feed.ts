// One feed per incoming stream of `midstream serve`: a header line, then samples
// (NDJSON lines or little-endian float64), and events back as NDJSON. Each feed
// runs one Midstream pipeline (src/pipeline), built from its header.
import { Midstream, StreamCode, StreamError, type MidstreamEvent, type MidstreamOptions, type MidstreamStream } from '../../index';

/** The first line of a feed (JSON). */
export interface FeedHeader {
  /** 'ndjson': one sample per line; 'float64': raw little-endian float64 samples. Default 'ndjson'. */
  format?: 'ndjson' | 'float64';
  /**
   * Named fields: each sample is a JSON array of the fields' numbers in this
   * order or a JSON object with them (ndjson), or that many float64 (float64).
   * Without fields, each number is one sample of the field `x` (an NDJSON line
   * may hold one number or an array of successive samples).
   */
  fields?: string[];
  /** Shapes to find: each runs a streaming DTW matcher (SPRING) on one field. */
  patterns?: { name: string; values: number[]; threshold: number; window?: number; cost?: 'absolute' | 'squared'; field?: string }[];
  /** Regime detection on one field: the attractor of the last `window` samples every `every` samples; false turns it off. Default { window: 1000, every: 250 }. */
  regime?: false | { window?: number; every?: number; dt?: number; field?: string };
  /** Temporal-logic rules by name, over the fields and the atoms match.<pattern> and regime.<class>. */
  rules?: Record<string, string>;
}

export type FeedEvent = Record<string, unknown> & { event: string };

const WHERE = 'feed header';

/**
 * The pipeline a header asks for (its options checked as Midstream checks them,
 * the messages naming the header's fields). Throws a TypeError/RangeError for a bad header.
 */
export function createFeedPipeline(header: FeedHeader): Midstream {
  const patterns: Record<string, NonNullable<MidstreamOptions['patterns']>[string]> = {};
  if (header.patterns !== undefined && !Array.isArray(header.patterns)) throw new TypeError(`${WHERE}: patterns must be an array`);
  for (const [i, p] of (header.patterns ?? []).entries()) {
    if (p === null || typeof p !== 'object' || typeof p.name !== 'string') throw new TypeError(`${WHERE}: patterns[${i}].name must be a string`);
    if (Object.hasOwn(patterns, p.name)) throw new RangeError(`${WHERE}: patterns name '${p.name}' twice`);
    patterns[p.name] = { pattern: p.values, threshold: p.threshold, window: p.window, cost: p.cost, field: p.field };
  }
  const regime = header.regime === false ? undefined : { window: 1000, every: 250, ...header.regime };
  try {
    return new Midstream({ fields: header.fields, patterns, regime, rules: header.rules });
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replace(/^Midstream: (options\.)?/, `${WHERE}: `);
    throw error;
  }
}

/** A pipeline event as the feed's NDJSON carries it. */
export function toFeedEvent(event: MidstreamEvent): FeedEvent {
  switch (event.type) {
    case 'match':
      return { event: 'match', pattern: event.pattern, start: event.start, end: event.end, distance: event.distance };
    case 'regime':
      return { event: 'regime', at: event.step, type: event.regime, previous: event.previous, confidence: event.confidence, lyapunovExponent: event.lyapunovExponent };
    case 'verdict':
      return { event: 'verdict', at: event.step, rule: event.rule, verdict: event.verdict, ...(event.counterexample ? { counterexample: event.counterexample } : {}) };
    case 'summary':
      return { event: 'summary', matches: event.matches, regime: event.regime, regimeChanges: event.regimeChanges, verdicts: event.verdicts };
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Runs one feed: reads the header and the samples from `stream.readable`,
 * writes the pipeline's events to `stream.writable`, then `{"event":"end"}`.
 * The pipeline pulls samples only as fast as it and the reader of the events
 * keep up, so backpressure reaches the sender. A header or line longer than
 * `maxMessageSize`, or bad data, ends the feed: an 'error' event ends the
 * events, and the client's writes fail with StreamCode.limitExceeded.
 */
export async function runFeed(stream: MidstreamStream, maxMessageSize: number): Promise<void> {
  const reader = stream.readable.getReader();
  const writer = stream.writable.getWriter();
  const send = (events: FeedEvent[]) => writer.write(encoder.encode(events.map((e) => JSON.stringify(e)).join('\n') + '\n'));
  let pipeline: Midstream | undefined;
  try {
    const { header, rest } = await readHeader(reader, maxMessageSize);
    pipeline = createFeedPipeline(header);
    const format = header.format ?? 'ndjson';
    await send([{ event: 'ready', format, patterns: (header.patterns ?? []).map((p) => p.name) }]);
    const width = header.fields?.length ?? 0;
    let count = 0;
    for await (const event of pipeline.run(readSamples(reader, rest, format, width, maxMessageSize))) {
      if (event.type === 'summary') count = event.samples;
      await send([toFeedEvent(event)]);
    }
    await send([{ event: 'end', samples: count }]);
    await writer.close();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof StreamError) return; // the client reset or the session ended
    // The error event, then the end of the events; the client's writes fail with the code.
    // (A reset would overtake the queued event.)
    await reader.cancel(new StreamError(StreamCode.limitExceeded, message)).catch(() => {});
    await send([{ event: 'error', message }]).catch(() => {});
    await writer.close().catch(() => {});
  } finally {
    pipeline?.close();
  }
}

type Reader = ReadableStreamDefaultReader<Uint8Array>;

async function readHeader(reader: Reader, maxMessageSize: number): Promise<{ header: FeedHeader; rest: Uint8Array }> {
  let pending: Uint8Array = new Uint8Array(0);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new FeedError('the stream ended before a header line');
    pending = pending.byteLength ? join(pending, value) : value;
    const newline = pending.indexOf(10);
    if (newline > maxMessageSize || (newline < 0 && pending.byteLength > maxMessageSize)) {
      throw new FeedError(`the header line is longer than ${maxMessageSize} bytes`);
    }
    if (newline >= 0) return { header: parseHeader(decoder.decode(pending.subarray(0, newline))), rest: pending.subarray(newline + 1) };
  }
}

/** The samples after the header, one at a time, as the pipeline takes them. */
async function* readSamples(reader: Reader, first: Uint8Array, format: 'ndjson' | 'float64', width: number, maxMessageSize: number): AsyncGenerator<FeedSample> {
  let pending = first;
  for (;;) {
    const parsed = format === 'float64' ? takeFloat64(pending, width) : takeLines(pending, width, maxMessageSize);
    pending = parsed.rest;
    yield* parsed.samples;
    const { value, done } = await reader.read();
    if (done) break;
    pending = pending.byteLength ? join(pending, value) : value;
  }
  if (pending.byteLength) {
    if (format === 'float64') throw new FeedError(`${pending.byteLength} trailing bytes are not a whole sample of float64`);
    yield* parseLines(decoder.decode(pending), width);
  }
}

class FeedError extends Error {}

function parseHeader(text: string): FeedHeader {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw new FeedError('the first line must be a JSON header, e.g. {"format":"ndjson","patterns":[]}');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new FeedError('the header must be a JSON object');
  const format = (header as FeedHeader).format;
  if (format !== undefined && format !== 'ndjson' && format !== 'float64') throw new FeedError(`header.format must be 'ndjson' or 'float64', got ${String(format)}`);
  return header as FeedHeader;
}

type FeedSample = number | number[] | Record<string, unknown>;

/** Samples of `width` float64 each (arrays), or single numbers when there are no fields (width 0). */
function takeFloat64(bytes: Uint8Array, width: number): { samples: FeedSample[]; rest: Uint8Array } {
  const step = 8 * Math.max(1, width);
  const whole = bytes.byteLength - (bytes.byteLength % step);
  const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
  const samples: FeedSample[] = [];
  for (let at = 0; at < whole; at += step) {
    const sample = Array.from({ length: Math.max(1, width) }, (_, k) => view.getFloat64(at + 8 * k, true));
    for (const x of sample) if (!Number.isFinite(x)) throw new FeedError(`a sample is ${x}; samples must be finite`);
    samples.push(width === 0 ? sample[0] : sample);
  }
  return { samples, rest: bytes.subarray(whole) };
}

function takeLines(bytes: Uint8Array, width: number, maxMessageSize: number): { samples: FeedSample[]; rest: Uint8Array } {
  const last = bytes.lastIndexOf(10);
  if (last < 0) {
    if (bytes.byteLength > maxMessageSize) throw new FeedError(`a line is longer than ${maxMessageSize} bytes`);
    return { samples: [], rest: bytes };
  }
  const text = decoder.decode(bytes.subarray(0, last));
  const rest = bytes.subarray(last + 1);
  if (rest.byteLength > maxMessageSize) throw new FeedError(`a line is longer than ${maxMessageSize} bytes`);
  return { samples: parseLines(text, width, maxMessageSize), rest };
}

/**
 * One sample per line: with fields (width > 0) an array of that many numbers or
 * an object (the pipeline checks its fields); without, a number or an array of
 * successive numbers. Blank lines are skipped.
 */
function parseLines(text: string, width: number, maxMessageSize = Infinity): FeedSample[] {
  const out: FeedSample[] = [];
  for (const line of text.split('\n')) {
    if (line.length > maxMessageSize) throw new FeedError(`a line is longer than ${maxMessageSize} bytes`);
    const trimmed = line.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new FeedError(`not a sample (a number, an array or an object): ${trimmed.slice(0, 40)}`);
    }
    if (width > 0 && value !== null && typeof value === 'object') {
      out.push(value as FeedSample);
      continue;
    }
    for (const x of Array.isArray(value) ? value : [value]) {
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new FeedError(`samples must be finite numbers, got ${JSON.stringify(x)}`);
      out.push(x);
    }
  }
  return out;
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
