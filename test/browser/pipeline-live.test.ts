// The pipeline in Chromium: the live demo page plays the sample series through
// Midstream in a Web Worker without ever blocking the page's main thread for
// more than 50 ms (PerformanceObserver longtask entries are tasks over 50 ms),
// with the events Node gives; and the library's own offload: a Blob-URL worker
// where the page allows it, the fallback to the thread under a CSP that does
// not, and no worker left after close().
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as node from '../../dist/index.mjs';
import * as samples from '../../dist/samples.mjs';
import { liveSeries, SETUP } from '../../demo/live.js';
import { ordered } from '../pipeline/support';
import { describeInBrowser, useBrowser, PAGES } from './support';

describeInBrowser('the pipeline in Chromium', () => {
  const chrome = useBrowser();
  const problems: string[] = [];


  async function newPage(): Promise<Page> {
    const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    return page;
  }

  it('the live demo plays the stream with the main thread never blocked over 50 ms, and shows the events Node gives', async () => {
    const page = await newPage();
    await page.addInitScript(() => {
      const longTasks: Array<{ startTime: number; duration: number }> = [];
      (window as any).longTasks = longTasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push({ startTime: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${chrome.server.url}/demo/live.html`);
    await page.waitForFunction(() => (window as any).liveState?.ready === true);
    await page.selectOption('#speed', '20000');
    const playedAt: number = await page.evaluate(() => performance.now());
    await page.click('#play');
    await page.waitForFunction(() => (window as any).liveState.done === true, undefined, { timeout: 60_000 });
    const { longTasks, state } = await page.evaluate(() => ({ longTasks: (window as any).longTasks, state: (window as any).liveState }));
    expect(problems).toEqual([]);
    // Not vacuous: the page drew many frames while the worker analysed (regime analyses of 2,000 samples).
    expect(state.frames).toBeGreaterThan(10);
    expect(longTasks.filter((t: { startTime: number }) => t.startTime >= playedAt)).toEqual([]);

    // The same pipeline in Node, pushed as the worker pushes.
    const { series, pattern } = liveSeries(samples);
    const ms = new node.Midstream({ ...SETUP, patterns: { chirp: { ...SETUP.patterns.chirp, pattern } } });
    const expected = [];
    for (let t = 0; t < series.length; t++) {
      expected.push(...ms.push(series[t]));
      if ((t + 1) % 1000 === 0) expected.push(...(await ms.settle()));
    }
    expected.push(...(await ms.end()));
    ms.close();
    expect(ordered(state.events)).toEqual(ordered(expected));
    const kinds = new Set(expected.map((e) => e.type));
    expect([...kinds].sort()).toEqual(['match', 'regime', 'summary', 'verdict']);
    expect(await page.locator('#live-plot rect.match').count()).toBe(expected.filter((e) => e.type === 'match').length);
    expect(await page.locator('#regime-list li').count()).toBe(expected.filter((e) => e.type === 'regime').length);
    await page.close();
  });

  const series = Array.from({ length: 3000 }, (_, t) => (t < 1500 ? Math.sin(t / 4) : ((t * 7919) % 1000) / 500 - 1));
  const options = { regime: { window: 500, every: 500 }, rules: { bounded: 'G (x < 2)' } };

  it('offload: a Blob-URL Web Worker does the analysis, the events equal Node, and close() leaves no worker', async () => {
    const page = await newPage();
    await page.goto(`${chrome.server.url}${PAGES}/pipeline-offload.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const { events, stats } = await page.evaluate(({ series, options }) => (window as any).runPipeline(series, options), { series, options });
    expect(stats.regime.mode).toBe('worker');
    expect(page.workers().length).toBe(1);
    const inNode = new node.Midstream(options);
    const expected = [];
    for await (const e of inNode.run(series)) expected.push(e);
    expect(ordered(events)).toEqual(ordered(expected));
    expect(expected.filter((e) => e.type === 'regime').length).toBeGreaterThan(0);
    await page.evaluate(() => (window as any).openPipeline.close());
    await page.waitForFunction(() => (window as any).openPipeline.stats().closed);
    // The worker ends: Chromium reports it gone.
    await expect.poll(() => page.workers().length).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("under a CSP without blob: workers the analysis falls back to the thread, says why, and gives the same events", async () => {
    const page = await newPage();
    page.removeAllListeners('console'); // the browser logs the refused worker as a CSP violation: that is the point
    await page.goto(`${chrome.server.url}${PAGES}/csp-strict-pipeline.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const { events, stats } = await page.evaluate(({ series, options }) => (window as any).runPipeline(series, options), { series, options });
    expect(stats.regime.mode).toBe('thread');
    expect(stats.regime.fallbackReason).toMatch(/worker could not start/);
    const inNode = new node.Midstream(options);
    const expected = [];
    for await (const e of inNode.run(series)) expected.push(e);
    expect(ordered(events)).toEqual(ordered(expected));
    expect(page.workers().length).toBe(0);
    await page.close();
  });
});
