// Two feeds of the built-in samples on one session, run the same way by the
// browser page and by the Node side of test/browser/transport.test.ts:
// the motif signal on an urgency-0 stream (pattern search + regime), the Lorenz x
// series on an urgency-6 stream (regime only). Returns each feed's events.
export async function runFeeds(connect, samples, url) {
  const session = connect(url, { keepAliveMs: 0 });
  await session.ready;
  const motif = samples.motifSignal();
  const lorenzX = samples.lorenz().x.subarray(0, 3000);
  const feeds = [
    { priority: 0, header: { format: 'ndjson', patterns: [{ name: 'chirp', values: Array.from(motif.pattern), threshold: 32, window: 0.1 }] }, values: motif.series },
    { priority: 6, header: { format: 'ndjson', regime: { window: 1000, every: 500 } }, values: lorenzX },
  ];
  const results = await Promise.all(
    feeds.map(async (feed) => {
      const stream = await session.openStream({ priority: feed.priority });
      const encoder = new TextEncoder();
      const writing = (async () => {
        const writer = stream.writable.getWriter();
        await writer.write(encoder.encode(JSON.stringify(feed.header) + '\n'));
        // 100 samples per write, one number per line
        for (let i = 0; i < feed.values.length; i += 100) {
          await writer.write(encoder.encode(Array.from(feed.values.subarray(i, i + 100)).join('\n') + '\n'));
        }
        await writer.close();
      })();
      const text = await new Response(stream.readable).text();
      await writing;
      return text.trim().split('\n').map((line) => JSON.parse(line));
    }),
  );
  session.close();
  return results;
}
