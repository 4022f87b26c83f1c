// dist/index.mjs and dist/midstream.min.mjs imported by a page and by workers in headless Chromium; the
// answers are checked against the same calls in Node.
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as node from '../../dist/index.mjs';
import { seededRandom, randomWalk } from '../support/random';
import { describeInBrowser, useBrowser, PAGES } from './support';

describeInBrowser('ES module import and Web Workers in Chromium', () => {
  const chrome = useBrowser();
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    page = await chrome.browser.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
  });

  const random = seededRandom(66);
  const series = Array.from(randomWalk(random, 3000));
  const pattern = series.slice(1234, 1234 + 64).map((x) => x + (random() - 0.5) * 0.05);
  const options = { window: 6 };
  const threshold = 3;
  const expectedMatches = node.findSimilar(series, pattern, threshold, options);
  const expectedDistance = node.dtw(series.slice(0, pattern.length), pattern, options);

  it.each(['index.mjs', 'midstream.min.mjs', 'midstream.all.min.mjs'])('import from /dist/%s: init() then calls give the Node results', async (file) => {
    await page.goto(`${chrome.server.url}${PAGES}/esm.html?file=${file}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    expect(await page.evaluate(() => (window as any).atImport)).toEqual({ ready: false });
    const result = await page.evaluate(
      ({ series, pattern, threshold, options }) => {
        const M = (window as any).M;
        return {
          ready: M.isReady(),
          matches: M.findSimilar(series, pattern, threshold, options),
          dtw: M.dtw(series.slice(0, 500), series.slice(500, 900), { window: 0.1 }),
          path: M.dtwPath([0, 1, 1, 2], [0, 1, 2, 2, 2]),
          edit: M.editDistance('sunday', 'saturday'),
        };
      },
      { series, pattern, threshold, options },
    );
    expect(result.ready).toBe(true);
    expect(expectedMatches.length).toBeGreaterThan(0);
    expect(expectedMatches[0].index).toBe(1234);
    expect(result.matches).toEqual(expectedMatches);
    expect(result.dtw).toBe(node.dtw(series.slice(0, 500), series.slice(500, 900), { window: 0.1 }));
    expect(result.path).toEqual(node.dtwPath([0, 1, 1, 2], [0, 1, 2, 2, 2]));
    expect(result.edit).toBe(3);
  });

  for (const [kind, url, type] of [
    ['module worker importing dist/index.mjs', 'worker-module.mjs', 'module'],
    ['classic worker using importScripts(dist/midstream.min.js)', 'worker-classic.js', 'classic'],
  ] as const) {
    for (const awaitInit of [true, false]) {
      it(`${kind}: a call at start-up, then a search ${awaitInit ? 'after await init()' : 'without init()'}`, async () => {
        await page.goto(`${chrome.server.url}${PAGES}/worker.html`);
        const answer = await page.evaluate(
          ({ url, type, job }) => (window as any).runInWorker(url, type, job),
          { url: `${PAGES}/${url}`, type, job: { series, pattern, threshold, options, awaitInit } },
        );
        expect(answer.error).toBeUndefined();
        expect(answer.matches).toEqual(expectedMatches);
        expect(answer.distance).toBe(expectedDistance);
        // The worker's first statement after loading the library is a call, made
        // before the asynchronous compile can have finished: it works too.
        expect(answer.atStart).toEqual({ readyBefore: false, value: node.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]), readyAfter: true });
      });
    }
  }

  it('no uncaught errors', () => {
    expect(problems).toEqual([]);
  });
});
