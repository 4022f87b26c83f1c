// Chromium opens a WebSocket session (dist/index.mjs's connect()) to serve() on
// 127.0.0.1, streams the sample series on two streams of different urgency, and
// must receive exactly the events a Node client gets for the same data.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import * as samples from '../../dist/samples.mjs';
import { connect, serve, type MidstreamServer } from '../../src/node';
import { runFeeds } from './pages/transport-feeds.mjs';
import { describeInBrowser, launchBrowser, PAGES, startServer, type TestServer } from './support';

describeInBrowser('transport: Chromium to serve() over a WebSocket', () => {
  let browser: Browser;
  let pages: TestServer;
  let server: MidstreamServer;

  beforeAll(async () => {
    [browser, pages] = await Promise.all([launchBrowser(), startServer()]);
    server = await serve({ port: 0, allowedOrigins: [new URL(pages.url).origin] });
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await server?.close();
  });

  it('gets the same events as a Node client for the same feeds', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${pages.url}${PAGES}/transport.html?ws=${encodeURIComponent(server.webSocketUrl)}`);
    const inBrowser = await page.evaluate(() => (window as any).feeds);
    const inNode = await runFeeds(connect, samples, server.webSocketUrl);
    expect(problems).toEqual([]);
    expect(inBrowser).toEqual(inNode);
    // the feeds did produce what they should: matches of the embedded chirp, regimes, an end
    const [motif, lorenz] = inNode as Record<string, unknown>[][];
    expect(motif[0]).toEqual({ event: 'ready', format: 'ndjson', patterns: ['chirp'] });
    expect(motif.filter((e) => e.event === 'match').length).toBeGreaterThan(0);
    expect(motif.at(-1)).toEqual({ event: 'end', samples: samples.motifSignal().series.length });
    expect(lorenz.some((e) => e.event === 'regime')).toBe(true);
    expect(lorenz.at(-1)).toEqual({ event: 'end', samples: 3000 });
    await page.close();
  });

  it('a page from an origin not allowed is refused', async () => {
    const strict = await serve({ port: 0 });
    const page = await browser.newPage();
    await page.goto(`${pages.url}${PAGES}/transport.html?ws=${encodeURIComponent(strict.webSocketUrl)}`);
    expect(await page.evaluate(() => (window as any).feeds)).toEqual({ error: expect.stringMatching(/closed before opening/) });
    expect(strict.stats().refused).toBe(1);
    await page.close();
    await strict.close();
  });
});
