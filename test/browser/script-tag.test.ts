// dist/midstream.min.js (with dist/midstream.scheduler.min.js beside it, and
// dist/midstream.all.min.js on its own) loaded with a <script> tag in headless Chromium: the
// global, asynchronous loading, a call before ready, no WebAssembly, and the
// Content-Security-Policy that Midstream needs. Results are checked against the
// same functions run in Node and against the plain reference implementations.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as node from '../../dist/index.mjs';
import { lorenz } from '../../dist/samples.mjs';
import { seededRandom, randomSeries } from '../support/random';
import { bruteForceSimilar, referenceDtw } from '../support/reference';
import { describeInBrowser, useBrowser, PAGES } from './support';

describeInBrowser('script tag: dist/midstream.min.js in Chromium', () => {
  const chrome = useBrowser();
  const problems: string[] = [];


  async function open(page: string): Promise<Page> {
    const tab = await chrome.browser.newPage();
    tab.on('pageerror', (error) => problems.push(`${page}: ${error.message}`));
    await tab.goto(`${chrome.server.url}${PAGES}/${page}`);
    return tab;
  }

  it('defines the Midstream global, compiles asynchronously, and computes what Node computes', async () => {
    const page = await open('script-tag.html');
    expect(await page.evaluate(() => (window as any).atLoad)).toEqual({ type: 'object', hasReadyPromise: true });
    await page.evaluate(() => (window as any).Midstream.ready);
    expect(await page.evaluate(() => (window as any).Midstream.isReady())).toBe(true);
    // Loading compiled the module asynchronously, once, and never synchronously on the main thread.
    expect(await page.evaluate(() => (window as any).compiles)).toEqual(['WebAssembly.instantiate']);

    const random = seededRandom(6);
    const a = randomSeries(random, 120);
    const b = randomSeries(random, 97);
    const series = randomSeries(random, 600);
    const pattern = series.slice(200, 240).map((x) => x + (random() - 0.5) * 0.2);

    const inBrowser = await page.evaluate(
      ({ a, b, series, pattern }) => {
        const M = (window as any).Midstream;
        return {
          dtw: M.dtw(a, b),
          dtwBand: M.dtw(a, b, { window: 10, cost: 'squared' }),
          path: M.dtwPath(a.slice(0, 30), b.slice(0, 25)),
          matches: M.findSimilar(series, pattern, 40, { window: 4 }),
          detect: M.detectPattern(series, pattern, 5),
          lcs: M.lcs('ABCBDAB', 'BDCABA'),
          edit: M.editDistance('kitten', 'sitting'),
        };
      },
      { a, b, series, pattern },
    );
    expect(inBrowser.dtw).toBe(node.dtw(a, b));
    expect(inBrowser.dtw).toBeCloseTo(referenceDtw(a, b), 9);
    expect(inBrowser.dtwBand).toBe(node.dtw(a, b, { window: 10, cost: 'squared' }));
    expect(inBrowser.dtwBand).toBeCloseTo(referenceDtw(a, b, 23, true), 9); // the band is widened to |n - m| = 23
    expect(inBrowser.path).toEqual(node.dtwPath(a.slice(0, 30), b.slice(0, 25)));
    expect(inBrowser.matches).toEqual(node.findSimilar(series, pattern, 40, { window: 4 }));
    const reference = bruteForceSimilar(series, pattern, 40, 4);
    expect(inBrowser.matches.map((m: { index: number }) => m.index)).toEqual(reference.map((m) => m.index));
    expect(inBrowser.matches[0].index).toBe(200);
    expect(inBrowser.detect).toBe(true);
    expect(inBrowser.lcs).toBe(4);
    expect(inBrowser.edit).toBe(3);
    expect(await page.evaluate(() => (window as any).compiles)).toEqual(['WebAssembly.instantiate']);
    // Bad input: the same TypeError in the page, and the module keeps working.
    const error = await page.evaluate(() => {
      try {
        (window as any).Midstream.dtw([], [1]);
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    expect(error).toMatch(/^RangeError: dtw: a must not be empty/);
    expect(await page.evaluate(() => (window as any).Midstream.dtw([1, 2], [1, 2]))).toBe(0);
    await page.close();
  });

  it('a call made while the asynchronous compile is still running works (the small module compiles synchronously)', async () => {
    const page = await open('early-call.html');
    const early = await page.evaluate(() => (window as any).early);
    const expected = node.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]);
    expect(early).toEqual({ readyBefore: false, value: expected, readyAfter: true });
    expect(await page.evaluate(() => (window as any).readyOutcome)).toBe('resolved');
    await page.close();
  });

  it('without WebAssembly: loading is quiet, calls and init() give a clear error', async () => {
    const page = await open('no-wasm.html');
    const outcome = await page.evaluate(() => (window as any).outcome);
    expect(outcome.loaded).toBe(true);
    expect(outcome.isReady).toBe(false);
    for (const message of [outcome.call, outcome.init, outcome.ready]) {
      expect(message).toMatch(/^Midstream needs WebAssembly, which this environment does not provide/);
    }
    expect(await page.evaluate(() => (window as any).problems)).toEqual([]);
    await page.close();
  });

  it("works under Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'", async () => {
    const page = await open('csp-strict.html');
    const scriptTag = await page.evaluate(() => (window as any).scriptTagOutcome);
    expect(scriptTag).toEqual({
      dtw: node.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]),
      matches: node.findSimilar([0, 1, 2, 1, 0, 1, 2, 1, 0], [1, 2, 1], 0.5),
    });
    await page.waitForFunction(() => (window as any).moduleOutcome);
    expect(await page.evaluate(() => (window as any).moduleOutcome)).toEqual({
      dtw: node.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]),
      lcs: 4,
    });
    await page.close();
  });

  it("without 'wasm-unsafe-eval' in the CSP: the error says what to add", async () => {
    const page = await open('csp-no-wasm.html');
    const scriptTag = await page.evaluate(() => (window as any).scriptTagOutcome);
    expect(scriptTag.error).toMatch(/Content-Security-Policy forbids compiling WebAssembly; add 'wasm-unsafe-eval'/);
    await page.waitForFunction(() => (window as any).moduleOutcome);
    const module = await page.evaluate(() => (window as any).moduleOutcome);
    expect(module.error).toMatch(/add 'wasm-unsafe-eval' to its script-src/);
    expect(module.call).toMatch(/add 'wasm-unsafe-eval' to its script-src/);
    await page.close();
  });

  // The scheduler part (src/scheduler), through the same global.
  it('Midstream.Scheduler: priorities, deadlines, results and stats as in Node', async () => {
    const job = async (M: any) => {
      const scheduler = new M.Scheduler({ agingMs: Infinity });
      const order: number[] = [];
      const posts: Array<[string, number | undefined]> = [
        ['background', undefined],
        ['user-blocking', 50],
        ['user-visible', 10],
        ['user-blocking', 5],
        ['user-visible', undefined],
      ];
      const now = scheduler.now();
      await Promise.all(
        posts.map(([priority, deadline], k) =>
          scheduler.postTask(() => order.push(k), { priority, deadline: deadline === undefined ? undefined : now + 1000 + deadline }),
        ),
      );
      const distance = await scheduler.postTask(() => M.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]), { priority: 'user-blocking' });
      const controller = new AbortController();
      const cancelled = scheduler.postTask(() => 'ran', { signal: controller.signal, delay: 50 }).catch((e: Error) => `rejected: ${e.name}`);
      controller.abort();
      const stats = scheduler.stats();
      return { order, distance, cancelled: await cancelled, completed: stats.completed, cancelledCount: stats.cancelled, latencyCount: stats.latency.count };
    };
    const page = await open('script-tag.html');
    await page.evaluate(() => (window as any).Midstream.ready);
    const inBrowser = await page.evaluate(`(${job.toString()})(window.Midstream)`);
    const inNode = await job(node);
    expect(inBrowser).toEqual(inNode);
    expect((inBrowser as any).order).toEqual([3, 1, 2, 4, 0]);
    expect((inBrowser as any).completed).toBe(6);
    await page.close();
  });

  // The attractor part (src/attractor), through the same global, on a Lorenz
  // trajectory generated bit-identically in both engines. Math.log and friends
  // may differ in the last bits between V8 versions, so estimates are compared
  // to 6 significant digits and discrete results exactly.
  it('Midstream attractor API: embed, lyapunovExponent, correlationDimension, classifyAttractor, AttractorAnalyzer as in Node', async () => {
    const x = Array.from(lorenz({ steps: 3000 }).x);
    const job = (M: any, x: number[]) => {
      const embedding = M.embed(x, { dimension: 3, delay: 10 });
      const lyapunov = M.lyapunovExponent(x, { dt: 0.01 });
      const d2 = M.correlationDimension(x);
      const c = M.classifyAttractor(x, { dt: 0.01 });
      const analyzer = new M.AttractorAnalyzer({ dt: 0.01 });
      for (const v of x) analyzer.addPoint(v);
      const live = analyzer.analyze();
      return {
        embedding: { count: embedding.count, dimension: embedding.dimension, delay: embedding.delay, points: Array.from(embedding.points.slice(0, 12)) },
        lyapunov: { exponent: lyapunov.exponent, dimension: lyapunov.dimension, delay: lyapunov.delay, fitRange: lyapunov.fitRange },
        d2: { dimension: d2.dimension, embeddingDimension: d2.embeddingDimension, delay: d2.delay },
        classification: { type: c.type, confidence: c.confidence, dimension: c.dimension, delay: c.delay, lyapunovExponent: c.lyapunovExponent, correlationDimension: c.correlationDimension },
        live: { type: live.type, dimension: live.dimension, delay: live.delay },
      };
    };
    const page = await open('script-tag.html');
    await page.evaluate(() => (window as any).Midstream.ready);
    const inBrowser: any = await page.evaluate(`(${job.toString()})(window.Midstream, ${JSON.stringify(x)})`);
    const inNode = job(node, x);
    expect(inBrowser.embedding).toEqual(inNode.embedding); // delay vectors are copies: exact
    for (const part of ['lyapunov', 'd2', 'classification', 'live'] as const) {
      for (const [key, value] of Object.entries(inNode[part] as Record<string, unknown>)) {
        if (typeof value === 'number' && !Number.isInteger(value)) {
          expect(inBrowser[part][key], `${part}.${key}`).toBeCloseTo(value, 6);
        } else {
          expect(inBrowser[part][key], `${part}.${key}`).toEqual(value);
        }
      }
    }
    expect(inBrowser.classification.type).toBe('chaotic');
    await page.close();
  });

  // dist/midstream.all.min.js: every part under the one global, as the package exports them.
  it('the all-parts bundle defines every export of the package and computes what Node computes', async () => {
    const page = await open('script-tag-all.html');
    await page.evaluate(() => (window as any).Midstream.ready);
    const keys = await page.evaluate(() => Object.keys((window as any).Midstream).sort());
    expect(keys).toEqual(Object.keys(node).sort());
    const trace = [{ x: 1 }, { x: 3 }, { x: 5 }, { x: 2 }, { x: 0 }];
    const job = (M: any, trace: Array<{ x: number }>) => ({
      formula: M.formatFormula(M.parseFormula('G (x > 0 -> F x < 1)')),
      satisfied: M.verify('G (x > 0 -> F x < 1)', trace).satisfied,
      robustness: M.robustness('G x >= 1', trace).value,
      dtw: M.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]),
    });
    const inBrowser = await page.evaluate(`(${job.toString()})(window.Midstream, ${JSON.stringify(trace)})`);
    expect(inBrowser).toEqual(job(node, trace));
    expect(inBrowser).toMatchObject({ satisfied: true, robustness: -1 });
    await page.close();
  });

  it('no uncaught errors on any page', () => {
    expect(problems).toEqual([]);
  });
});
