// The multistream transport on 127.0.0.1, both ends in this process, side by side
// with raw node:http2 and raw ws on the same machine in the same run:
// - bulk throughput: 128 MiB on one stream, client to server (64 KiB writes);
// - stream open time: openStream() + 1 byte written + its echo read, one at a time;
// - 64-byte round trip on one open stream (echo), p50/p99;
// - priority: 64-byte echoes on an urgency-0 stream while 4 urgency-7 streams
//   saturate the connection, with priorities on and off, on both backends
//   (BUDGET=bytes sets the client's inFlightBudget).
// - QUIC (ONLY=quic; needs the optional @matrixai/quic): the quic: backend's bulk,
//   connection setup, stream open and round trip, beside the library's own raw
//   stream, with small transfers (the library moves a few MiB/s).
// Run: npx tsx bench/transport.bench.ts   (or npm run bench -- transport)
import http2 from 'node:http2';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { connect, serve, type MidstreamServer } from '../src/node';
import { handler, startBenchServers } from './transport-servers';
import type { MidstreamSession, MidstreamStream } from '../src/index';
import { clientCrypto, loadQuic, QUIC_ALPN, serverCrypto, silentLogger, type QuicConnection, type QuicStream } from '../src/transport/node/quic-library';

const MiB = 1024 * 1024;
const BULK = 128 * MiB;
const CHUNK = 64 * 1024;

/** BUDGET=bytes sets the client's inFlightBudget (default: the session's). */
const budgetOption = () => (process.env.BUDGET ? { inFlightBudget: Number(process.env.BUDGET) } : {});

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const fmt = (x: number, d = 1) => x.toFixed(d);

async function bulkMidstream(session: MidstreamSession, bytes = BULK): Promise<number> {
  const stream = await session.openStream({ priority: { urgency: 3, incremental: true } });
  const chunk = new Uint8Array(CHUNK);
  const started = performance.now();
  const writer = stream.writable.getWriter();
  for (let at = 0; at < bytes; at += CHUNK) {
    await writer.ready;
    void writer.write(chunk);
  }
  await writer.close();
  const received = Number(await new Response(stream.readable).text());
  if (received !== bytes) throw new Error(`bulk: ${received} bytes arrived of ${bytes}`);
  return bytes / MiB / ((performance.now() - started) / 1000);
}

