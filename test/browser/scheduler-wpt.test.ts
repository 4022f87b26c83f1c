// The ported WPT scheduler tests (test/scheduler/wpt/) in headless Chromium, twice: against
// Midstream's bundle (dist/midstream.scheduler.min.js, a fresh Midstream.Scheduler as `scheduler`,
// Midstream's TaskController and TaskSignal) and against the browser's own
// scheduler.postTask. Both must pass every test that test/scheduler/wpt/manifest.js does
// not list as a known failure for them, and fail the ones it lists.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser, PAGES } from './support';

interface WptResult {
  file: string;
  name: string;
  status: string;
  message: string;
}
interface Manifest {
  expectedFailures: Record<string, Record<string, string>>;
}

const sandbox: { globalThis?: { wptManifest?: Manifest } } = {};
sandbox.globalThis = sandbox;
runInNewContext(readFileSync(new URL('../scheduler/wpt/manifest.js', import.meta.url), 'utf8'), sandbox);
const manifest = (sandbox as { wptManifest: Manifest }).wptManifest;

describeInBrowser('WPT scheduler tests in Chromium: Midstream bundle and native scheduler.postTask', () => {
  const chrome = useBrowser();
  const results: Record<string, WptResult[]> = {};


  async function run(implementation: 'midstream' | 'native'): Promise<WptResult[]> {
    const page = await chrome.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${chrome.server.url}${PAGES}/scheduler-wpt.html?impl=${implementation}`);
    await page.waitForFunction(() => (window as { wptResults?: unknown }).wptResults !== undefined, undefined, { timeout: 120_000 });
    const found = (await page.evaluate(() => (window as { wptResults?: unknown }).wptResults)) as WptResult[];
    await page.close();
    expect(errors).toEqual([]);
    return found;
  }

  function check(found: WptResult[], environment: string): void {
    const expectedFailures = manifest.expectedFailures[environment];
    expect(found.length).toBeGreaterThan(80);
    const wrong = found
      .map((result) => ({ ...result, key: `${result.file} | ${result.name}` }))
      .filter((result) => (expectedFailures[result.key] ? result.status === 'PASS' : result.status !== 'PASS'))
      .map((result) => `${result.status} ${result.key}: ${result.message || 'listed as a known failure but passes'}`);
    expect(wrong).toEqual([]);
  }

  it('against dist/midstream.scheduler.min.js', async () => {
    results.midstream = await run('midstream');
    check(results.midstream, 'midstream-chromium');
  });

  it("against Chromium's native scheduler", async () => {
    results.native = await run('native');
    check(results.native, 'native-chromium');
  });
});
