// The demo page (demo/index.html, served as `npm run demo` serves it: demo/ and
// dist/ only, with the strict DEMO_CSP on every response): a screenshot, the plot elements and the match list, checked
// against findSimilar in Node; then the controls change the results.
import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as node from '../../dist/index.mjs';
import { lorenz, motifSignal } from '../../dist/samples.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { describeInBrowser, useBrowser, ROOT } from './support';

const { series, pattern, embedded } = motifSignal();
const m = pattern.length;

/** Distinct (non-overlapping) matches, best first, as the page and the CLI list them. */
function expectedMatches(threshold: number, window: number, cost: 'absolute' | 'squared' = 'absolute') {
  const chosen: Array<{ index: number; distance: number }> = [];
  for (const match of node.findSimilar(series, pattern, threshold, { window, cost })) {
    if (chosen.every((c) => Math.abs(c.index - match.index) >= m)) chosen.push(match);
  }
  return chosen;
}

describeInBrowser('demo page in Chromium', () => {
  const chrome = useBrowser(() => startStaticServer({ root: ROOT, directories: ['demo', 'dist'], home: '/demo/' }));
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    page = await chrome.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
  });

  async function listed(): Promise<Array<{ index: number; distance: number }>> {
    return page.$$eval('#match-list li[data-index]', (items) =>
      items.map((li) => ({ index: Number((li as HTMLElement).dataset.index), distance: Number((li as HTMLElement).dataset.distance) })),
    );
  }

  async function setControl(id: string, value: string): Promise<void> {
    const before: number = await page.evaluate(() => (window as any).demoState.updates);
    await page.fill(`#${id}`, value);
    await page.waitForFunction((count) => (window as any).demoState.updates > count, before);
  }

  it('shows the series, the matches, the pattern, the warping path and the phase portrait', async () => {
    const response = await page.goto(`${chrome.server.url}/`); // redirected to /demo/
    expect(response?.url()).toBe(`${chrome.server.url}/demo/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const dir = join(tmpdir(), 'midstream-test');
    mkdirSync(dir, { recursive: true });
    const shot = join(dir, 'demo.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`demo screenshot: ${shot}`);
    expect(statSync(shot).size).toBeGreaterThan(50_000); // a real picture, not a blank page

    const expected = expectedMatches(32, 8);
    expect(expected.map((e) => e.index).sort((a, b) => a - b)).toHaveLength(embedded.length);
    expect(await listed()).toEqual(expected);
    expect(await page.locator('#series-plot path.series').count()).toBe(1);
    expect(await page.locator('#series-plot rect.match').count()).toBe(expected.length);
    expect(await page.locator('#series-plot rect.truth').count()).toBe(embedded.length);
    expect(await page.locator('#pattern-plot path.pattern').count()).toBe(1);
    expect(await page.locator('#pattern-plot path.best').count()).toBe(1);
    expect(await page.locator('#path-plot path.warp').count()).toBe(1);
    expect(await page.locator('#phase-plot path.portrait').count()).toBe(1);
    // The series path has a point per sample; the portrait one per Lorenz point.
    const seriesPoints = await page.$eval('#series-plot path.series', (p) => (p.getAttribute('d') ?? '').split(/[ML]/).length - 1);
    expect(seriesPoints).toBe(series.length);

    // The warping path drawn is the one dtwPath gives in Node for the best window.
    const best = expected[0];
    const path = node.dtwPath(series.slice(best.index, best.index + m), pattern, { window: 8 });
    const shown = await page.evaluate(() => {
      const b = (window as any).demoState.best;
      return { index: b.index, distance: b.distance, pathDistance: b.pathDistance, path: b.path };
    });
    expect(shown).toEqual({ index: best.index, distance: best.distance, pathDistance: path.distance, path: path.path });
    expect(path.distance).toBeCloseTo(best.distance, 9);
    const warpPoints = await page.$eval('#path-plot path.warp', (p) => (p.getAttribute('d') ?? '').split(/[ML]/).length - 1);
    expect(warpPoints).toBe(path.path.length);
  });

  it('threshold, band and cost controls recompute the matches', async () => {
    await setControl('threshold', '22.2');
    expect(await listed()).toEqual(expectedMatches(22.2, 8));
    expect(await page.locator('#series-plot rect.match').count()).toBe(expectedMatches(22.2, 8).length);

    await setControl('window', '0'); // no warping: the time-warped occurrences stop matching
    expect(await listed()).toEqual(expectedMatches(22.2, 0));
    expect(await page.locator('#match-list li.empty').count()).toBe(expectedMatches(22.2, 0).length === 0 ? 1 : 0);

    await setControl('window', '16');
    await setControl('threshold', '40');
    expect(await listed()).toEqual(expectedMatches(40, 16));

    await page.selectOption('#cost', 'squared');
    await page.waitForFunction(() => (window as any).demoState.cost === 'squared');
    expect(await listed()).toEqual(expectedMatches(25, 16, 'squared'));
  });

  it('the phase portrait follows the chosen signal and delay', async () => {
    await page.selectOption('#signal', 'lorenz-x');
    await page.fill('#delay', '20');
    await page.waitForFunction(() => (window as any).demoState.portrait.delay === 20);
    const state = await page.evaluate(() => (window as any).demoState.portrait);
    expect(state).toEqual({ signal: 'lorenz-x', delay: 20, points: lorenz().x.length - 20 });
  });

  it('the portrait panel shows classifyAttractor of the chosen signal', async () => {
    for (const signal of ['lorenz-x', 'lorenz-xz', 'periodic']) {
      await page.selectOption('#signal', signal);
      await page.waitForFunction((s) => (window as any).demoState.classification?.signal === s, signal);
      const shown = await page.evaluate(() => (window as any).demoState.classification);
      const t = lorenz();
      const expected =
        signal === 'lorenz-x'
          ? node.classifyAttractor(t.x, { dt: 0.01 })
          : signal === 'lorenz-xz'
            ? node.classifyAttractor({ points: Array.from(t.x, (x, i) => [x, t.y[i], t.z[i]]) }, { dt: 0.01 })
            : node.classifyAttractor(series);
      expect(shown.type).toBe(expected.type);
      expect(await page.textContent('#attractor-class')).toContain(`classifyAttractor: ${expected.type}`);
      if (Number.isFinite(expected.lyapunovExponent)) expect(shown.lyapunovExponent).toBeCloseTo(expected.lyapunovExponent, 6);
    }
  });

  it('no errors on the page', () => {
    expect(problems).toEqual([]);
  });
});