async function bulkRawHttp2(): Promise<number> {
  const server = http2.createServer({ settings: { initialWindowSize: 16 * MiB } });
  server.on('session', (s) => s.setLocalWindowSize(16 * MiB));
  server.on('stream', (stream) => {
    let n = 0;
    stream.on('data', (d: Buffer) => (n += d.length));
    stream.on('end', () => {
      stream.respond({ ':status': 200 });
      stream.end(String(n));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const client = http2.connect(`http://127.0.0.1:${(server.address() as { port: number }).port}`, { settings: { initialWindowSize: 16 * MiB } });
  await new Promise((r) => client.on('connect', r));
  client.setLocalWindowSize(16 * MiB);
  const chunk = Buffer.alloc(CHUNK);
  const started = performance.now();
  const request = client.request({ ':method': 'POST', ':path': '/' });
  for (let at = 0; at < BULK; at += CHUNK) {
    if (!request.write(chunk)) await new Promise((r) => request.once('drain', r));
  }
  request.end();
  let text = '';
  request.on('data', (d: Buffer) => (text += d));
  await new Promise((r) => request.on('end', r));
  if (Number(text) !== BULK) throw new Error('raw http2: short');
  const speed = BULK / MiB / ((performance.now() - started) / 1000);
  client.close();
  server.close();
  return speed;
}

async function bulkRawWs(): Promise<number> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: 2 * MiB });
  await new Promise((r) => wss.once('listening', r));
  let got = 0;
  const done = new Promise<void>((resolve) =>
    wss.on('connection', (s) =>
      s.on('message', (d: Buffer) => {
        got += d.length;
        if (got >= BULK) resolve();
      }),
    ),
  );
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`, { perMessageDeflate: false });
  await new Promise((r) => ws.once('open', r));
  const chunk = Buffer.alloc(CHUNK);
  const started = performance.now();
  let inFlight = 0;
  for (let at = 0; at < BULK; at += CHUNK) {
    // the same 256 KiB high-water mark the WebSocket wire uses
    while (inFlight >= 256 * 1024) await new Promise((r) => setImmediate(r));
    inFlight += CHUNK;
    ws.send(chunk, () => (inFlight -= CHUNK));
  }
  await done;
  const speed = BULK / MiB / ((performance.now() - started) / 1000);
  ws.terminate();
  wss.close();
  return speed;
}

async function roundTrips(stream: MidstreamStream, count: number): Promise<number[]> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const message = new Uint8Array(64);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await writer.write(message);
    let got = 0;
    while (got < 64) got += (await reader.read()).value!.byteLength;
    times.push(performance.now() - started);
  }
  writer.releaseLock();
  reader.releaseLock();
  return times.sort((a, b) => a - b);
}

async function rawHttp2RoundTrips(count: number): Promise<number[]> {
  const server = http2.createServer();
  server.on('stream', (stream) => {
    stream.respond({ ':status': 200 });
    stream.on('data', (d: Buffer) => stream.write(d));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const client = http2.connect(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
  const request = client.request({ ':method': 'POST', ':path': '/' });
  const message = Buffer.alloc(64);
  const times: number[] = [];
  let pending: (() => void) | undefined;
  let got = 0;
  request.on('data', (d: Buffer) => {
    got += d.length;
    if (got >= 64) {
      got -= 64;
      pending?.();
    }
  });
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      pending = resolve;
      request.write(message);
    });
    times.push(performance.now() - started);
  }
  client.destroy();
  server.close();
  return times.sort((a, b) => a - b);
}

async function openTimes(session: MidstreamSession, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const stream = await session.openStream({ priority: 0 });
    const writer = stream.writable.getWriter();
    await writer.write(Uint8Array.of(1));
    const reader = stream.readable.getReader();
    await reader.read();
    times.push(performance.now() - started);
    await writer.close();
    await reader.read();
  }
  return times.sort((a, b) => a - b);
}

const PRIORITY_MESSAGES = 1000;

/**
 * Urgency-0 round trips while 4 urgency-7 streams write as fast as they can;
 * also the bulk streams' MiB/s meanwhile (to see that neither run starves them).
 */
async function priorityLatency(url: string, priorities: boolean, window?: number): Promise<{ times: number[]; bulkMiBs: number }> {
  const session = connect(url, { keepAliveMs: 0, priorities, ...budgetOption(), ...(window ? { inFlightBudget: window } : {}) });
  const bulk = await Promise.all([0, 1, 2, 3].map(() => session.openStream({ priority: 7 })));
  let stop = false;
  let written = 0;
  const chunk = new Uint8Array(CHUNK);
  const writers = bulk.map(async (stream) => {
    const writer = stream.writable.getWriter();
    while (!stop) {
      await writer.ready;
      written += CHUNK;
      void writer.write(chunk);
    }
    await writer.close().catch(() => {});
  });
  await new Promise((r) => setTimeout(r, 200)); // let the bulk streams fill every buffer
  const urgent = await session.openStream({ priority: 'critical' });
  const times: number[] = [];
  const writer = urgent.writable.getWriter();
  const reader = urgent.readable.getReader();
  const startedAt = performance.now();
  const writtenBefore = written;
  for (let i = 0; i < PRIORITY_MESSAGES; i++) {
    const started = performance.now();
    await writer.write(new Uint8Array(64));
    let got = 0;
    while (got < 64) got += (await reader.read()).value!.byteLength;
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 1));
  }
  const bulkMiBs = (written - writtenBefore) / MiB / ((performance.now() - startedAt) / 1000);
  stop = true;
  await Promise.all(writers);
  session.close();
  return { times: times.sort((a, b) => a - b), bulkMiBs };
}

async function main(): Promise<void> {
  // ONLY=bulk|rtt|open|priority runs one section; WIN sets serve's streamBufferBytes (default 1 MiB).
  const only = process.env.ONLY;
  const section = (name: string) => only === undefined || only === name;
  const window = Number(process.env.WIN ?? MiB);
  const servers = await startBenchServers(window);
  const urls = { 'Midstream HTTP/2': servers.on.http2Url, 'Midstream WebSocket': servers.on.webSocketUrl };
  console.log(`Transport on 127.0.0.1, one Node ${process.version} process, ${BULK / MiB} MiB per bulk run (best of 3)`);
  if (section('bulk')) await bulkSection(urls);
  if (section('rtt')) await roundTripSection(urls);
  if (section('quic')) await quicSection();
  if (section('open')) await openSection(urls);
  if (section('priority')) {
    await prioritySection(servers, 'server in this process');
    await withServersInAChild(window, (urls) => prioritySection(urls, 'server in its own process'));
  }
  await servers.on.close();
  await servers.off.close();
}

async function bulkSection(urls: Record<string, string>): Promise<void> {
  console.log('\nbulk throughput, one stream, MiB/s');
  const best = async (run: () => Promise<number>) => Math.max(await run(), await run(), await run());
  const rows: [string, number][] = [];
  rows.push(['raw node:http2 (one stream)', await best(bulkRawHttp2)]);
  rows.push(['raw ws (64 KiB messages)', await best(bulkRawWs)]);
  for (const [name, url] of Object.entries(urls)) {
    const session = connect(url, { keepAliveMs: 0, ...budgetOption() });
    rows.push([name, await best(() => bulkMidstream(session))]);
    session.close();
  }
  for (const [name, speed] of rows) console.log(`  ${name.padEnd(30)} ${fmt(speed, 0).padStart(6)}  (${fmt((speed / rows[0][1]) * 100, 0)}% of raw http2)`);
}

async function roundTripSection(urls: Record<string, string>): Promise<void> {
  console.log('\n64-byte round trip on one open stream, µs (2000 after 200 warm-up)');
  const rows: [string, number[]][] = [['raw node:http2', (await rawHttp2RoundTrips(2200)).slice(0)]];
  for (const [name, url] of Object.entries(urls)) {
    const session = connect(url, { keepAliveMs: 0 });
    const stream = await session.openStream({ priority: 0 });
    await roundTrips(stream, 200);
    rows.push([name, await roundTrips(stream, 2000)]);
    session.close();
  }
  for (const [name, t] of rows) console.log(`  ${name.padEnd(30)} p50 ${fmt(quantile(t, 0.5) * 1000, 0).padStart(5)}  p99 ${fmt(quantile(t, 0.99) * 1000, 0).padStart(6)}`);
}

/** The quic: backend beside @matrixai/quic's own stream; 4 MiB bulk runs, as the library moves a few MiB/s. */
async function quicSection(): Promise<void> {
  const quic = await loadQuic('bench').catch((error: Error) => console.log(`\nQUIC: skipped (${error.message})`));
  if (!quic) return;
  const bytes = 4 * MiB;
  const dir = mkdtempSync(join(tmpdir(), 'midstream-bench-quic-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'),
    '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:127.0.0.1',
  ], { stdio: 'ignore' });
  const cert = readFileSync(join(dir, 'cert.pem'));
  const key = readFileSync(join(dir, 'key.pem'));
  rmSync(dir, { recursive: true, force: true });
  const server = await serve({ port: 0, handler, tls: { cert, key }, quic: { port: 0 } });
  const url = server.quicUrl!;
  console.log(`\nQUIC (@matrixai/quic) on 127.0.0.1: ${bytes / MiB} MiB per bulk run (best of 3)`);

  // The library's own stream, no framing: a sink that counts, like the raw http2 row.
  const raw = new quic.QUICServer({ crypto: serverCrypto(), config: { cert: cert.toString(), key: key.toString(), verifyPeer: false, applicationProtos: [QUIC_ALPN] }, logger: silentLogger });
  raw.addEventListener(quic.events.EventQUICServerConnection.name, (event) =>
    (event as CustomEvent<QuicConnection>).detail.addEventListener(quic.events.EventQUICConnectionStream.name, async (e) => {
      const stream = (e as CustomEvent<QuicStream>).detail;
      const n = (await new Response(stream.readable).arrayBuffer()).byteLength;
      const writer = stream.writable.getWriter();
      await writer.write(new TextEncoder().encode(String(n)));
      await writer.close();
    }),
  );
  await raw.start({ host: '127.0.0.1', port: 0 });
  const rawClient = await quic.QUICClient.createQUICClient({ host: '127.0.0.1', port: raw.port, crypto: clientCrypto, config: { ca: cert.toString(), applicationProtos: [QUIC_ALPN] }, logger: silentLogger });
  const rawBulk = async () => {
    const stream = rawClient.connection.newStream('bidi');
    const writer = stream.writable.getWriter();
    const chunk = new Uint8Array(CHUNK);
    const started = performance.now();
    for (let at = 0; at < bytes; at += CHUNK) await writer.write(chunk);
    await writer.close();
    if (Number(await new Response(stream.readable).text()) !== bytes) throw new Error('raw quic: short');
    return bytes / MiB / ((performance.now() - started) / 1000);
  };
  const best = async (run: () => Promise<number>) => Math.max(await run(), await run(), await run());
  const rawSpeed = await best(rawBulk);
  await rawClient.destroy({ force: true });
  await raw.stop({ force: true });

  const setups: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const session = connect(url, { tls: { ca: cert }, keepAliveMs: 0 });
    await session.ready;
    setups.push(performance.now() - started);
    session.close();
  }
  setups.sort((a, b) => a - b);
  const session = connect(url, { tls: { ca: cert }, keepAliveMs: 0 });
  const speed = await best(() => bulkMidstream(session, bytes));
  await openTimes(session, 20);
  const opens = await openTimes(session, 200);
  const stream = await session.openStream({ priority: 0 });
  await roundTrips(stream, 100);
  const trips = await roundTrips(stream, 1000);
  session.close();
  await server.close();
  console.log(`  bulk, one stream, MiB/s                             raw @matrixai/quic stream ${fmt(rawSpeed, 2)};  Midstream quic: ${fmt(speed, 2)} (${fmt((speed / rawSpeed) * 100, 0)}% of raw)`);
  console.log(`  connection setup (QUIC + TLS + handshake line), ms  p50 ${fmt(quantile(setups, 0.5), 1)}  max ${fmt(setups.at(-1)!, 1)}  (10)`);
  console.log(`  stream open (openStream + 1 byte + its echo), ms    p50 ${fmt(quantile(opens, 0.5), 3)}  p99 ${fmt(quantile(opens, 0.99), 3)}  (200)`);
  console.log(`  64-byte round trip, µs                              p50 ${fmt(quantile(trips, 0.5) * 1000, 0)}  p99 ${fmt(quantile(trips, 0.99) * 1000, 0)}  (1000)`);
}

async function openSection(urls: Record<string, string>): Promise<void> {
  console.log('\nstream open (openStream + 1 byte + its echo), ms (500 after 50 warm-up)');
  for (const [name, url] of Object.entries(urls)) {
    const session = connect(url, { keepAliveMs: 0 });
    await openTimes(session, 50);
    const t = await openTimes(session, 500);
    console.log(`  ${name.padEnd(30)} p50 ${fmt(quantile(t, 0.5), 3)}  p99 ${fmt(quantile(t, 0.99), 3)}`);
    session.close();
  }
}

type ServerUrls = Record<'on' | 'off', Record<'http2Url' | 'webSocketUrl', string>>;

/** Runs `job` against the bench servers started in a child process (bench/transport-servers.ts). */
async function withServersInAChild(window: number, job: (urls: ServerUrls) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./transport-servers.ts', import.meta.url)), String(window)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`transport-servers.ts exited with ${code}`)));
    });
    await job(JSON.parse(line) as ServerUrls);
  } finally {
    child.kill();
  }
}

async function prioritySection(servers: ServerUrls, where: string): Promise<void> {
  console.log(`\npriority (${where}): urgency-0 64-byte round trips while 4 urgency-7 streams saturate, ms (${PRIORITY_MESSAGES} messages, 1 ms apart)`);
  console.log('  (off: every frame first come, first served; the same in-flight window and everything else, unless stated)');
  const backends: [string, 'http2Url' | 'webSocketUrl'][] = [['HTTP/2', 'http2Url'], ['WebSocket', 'webSocketUrl']];
  for (const [name, key] of backends) {
    const on = await priorityLatency(servers.on[key], true);
    const off = await priorityLatency(servers.off[key], false);
    // A FIFO drains faster with a larger window (fewer, larger frames): the same
    // run with 256 KiB shows that the small window does not make 'off' look slow.
    const offWide = await priorityLatency(servers.off[key], false, 256 * 1024);
    const row = (label: string, r: { times: number[]; bulkMiBs: number }) =>
      console.log(`  ${label.padEnd(36)} p50 ${fmt(quantile(r.times, 0.5), 3)}  p99 ${fmt(quantile(r.times, 0.99), 3)}  (bulk meanwhile ${fmt(r.bulkMiBs, 0)} MiB/s)`);
    row(`${name}, priorities on`, on);
    row(`${name}, priorities off`, off);
    row(`${name}, off, 256 KiB window`, offWide);
    const ratio = (q: number, r = off) => fmt(quantile(r.times, q) / quantile(on.times, q), 1);
    console.log(`  ${`${name}, off / on`.padEnd(36)} p50 ${ratio(0.5)}x  p99 ${ratio(0.99)}x;  with the 256 KiB off: p50 ${ratio(0.5, offWide)}x  p99 ${ratio(0.99, offWide)}x`);
  }
}

await main();
