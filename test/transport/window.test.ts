// The sender's in-flight window end to end: two sessions over an in-memory wire
// pair, with what the server sends back (acknowledgements, credit) held until
// the test lets it through, so the window fills and stays full.
import { describe, expect, it } from 'vitest';
import { createSession, type MidstreamStream, type SessionOptions } from '../../src/transport/index';
import { serve } from '../../src/node';
import { memoryWirePair, randomBytes, readAll, sha256 } from './support';

const WINDOW = 32 * 1024;
const HEADER = 10; // type u8, flags u8, stream u32, length u32
const BULK_BYTES = 256 * 1024;

/** A host turn, as many times as it takes for the sessions to go quiet. */
const settle = async () => {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
};

function heldPair(options: SessionOptions) {
  const [clientWire, serverWire] = memoryWirePair(1 << 30); // never "full": only the window holds frames
  const held: Uint8Array[] = [];
  let holding = true;
  const serverWrite = serverWire.write.bind(serverWire);
  serverWire.write = (bytes) => (holding ? (held.push(bytes.slice()), true) : serverWrite(bytes));
  // Every data frame the client writes, as [stream id, frame bytes] (one frame per write).
  const dataFrames: [number, number][] = [];
  const clientWrite = clientWire.write.bind(clientWire);
  clientWire.write = (bytes) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes[0] === 0) dataFrames.push([view.getUint32(2), bytes.byteLength]);
    return clientWrite(bytes);
  };
  const client = createSession(clientWire, 'client', { keepAliveMs: 0, inFlightBudget: WINDOW, ...options });
  const server = createSession(serverWire, 'server', { keepAliveMs: 0, ...options });
  const received = new Map<number, Promise<{ sha: string; length: number }>>();
  void (async () => {
    const reader = server.incomingStreams.getReader();
    for (;;) {
      const next = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (next.done) return;
      const all = readAll(next.value.readable);
      all.catch(() => {}); // a test that does not await it closes the session under it
      received.set(next.value.id, all);
    }
  })();
  const bytesOn = (id: number) => dataFrames.filter(([s]) => s === id).reduce((n, [, b]) => n + b, 0);
  const release = () => {
    holding = false;
    for (const bytes of held.splice(0)) serverWrite(bytes);
  };
  return { client, dataFrames, bytesOn, release, received };
}

async function send(stream: MidstreamStream, payload: Uint8Array): Promise<void> {
  const writer = stream.writable.getWriter();
  await writer.write(payload);
  await writer.close();
}

