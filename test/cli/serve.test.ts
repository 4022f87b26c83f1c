// `midstream serve` as users run it (node dist/cli.mjs serve ...): it binds
// 127.0.0.1, prints where it listens, runs feeds over WebSocket, HTTP/2 and
// (with --quic) QUIC, refuses a wrong token, rejects bad options with the exit
// codes of the other commands, and closes on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../dist/node.mjs';
import { makeCertificate, type TestCertificate } from '../transport/quic-support';
import { CLI, cliWorkspace } from './support';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts `midstream serve args`; resolves with the child and the URLs of its listening line. */
function startServe(args: string[]): Promise<{ child: ChildProcess; urls: string[]; line: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const line = /^midstream serve: listening on .*$/m.exec(err)?.[0];
      if (line) resolve({ child, line, urls: [...line.matchAll(/\b(?:wss?|https?|quic):\/\/[^\s,)]+/g)].map((m) => m[0]) });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** One feed: a header line and samples with two spikes; the events that come back. */
async function runFeed(url: string, options: object): Promise<Array<Record<string, unknown>>> {
  const session = connect(url, { keepAliveMs: 0, ...options });
  const stream = await session.openStream({ priority: 'high' });
  const series = Array.from({ length: 200 }, (_, i) => (i === 60 || i === 150 ? 5 : 0));
  const header = { format: 'ndjson', patterns: [{ name: 'spike', values: [0, 5, 0], threshold: 0.5 }], regime: false };
  const writer = stream.writable.getWriter();
  const reading = new Response(stream.readable).text();
  await writer.write(new TextEncoder().encode(`${JSON.stringify(header)}\n${series.join('\n')}\n`));
  await writer.close();
  const events = (await reading).trim().split('\n').map((line) => JSON.parse(line));
  session.close();
  return events;
}

function expectTwoSpikes(events: Array<Record<string, unknown>>): void {
  expect(events[0]).toEqual({ event: 'ready', format: 'ndjson', patterns: ['spike'] });
  const matches = events.filter((e) => e.event === 'match') as Array<{ start: number; end: number }>;
  expect(matches.map((m) => m.start <= 60 && m.end >= 60 ? 60 : m.start <= 150 && m.end >= 150 ? 150 : -1)).toEqual([60, 150]);
  expect(events.at(-1)).toEqual({ event: 'end', samples: 200 });
}

describe('midstream serve', () => {
  it('binds 127.0.0.1, runs a feed over WebSocket and HTTP/2 with the token, refuses a wrong one, and closes on SIGTERM', async () => {
    const { child, urls } = await startServe(['--port', '0', '--token', 'T']);
    const [ws, http] = urls;
    expect(ws).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    expect(http).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expectTwoSpikes(await runFeed(ws, { token: 'T' }));
    expect(await runFeed(http, { token: 'T' })).toEqual(await runFeed(ws, { token: 'T' }));
    const wrong = connect(http, { token: 'wrong', keepAliveMs: 0 });
    await expect(wrong.ready).rejects.toThrow(/refused the session: HTTP 401 \(wrong or missing token\)/);
    const exit = exited(child);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  describe('with a certificate', () => {
    let certificate: TestCertificate;
    beforeAll(() => {
      certificate = makeCertificate();
    });
    afterAll(() => certificate?.remove());

    it('--quic also serves QUIC on the port number: the same events as over HTTPS', async () => {
      const { child, urls } = await startServe(['--port', '0', '--tls-cert', certificate.certPath, '--tls-key', certificate.keyPath, '--quic']);
      const [wss, https, quic] = urls;
      expect(wss).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/$/);
      expect(quic).toBe(`quic://127.0.0.1:${new URL(https).port}/`);
      const tls = { ca: certificate.cert };
      const overQuic = await runFeed(quic, { tls });
      expectTwoSpikes(overQuic);
      expect(overQuic).toEqual(await runFeed(https, { tls }));
      const exit = exited(child);
      child.kill('SIGINT');
      expect(await exit).toBe(0);
    });
  });

  it('a port already in use: exit 1 with the reason', async () => {
    const { child, urls } = await startServe(['--port', '0']);
    const port = new URL(urls[0]).port;
    const run = cli.run(['serve', '--port', port], { timeoutMs: 20_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^midstream serve: error: .*EADDRINUSE/m);
    child.kill('SIGTERM');
  });

  const cli = cliWorkspace();
  it.each([
    [['--bogus'], 2, /^midstream serve: Unknown option '--bogus'/],
    [['8765'], 2, /^midstream serve: serve takes options only, got "8765"/],
    [['--port', '70000'], 2, /--port must be a whole number from 0 to 65535, got "70000"/],
    [['--max-streams', '0'], 2, /--max-streams must be a whole number from 1 to 1000000, got "0"/],
    [['--tls-cert', 'cert.pem'], 2, /--tls-cert and --tls-key go together/],
    [['--quic'], 2, /--quic needs --tls-cert and --tls-key/],
    [['--tls-cert', 'missing.pem', '--tls-key', 'missing.pem'], 1, /ENOENT.*missing\.pem/],
  ])('serve %j: exit %i with a message', (args, code, message) => {
    const run = cli.run(['serve', ...(args as string[])], { timeoutMs: 20_000 });
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });
});
