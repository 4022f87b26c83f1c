// What serve() does with a feed: each stream runs one Midstream pipeline built
// from its header line. Checked over a real HTTP/2 connection on 127.0.0.1:
// the events are those of the same pipeline run directly on the same samples
// (in the feed's NDJSON form); both sample formats give the same; rules, named
// fields and the summary come through; bad headers and bad samples end the feed
// with an error event that says what was wrong; a vanished client frees its pipeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, serve, toFeedEvent, type FeedHeader, type MidstreamServer } from '../../src/node';
import { Midstream, type MidstreamEvent, type MidstreamSession } from '../../src/index';
import { seededRandom } from '../support/random';

let server: MidstreamServer;
let session: MidstreamSession;
beforeAll(async () => {
  server = await serve({ port: 0, maxMessageSize: 4096 });
  session = connect(server.http2Url, { keepAliveMs: 0 });
  await session.ready;
});
afterAll(async () => {
  session.close();
  await server.close();
});

/** Sends the header and the body (text or bytes) in pieces of 1 to 300 bytes; the events back, parsed. */
async function feed(header: unknown, body: string | Uint8Array): Promise<Array<Record<string, any>>> {
  const stream = await session.openStream();
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const all = new Uint8Array([...new TextEncoder().encode(`${JSON.stringify(header)}\n`), ...bytes]);
  const random = seededRandom(all.length);
  const writing = (async () => {
    const writer = stream.writable.getWriter();
    for (let at = 0; at < all.length; ) {
      const size = 1 + Math.floor(random() * 300);
      await writer.write(all.slice(at, at + size));
      at += size;
    }
    await writer.close();
  })().catch(() => {});
  const text = await new Response(stream.readable).text();
  await writing;
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

const float64 = (values: number[]) => new Uint8Array(Float64Array.from(values).buffer);

/** Spikes of 5 at the given steps in a flat, slightly noisy series. */
function spikes(length: number, at: number[]): number[] {
  const random = seededRandom(length);
  return Array.from({ length }, (_, i) => (at.includes(i) ? 5 : (random() - 0.5) * 0.1));
}

async function direct(options: ConstructorParameters<typeof Midstream>[0], samples: unknown[]): Promise<Array<Record<string, unknown>>> {
  const pipeline = new Midstream(options);
  const events: MidstreamEvent[] = [];
  for await (const event of pipeline.run(samples as number[])) events.push(event);
  pipeline.close();
  return events.map(toFeedEvent);
}

describe('a feed runs one Midstream pipeline', () => {
  const header: FeedHeader = {
    patterns: [{ name: 'spike', values: [0, 5, 0], threshold: 0.5 }],
    regime: false,
    rules: { calm: 'G (x < 4)', spiky: 'F match.spike' },
  };
  const series = spikes(300, [100, 200]);

  it('NDJSON: the events of the same pipeline run directly, then end', async () => {
    const events = await feed(header, series.join('\n') + '\n');
    const expected = await direct(
      { patterns: { spike: { pattern: [0, 5, 0], threshold: 0.5 } }, rules: header.rules },
      series,
    );
    expect(events[0]).toEqual({ event: 'ready', format: 'ndjson', patterns: ['spike'] });
    expect(events.slice(1, -1)).toEqual(expected);
    expect(events.at(-1)).toEqual({ event: 'end', samples: 300 });
    // and what those events say, by the definition of the rules
    expect(events.filter((e) => e.event === 'match').map((e) => [e.start <= 100 && e.end >= 100, e.start <= 200 && e.end >= 200])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(events.find((e) => e.rule === 'calm')).toMatchObject({ event: 'verdict', verdict: 'false', at: 100 });
    expect(events.find((e) => e.rule === 'spiky')).toMatchObject({ event: 'verdict', verdict: 'true' });
    expect(events.at(-2)).toMatchObject({ event: 'summary', matches: { spike: 2 }, verdicts: { calm: 'false', spiky: 'true' } });
  });

  it('float64 samples give the same events as NDJSON', async () => {
    const ndjson = await feed(header, series.join('\n') + '\n');
    const binary = await feed({ ...header, format: 'float64' }, float64(series));
    expect(binary[0]).toEqual({ event: 'ready', format: 'float64', patterns: ['spike'] });
    expect(binary.slice(1)).toEqual(ndjson.slice(1));
  });

  it('named fields: objects or arrays per line, or that many float64 per sample; patterns and rules on each field', async () => {
    const load = spikes(200, [50, 150]);
    const temp = load.map((_, i) => 20 + i / 10);
    const fieldsHeader: FeedHeader = {
      fields: ['temp', 'load'],
      patterns: [{ name: 'burst', values: [0, 5, 0], threshold: 0.5, field: 'load' }],
      regime: false,
      rules: { cool: 'G (temp < 30)' },
    };
    const objects = load.map((l, i) => JSON.stringify(i % 2 ? { temp: temp[i], load: l } : [temp[i], l])).join('\n') + '\n';
    const events = await feed(fieldsHeader, objects);
    const expected = await direct(
      { fields: ['temp', 'load'], patterns: { burst: { pattern: [0, 5, 0], threshold: 0.5, field: 'load' } }, rules: fieldsHeader.rules },
      load.map((l, i) => [temp[i], l]),
    );
    expect(events.slice(1, -1)).toEqual(expected);
    expect(events.filter((e) => e.event === 'match').length).toBe(2);
    expect(events.find((e) => e.rule === 'cool')).toMatchObject({ verdict: 'false', at: 100 }); // temp reaches 30 at step 100
    const binary = await feed({ ...fieldsHeader, format: 'float64' }, float64(load.flatMap((l, i) => [temp[i], l])));
    expect(binary.slice(1)).toEqual(events.slice(1));
  });

  it('a regime event carries the class the pipeline found', async () => {
    const random = seededRandom(3);
    const noise = Array.from({ length: 1200 }, () => random() - 0.5);
    const events = await feed({ regime: { window: 1000, every: 200 } }, noise.join('\n') + '\n');
    const expected = await direct({ regime: { window: 1000, every: 200 } }, noise);
    expect(events.slice(1, -1)).toEqual(expected);
    expect(events.filter((e) => e.event === 'regime').length).toBeGreaterThan(0);
  });
});

describe('a feed that cannot be run ends with an error event', () => {
  it.each([
    [{ patterns: [{ name: 'p', values: [1, 2], threshold: -1 }] }, '', /^feed header: patterns\.p\.threshold must be >= 0/],
    [{ rules: { r: 'G (y > 1)' } }, '', /^feed header: .*\by\b/],
    [{ patterns: {} }, '', /^feed header: patterns must be an array/],
    [{ regime: { window: 10 } }, '', /^feed header: regime\.window must be >= 100/],
    [{ regime: false }, '1\n{"x": 2}\n', /^samples must be finite numbers, got \{"x":2\}/],
    [{ regime: false, fields: ['a', 'b'] }, '[1, 2]\n[3]\n', /\b(a|b|2 numbers|length)\b/],
    [{ regime: false }, 'NaN\n', /^not a sample/],
  ])('%j then %j', async (header, body, message) => {
    const events = await feed(header, body);
    const error = events.at(-1)!;
    expect(error.event).toBe('error');
    expect(error.message).toMatch(message);
  });

  it('float64: a non-finite sample and trailing bytes', async () => {
    expect((await feed({ format: 'float64', regime: false }, float64([1, Infinity]))).at(-1)).toEqual({ event: 'error', message: 'a sample is Infinity; samples must be finite' });
    const trailing = await feed({ format: 'float64', regime: false }, new Uint8Array([...float64([1, 2]), 7, 7, 7]));
    expect(trailing.at(-1)).toEqual({ event: 'error', message: '3 trailing bytes are not a whole sample of float64' });
  });

  it('a client that vanishes mid-feed: its pipeline ends and the server holds nothing', async () => {
    const other = connect(server.http2Url, { keepAliveMs: 0 });
    const stream = await other.openStream();
    const writer = stream.writable.getWriter();
    await writer.write(new TextEncoder().encode(`${JSON.stringify({ regime: { window: 200, every: 50 } })}\n`));
    for (let i = 0; i < 20; i++) await writer.write(new TextEncoder().encode(Array.from({ length: 50 }, (_, k) => Math.sin(i * 50 + k)).join('\n') + '\n'));
    for (let wait = 0; wait < 200 && server.stats().handlersRunning === 0; wait++) await new Promise((r) => setTimeout(r, 10));
    expect(server.stats().handlersRunning).toBe(1);
    other.close({ code: 1006, reason: 'gone' });
    for (let wait = 0; wait < 200 && server.stats().handlersRunning > 0; wait++) await new Promise((r) => setTimeout(r, 10));
    expect(server.stats()).toMatchObject({ handlersRunning: 0 });
  });
});
