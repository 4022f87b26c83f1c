// One feed per incoming stream of `midstream serve`: a header line, then samples
// (NDJSON lines or little-endian float64), and events back as NDJSON.
//
// The analysis behind a feed is createFeedAnalysis() alone: today a
// StreamMatcher per declared pattern plus an AttractorAnalyzer for regime
// changes; when the Midstream pipeline lands it becomes `new Midstream(...)`.
import { AttractorAnalyzer, StreamCode, StreamError, StreamMatcher, type MidstreamStream } from '../../index';

/** The first line of a feed (JSON). */
export interface FeedHeader {
  /** 'ndjson': one number or array of numbers per line; 'float64': raw little-endian float64 samples. Default 'ndjson'. */
  format?: 'ndjson' | 'float64';
  /** Shapes to find: each runs a streaming DTW matcher (SPRING). */
  patterns?: { name: string; values: number[]; threshold: number; window?: number; cost?: 'absolute' | 'squared' }[];
  /** Regime detection: classify the last `window` samples every `every` samples; false turns it off. */
  regime?: false | { window?: number; every?: number; dt?: number };
}

export type FeedEvent = Record<string, unknown> & { event: string };

/** What serve needs from an analysis: samples in, events out. */
export interface FeedAnalysis {
  push(values: Float64Array): FeedEvent[];
  end(): FeedEvent[];
}

/** The analysis of one feed. Throws a TypeError/RangeError for a bad header. */
export function createFeedAnalysis(header: FeedHeader): FeedAnalysis {
  const where = 'serve: feed header';
  const matchers = (header.patterns ?? []).map((p, i) => {
    if (p === null || typeof p !== 'object' || typeof p.name !== 'string') throw new TypeError(`${where}: patterns[${i}].name must be a string`);
    return { name: p.name, matcher: new StreamMatcher(p.values, { threshold: p.threshold, window: p.window, cost: p.cost }) };
  });
  const regime = header.regime === false ? undefined : { window: 1000, every: 250, dt: 1, ...header.regime };
  const analyzer = regime && new AttractorAnalyzer({ maxPoints: regime.window, dt: regime.dt });
  let samples = 0;
  let lastRegime: string | undefined;

  const matchEvents = (events: FeedEvent[], name: string, found: { start: number; end: number; distance: number }[]) => {
    for (const m of found) events.push({ event: 'match', pattern: name, start: m.start, end: m.end, distance: m.distance });
  };
  const classify = (events: FeedEvent[]) => {
    try {
      const c = analyzer!.analyze();
      if (c.type !== lastRegime) {
        lastRegime = c.type;
        events.push({ event: 'regime', at: samples, type: c.type, confidence: c.confidence, lyapunovExponent: c.lyapunovExponent });
      }
    } catch (error) {
      if (!(error instanceof RangeError)) throw error; // too few points for this signal yet
    }
  };

  return {
    push(values) {
      const events: FeedEvent[] = [];
      for (let i = 0; i < values.length; i++) {
        const x = values[i];
        for (const { name, matcher } of matchers) matchEvents(events, name, matcher.push(x));
        if (analyzer) {
          analyzer.addPoint(x);
          samples++;
          if (samples >= 100 && samples % regime!.every === 0) classify(events);
        } else samples++;
      }
      return events;
    },
    end() {
      const events: FeedEvent[] = [];
      for (const { name, matcher } of matchers) matchEvents(events, name, matcher.flush());
      events.push({ event: 'end', samples });
      return events;
    },
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Runs one feed: reads the header and the samples from `stream.readable`,
 * writes the analysis's events to `stream.writable`. A header or line longer
 * than `maxMessageSize`, or bad data, ends the feed: an 'error' event ends the
 * events, and the client's writes fail with StreamCode.limitExceeded.
 */
export async function runFeed(stream: MidstreamStream, maxMessageSize: number): Promise<void> {
  const reader = stream.readable.getReader();
  const writer = stream.writable.getWriter();
  const send = async (events: FeedEvent[]) => {
    if (events.length) await writer.write(encoder.encode(events.map((e) => JSON.stringify(e)).join('\n') + '\n'));
  };
  let pending: Uint8Array = new Uint8Array(0);
  let analysis: FeedAnalysis | undefined;
  let format: 'ndjson' | 'float64' = 'ndjson';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending = pending.byteLength ? join(pending, value) : value;
      if (analysis === undefined) {
        const newline = pending.indexOf(10);
        if (newline < 0) {
          if (pending.byteLength > maxMessageSize) throw new FeedError(`the header line is longer than ${maxMessageSize} bytes`);
          continue;
        }
        if (newline > maxMessageSize) throw new FeedError(`the header line is longer than ${maxMessageSize} bytes`);
        const header = parseHeader(decoder.decode(pending.subarray(0, newline)));
        format = header.format ?? 'ndjson';
        analysis = createFeedAnalysis(header);
        pending = pending.subarray(newline + 1);
        await send([{ event: 'ready', format, patterns: (header.patterns ?? []).map((p) => p.name) }]);
      }
      const { values, rest } = format === 'float64' ? takeFloat64(pending) : takeLines(pending, maxMessageSize);
      pending = rest;
      if (values.length) await send(analysis.push(values));
    }
    if (analysis === undefined) throw new FeedError('the stream ended before a header line');
    if (pending.byteLength) {
      if (format === 'float64') throw new FeedError(`${pending.byteLength} trailing bytes are not a whole float64`);
      await send(analysis.push(parseLines(decoder.decode(pending))));
    }
    await send(analysis.end());
    await writer.close();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof StreamError) return; // the client reset or the session ended
    // The error event, then the end of the events; the client's writes fail with the code.
    // (A reset would overtake the queued event.)
    await reader.cancel(new StreamError(StreamCode.limitExceeded, message)).catch(() => {});
    await send([{ event: 'error', message }]).catch(() => {});
    await writer.close().catch(() => {});
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

function takeFloat64(bytes: Uint8Array): { values: Float64Array; rest: Uint8Array } {
  const whole = bytes.byteLength - (bytes.byteLength % 8);
  const values = new Float64Array(whole / 8);
  const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8, true);
  for (const x of values) if (!Number.isFinite(x)) throw new FeedError(`a sample is ${x}; samples must be finite`);
  return { values, rest: bytes.subarray(whole) };
}

function takeLines(bytes: Uint8Array, maxMessageSize: number): { values: Float64Array; rest: Uint8Array } {
  const last = bytes.lastIndexOf(10);
  if (last < 0) {
    if (bytes.byteLength > maxMessageSize) throw new FeedError(`a line is longer than ${maxMessageSize} bytes`);
    return { values: new Float64Array(0), rest: bytes };
  }
  const text = decoder.decode(bytes.subarray(0, last));
  const rest = bytes.subarray(last + 1);
  if (rest.byteLength > maxMessageSize) throw new FeedError(`a line is longer than ${maxMessageSize} bytes`);
  return { values: parseLines(text, maxMessageSize), rest };
}

/** One number or a JSON array of numbers per line; blank lines skipped. */
function parseLines(text: string, maxMessageSize = Infinity): Float64Array {
  const out: number[] = [];
  for (const line of text.split('\n')) {
    if (line.length > maxMessageSize) throw new FeedError(`a line is longer than ${maxMessageSize} bytes`);
    const trimmed = line.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new FeedError(`not a number or an array of numbers: ${trimmed.slice(0, 40)}`);
    }
    for (const x of Array.isArray(value) ? value : [value]) {
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new FeedError(`samples must be finite numbers, got ${JSON.stringify(x)}`);
      out.push(x);
    }
  }
  return Float64Array.from(out);
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
