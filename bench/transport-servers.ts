// The transport bench's two servers (priorities on and off) and their handler:
// urgency-7 and incremental streams are sinks that answer with their byte count,
// the others echo. The bench starts them in its own process, and, run as a
// script, this file starts them in a process of their own and prints their URLs
// as one JSON line (the priority section's "server in its own process" rows).
import { fileURLToPath } from 'node:url';
import { serve, type MidstreamServer } from '../src/node';
import type { MidstreamStream } from '../src/index';

const sink = async (stream: MidstreamStream) => {
  const reader = stream.readable.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
  }
  const writer = stream.writable.getWriter();
  await writer.write(new TextEncoder().encode(String(n)));
  await writer.close();
};
const echo = (stream: MidstreamStream) => stream.readable.pipeTo(stream.writable).catch(() => {});
export const handler = (stream: MidstreamStream) => (stream.priority.urgency === 7 || stream.priority.incremental ? sink(stream) : echo(stream));

export interface BenchServers {
  on: MidstreamServer;
  off: MidstreamServer;
}

/** `window` is serve's streamBufferBytes. */
export async function startBenchServers(window: number): Promise<BenchServers> {
  return {
    on: await serve({ port: 0, handler, maxStreamsPerConnection: 100_000, streamBufferBytes: window }),
    off: await serve({ port: 0, handler, priorities: false, streamBufferBytes: window }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { on, off } = await startBenchServers(Number(process.argv[2] ?? 1024 * 1024));
  const urls = (s: MidstreamServer) => ({ http2Url: s.http2Url, webSocketUrl: s.webSocketUrl });
  process.stdout.write(`${JSON.stringify({ on: urls(on), off: urls(off) })}\n`);
}
