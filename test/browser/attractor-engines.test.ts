// The attractor numerics run in wasm (assembly/attractor/), including their
// cos, sin and log, which AssemblyScript compiles into the module; what is left
// in JavaScript is IEEE arithmetic and Math.sqrt (correctly rounded everywhere).
// So Chromium, loading dist/midstream.min.js with a <script> tag, must give the
// same bits as Node for classifyAttractor, lyapunovExponent,
// correlationDimension, estimateDelay and estimateDimension: every number is
// compared with Object.is, not to a tolerance. (The data are generated here and sent as JSON, which carries every
// double exactly.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as node from '../../dist/index.mjs';
import { lorenz } from '../../dist/samples.mjs';
import { seededRandom, gaussian } from '../support/random';
import { describeInBrowser, launchBrowser, PAGES, startServer, type TestServer } from './support';

/** Everything the attractor functions return, typed arrays as plain arrays (what page.evaluate can carry). */
function analyse(M: any, input: unknown, options: object): unknown {
  const plain = (value: unknown): unknown =>
    ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : Array.isArray(value) ? value.map(plain) : value;
  const record = (result: object) => Object.fromEntries(Object.entries(result).map(([k, v]) => [k, plain(v)]));
  const series = Array.isArray(input);
  return {
    delay: series ? M.estimateDelay(input) : undefined,
    dimension: series ? M.estimateDimension(input) : undefined,
    classification: record(M.classifyAttractor(input, options)),
    lyapunov: record(M.lyapunovExponent(input, options)),
    correlation: record(M.correlationDimension(input)),
  };
}

/** Paths of the numbers (and other values) that differ at all, with both values. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) ? [] : [`${path}: node ${a}, browser ${b}`];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as any)[k], (b as any)[k], `${path}.${k}`));
  }
  return Object.is(a, b) ? [] : [`${path}: node ${JSON.stringify(a)}, browser ${JSON.stringify(b)}`];
}

function noisySine(length: number): number[] {
  const noise = gaussian(seededRandom(11));
  return Array.from({ length }, (_, i) => Math.sin((2 * Math.PI * i) / 37) + 0.1 * noise()); // made in Node, sent as JSON
}

function logistic(length: number): number[] {
  const out: number[] = [];
  let x = 0.3141;
  for (let i = 0; i < length; i++) out.push((x = 4 * x * (1 - x)));
  return out;
}

describeInBrowser('attractor results are the same bits in Chromium as in Node', () => {
  const problems: string[] = [];
  let running: { browser: Browser; server: TestServer; page: Page } | undefined;

  /** A new tab on the script-tag page, the library compiled. */
  async function libraryPage(browser: Browser, server: TestServer): Promise<Page> {
    const tab = await browser.newPage();
    tab.on('pageerror', (error) => problems.push(error.message));
    await tab.goto(`${server.url}${PAGES}/script-tag.html`);
    await tab.evaluate(() => (window as any).Midstream.ready);
    return tab;
  }

  beforeAll(async () => {
    const [browser, server] = await Promise.all([launchBrowser(), startServer()]);
    running = { browser, server, page: await libraryPage(browser, server) };
  });
  afterAll(async () => {
    await running?.browser.close();
    await running?.server.close();
  });

  const trajectory = lorenz();
  const cases: Array<[string, () => unknown, object]> = [
    ['the 10,000-point Lorenz sample (x, dt 0.01)', () => Array.from(trajectory.x), { dt: 0.01 }],
    ['Lorenz (x, y, z) points, 3,000 of them', () => ({ points: Array.from({ length: 3000 }, (_, i) => [trajectory.x[i], trajectory.y[i], trajectory.z[i]]) }), {}],
    ['the logistic map (r = 4), 3,000 points', () => logistic(3000), {}],
    ['a noisy sine, 4,000 points', () => noisySine(4000), {}],
    ['the logistic map x 1e200 (rescaled inside)', () => logistic(2000).map((v) => v * 1e200), {}],
  ];

  for (const [name, make, options] of cases) {
    it(name, async () => {
      const input = make();
      const inNode = analyse(node, input, options);
      const inBrowser = await running!.page.evaluate(`(${analyse.toString()})(window.Midstream, ${JSON.stringify(input)}, ${JSON.stringify(options)})`);
      expect(differences(inNode, inBrowser)).toEqual([]);
      expect((inNode as any).classification.type).toMatch(/chaotic|limit-cycle|stochastic|fixed-point/);
    });
  }

  // Node and Chromium share V8, whose Math functions agree; another engine's may
  // not, in the last bit. Simulate one: every Math function that is not exactly
  // specified returns the next double up. Nothing of it may reach the results.
  it('with every inexact Math function one ulp off in the page, still the same bits', async () => {
    const other = await libraryPage(running!.browser, running!.server);
    const nudged = await other.evaluate(() => {
      const names = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'atan2', 'cbrt', 'cos', 'cosh', 'exp', 'expm1', 'hypot', 'log', 'log1p', 'log10', 'log2', 'pow', 'sin', 'sinh', 'tan', 'tanh'];
      const bits = new BigUint64Array(1);
      const value = new Float64Array(bits.buffer);
      for (const name of names) {
        const exact = (Math as any)[name] as (...args: number[]) => number;
        (Math as any)[name] = (...args: number[]) => {
          value[0] = exact(...args);
          if (Number.isFinite(value[0]) && value[0] !== 0) bits[0] += 1n;
          return value[0];
        };
      }
      return Math.log(Math.E) !== 1 && Math.cos(0) !== 1;
    });
    expect(nudged).toBe(true);
    for (const [name, make, options] of [cases[0], cases[3], cases[4]]) {
      const input = make();
      const inBrowser = await other.evaluate(`(${analyse.toString()})(window.Midstream, ${JSON.stringify(input)}, ${JSON.stringify(options)})`);
      expect(differences(analyse(node, input, options), inBrowser), name).toEqual([]);
    }
    await other.close();
  });

  it('no uncaught errors on the page', () => {
    expect(problems).toEqual([]);
  });
});
