// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, and a static server on 127.0.0.1 over the repository.
//
// Without /usr/bin/chromium the browser tests are skipped with a message,
// except under CI=true, where a missing browser fails the run.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startStaticServer } from '../../scripts/static-server.mjs';

/** Debian's Chromium; CHROMIUM_PATH overrides it (e.g. to check the missing-browser rule). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const browserAvailable = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

/**
 * describe() for tests that need Chromium: skipped (with a message) when it is
 * missing, or replaced by one failing test when CI=true.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (browserAvailable) {
    describe(name, body);
  } else if (inCi) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${CHROMIUM} is missing; CI=true requires it (apt-get install chromium)`);
      });
    });
  } else {
    console.warn(`[browser tests] skipping "${name}": ${CHROMIUM} not found (apt-get install chromium); under CI=true this fails`);
    describe.skip(name, body);
  }
}

/** Headless Chromium with a fresh temporary profile (playwright creates and removes it). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Pages whose name starts with csp-strict get the minimal CSP Midstream needs; csp-no-wasm one without 'wasm-unsafe-eval'. */
export function cspFor(path: string): Record<string, string> {
  if (path.includes('/csp-strict')) return { 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" };
  if (path.includes('/csp-no-wasm')) return { 'content-security-policy': "script-src 'self'" };
  if (path.startsWith('/demo/')) return { 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" };
  return {};
}

/** The test pages, the demo and the bundles; each page's policy comes from cspFor. */
export function startServer(): Promise<TestServer> {
  return startStaticServer({ root: ROOT, directories: ['dist', 'demo', 'test/browser/pages', 'test/scheduler/wpt'], contentSecurityPolicy: null, headers: cspFor });
}

export const PAGES = '/test/browser/pages';

/**
 * Inside describeInBrowser: Chromium and a static server (startServer's unless
 * `startPages` is given) for the block's tests, both closed after them. Read
 * them in tests and later hooks: `chrome.browser`, `chrome.server`.
 */
export function useBrowser(startPages: () => Promise<TestServer> = startServer): { readonly browser: Browser; readonly server: TestServer } {
  const running = {} as { browser: Browser; server: TestServer };
  beforeAll(async () => {
    [running.browser, running.server] = await Promise.all([launchBrowser(), startPages()]);
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.close();
  });
  return running;
}
