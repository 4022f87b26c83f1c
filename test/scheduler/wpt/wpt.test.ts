// The WPT scheduler tests (ported in this folder) against Midstream's Scheduler in Node,
// through the testharness shim. Each WPT test is one vitest test, with a fresh
// Scheduler as the global `scheduler`. The same files run in Chromium against the bundle
// and against the native scheduler: test/browser/scheduler-wpt.test.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Scheduler, TaskController, TaskSignal } from '../../../src/scheduler/index';

interface WptEntry {
  file: string;
  name: string;
}
interface WptResult extends WptEntry {
  status: 'PASS' | 'FAIL' | 'TIMEOUT';
  message: string;
}
interface Shim {
  tests: WptEntry[];
  currentFile: string;
  run(options: { select?: (entry: WptEntry) => boolean; beforeEach?: () => void }): Promise<WptResult[]>;
}
interface Manifest {
  files: string[];
  expectedFailures: Record<string, Record<string, string>>;
  skipped: Record<string, Record<string, string>>;
}

const folder = fileURLToPath(new URL('.', import.meta.url));
const load = (path: string) => runInThisContext(readFileSync(folder + path, 'utf8'), { filename: folder + path });

load('testharness-shim.js');
load('manifest.js');
const global = globalThis as unknown as { wptShim: Shim; wptManifest: Manifest; wptBlankUrl: string; scheduler: unknown };
const shim = global.wptShim;
const manifest = global.wptManifest;
global.wptBlankUrl = 'data:text/html,<!doctype html>';

// 'eager': each test gets the promise-job context from its first line, whatever ran
// before it (with the default 'lazy' it starts at the first yield() in the process).
function installMidstream(): void {
  Object.assign(globalThis, { scheduler: new Scheduler({ asyncContext: 'eager' }), TaskController, TaskSignal });
}

installMidstream(); // some files name the classes as they load
for (const file of manifest.files) {
  const text = readFileSync(folder + file, 'utf8');
  const directory = file.slice(0, file.lastIndexOf('/') + 1);
  for (const [, script] of text.matchAll(/^\/\/ META: script=(.+)$/gm)) load(directory + script.trim());
  shim.currentFile = file;
  runInThisContext(text, { filename: folder + file });
}

const expectedFailures = manifest.expectedFailures['midstream-node'];
const skipped = manifest.skipped['midstream-node'];

describe('WPT scheduler tests in Node, against Midstream', () => {
  for (const entry of shim.tests) {
    const key = `${entry.file} | ${entry.name}`;
    const why = expectedFailures[key];
    if (skipped[key]) {
      it.skip(`${key} (skipped: ${skipped[key]})`, () => {});
      continue;
    }
    it(`${key}${why ? ' (known failure)' : ''}`, async () => {
      const [result] = await shim.run({ select: (candidate) => candidate === entry, beforeEach: installMidstream });
      if (why) expect(result.status, `listed as failing (${why}) but passes`).not.toBe('PASS');
      else expect(result, result.message).toMatchObject({ status: 'PASS' });
    });
  }
});