describe('the in-flight window over a session', () => {
  it('holds less urgent data at inFlightBudget unacknowledged bytes while a more urgent stream is open; urgent data still goes', async () => {
    const { client, bytesOn, release, received } = heldPair({});
    const urgent = await client.openStream({ priority: 'critical' });
    const bulk = await client.openStream({ priority: 7 });
    const bulkPayload = randomBytes(BULK_BYTES, 1);
    const bulkSent = send(bulk, bulkPayload);
    await settle();
    // Filled to within one small frame of the window, and no further (no acknowledgement came back).
    expect(bytesOn(bulk.id)).toBeLessThanOrEqual(WINDOW);
    expect(bytesOn(bulk.id)).toBeGreaterThan(WINDOW - HEADER - 1024);
    const urgentPayload = randomBytes(100, 2);
    const urgentWriter = urgent.writable.getWriter();
    await urgentWriter.write(urgentPayload);
    await settle();
    expect(bytesOn(urgent.id)).toBe(100 + HEADER); // past the full window
    expect(bytesOn(bulk.id)).toBeLessThanOrEqual(WINDOW); // still held: the urgent stream may send again
    release();
    await Promise.all([bulkSent, urgentWriter.close()]);
    expect(await received.get(bulk.id)).toEqual({ sha: sha256([bulkPayload]), length: BULK_BYTES });
    expect(await received.get(urgent.id)).toEqual({ sha: sha256([urgentPayload]), length: 100 });
    client.close();
  });

  it('does not hold a stream when no more urgent one is open: it sends up to its flow-control credit', async () => {
    const { client, bytesOn, release, received } = heldPair({});
    const bulk = await client.openStream({ priority: 7 });
    const same = await client.openStream({ priority: 7 }); // same urgency: nobody to protect
    const payload = randomBytes(BULK_BYTES, 3);
    const sent = send(bulk, payload);
    await settle();
    // The initial 64 KiB of stream credit (the server's larger grant is held), twice the window.
    expect(bytesOn(bulk.id)).toBeGreaterThanOrEqual(64 * 1024);
    release();
    await sent;
    await send(same, new Uint8Array(0));
    expect(await received.get(bulk.id)).toEqual({ sha: sha256([payload]), length: BULK_BYTES });
    client.close();
  });

  // Finishing or aborting ends its sending half; made less urgent (urgency 6), it no longer outranks bulk (5).
  for (const how of ['finishes sending', 'aborts sending', 'is made less urgent'] as const) {
    it(`takes the hold off when the more urgent stream ${how}`, async () => {
      const { client, bytesOn, release, received } = heldPair({});
      const urgent = await client.openStream({ priority: 0 });
      const bulk = await client.openStream({ priority: 5 });
      const payload = randomBytes(BULK_BYTES, 4);
      const sent = send(bulk, payload);
      await settle();
      expect(bytesOn(bulk.id)).toBeLessThanOrEqual(WINDOW);
      if (how === 'finishes sending') await send(urgent, new Uint8Array(0)); // a FIN
      else if (how === 'aborts sending') await urgent.writable.abort(new Error('no more'));
      else urgent.setPriority('low');
      await settle();
      expect(bytesOn(bulk.id)).toBeGreaterThanOrEqual(64 * 1024); // up to the stream's credit
      release();
      await sent;
      expect(await received.get(bulk.id)).toEqual({ sha: sha256([payload]), length: BULK_BYTES });
      client.close();
    });
  }

  it('with priorities off, holds every stream at the window and sends in arrival order', async () => {
    const { client, dataFrames, bytesOn, release, received } = heldPair({ priorities: false });
    const urgent = await client.openStream({ priority: 'critical' });
    const bulk = await client.openStream({ priority: 7 });
    const bulkSent = send(bulk, randomBytes(BULK_BYTES, 5));
    await settle();
    const urgentSent = send(urgent, randomBytes(100, 6));
    await settle();
    expect(bytesOn(bulk.id)).toBeLessThanOrEqual(WINDOW);
    expect(bytesOn(urgent.id)).toBe(0); // held like the rest
    release();
    await Promise.all([bulkSent, urgentSent]);
    const firstUrgent = dataFrames.findIndex(([id]) => id === urgent.id);
    const lastBulk = dataFrames.map(([id]) => id).lastIndexOf(bulk.id);
    expect(firstUrgent).toBeGreaterThan(lastBulk); // first come, first served
    expect((await received.get(urgent.id))!.length).toBe(100);
    client.close();
  });

  it('refuses an inFlightBudget below 32 KiB or of the wrong kind', () => {
    const [a] = memoryWirePair();
    expect(() => createSession(a, 'client', { inFlightBudget: 16 * 1024 })).toThrow(RangeError);
    expect(() => createSession(a, 'client', { inFlightBudget: 16 * 1024 })).toThrow(/createSession: options.inFlightBudget/);
    expect(() => createSession(a, 'client', { inFlightBudget: '64k' as never })).toThrow(TypeError);
    expect(() => createSession(a, 'client', { inFlightBudget: Infinity })).not.toThrow(); // no window
  });

  it('serve() checks its inFlightBudget before listening', async () => {
    await expect(serve({ port: 0, inFlightBudget: 1000 })).rejects.toThrow(/serve: options.inFlightBudget/);
    await expect(serve({ port: 0, inFlightBudget: 1000 })).rejects.toThrow(RangeError);
    const server = await serve({ port: 0, inFlightBudget: 128 * 1024 });
    await server.close();
  });
});
