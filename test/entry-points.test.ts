// The built bundles, as users load them: import from dist/index.mjs, require dist/index.cjs,
// and the minified ESM bundles a CDN import loads (each carries the exports of its entry).
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

describe('dist entry points', () => {
  it('have been built (npm run build)', () => {
    const browser = ['midstream', 'midstream.scheduler', 'midstream.all'].flatMap((name) => [`${name}.min.js`, `${name}.min.mjs`]);
    for (const file of ['index.mjs', 'index.cjs', 'index.d.ts', 'analysis.d.ts', 'scheduler.d.ts', 'midstream.wasm', ...browser]) {
      expect(existsSync(dist(file)), file).toBe(true);
    }
  });

  it('ESM: import works, async init then calls', async () => {
    const midstream = await import(dist('index.mjs'));
    await midstream.init();
    expect(midstream.isReady()).toBe(true);
    expect(midstream.dtw([1, 2, 3], [1, 2, 2, 3])).toBe(0);
    expect(midstream.editDistance('kitten', 'sitting')).toBe(3);
  });

  it.each([
    ['midstream.min.mjs', '../src/analysis'],
    ['midstream.scheduler.min.mjs', '../src/scheduler/index'],
    ['midstream.all.min.mjs', '../src/index'],
  ])('minified ESM %s (for a CDN import): the exports of %s', async (file, entry) => {
    const source = await import(entry);
    const minified = await import(dist(file));
    expect(Object.keys(minified).sort()).toEqual(Object.keys(source).sort());
  });

  it('the minified analysis core works: init, then calls', async () => {
    const minified = await import(dist('midstream.min.mjs'));
    await minified.init();
    expect(minified.dtw([1, 2, 3], [1, 2, 2, 3])).toBe(0);
    expect(minified.findSimilar([0, 1, 2, 3], [1, 2], 0)).toEqual([{ index: 1, distance: 0 }]);
  });

  it('the minified scheduler works without wasm', async () => {
    const { Scheduler } = await import(dist('midstream.scheduler.min.mjs'));
    const scheduler = new Scheduler();
    expect(await scheduler.postTask(() => 42, { priority: 'background' })).toBe(42);
  });

  it('CJS: require works synchronously, without init', () => {
    const require = createRequire(import.meta.url);
    const midstream = require(dist('index.cjs'));
    expect(midstream.dtw([0, 0], [1, 1, 1])).toBe(3);
    expect(midstream.findSimilar([0, 1, 2, 3], [1, 2], 0)).toEqual([{ index: 1, distance: 0 }]);
  });
});
