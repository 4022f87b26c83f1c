// The built bundles, as users load them: import from dist/index.mjs, require dist/index.cjs.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

describe('dist entry points', () => {
  it('have been built (npm run build)', () => {
    for (const file of ['index.mjs', 'midstream.min.mjs', 'index.cjs', 'midstream.min.js', 'index.d.ts', 'midstream.wasm']) {
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

  it('minified ESM (for a CDN import): the same exports as index.mjs, working', async () => {
    const full = await import(dist('index.mjs'));
    const minified = await import(dist('midstream.min.mjs'));
    expect(Object.keys(minified).sort()).toEqual(Object.keys(full).sort());
    await minified.init();
    expect(minified.dtw([1, 2, 3], [1, 2, 2, 3])).toBe(0);
  });

  it('CJS: require works synchronously, without init', () => {
    const require = createRequire(import.meta.url);
    const midstream = require(dist('index.cjs'));
    expect(midstream.dtw([0, 0], [1, 1, 1])).toBe(3);
    expect(midstream.findSimilar([0, 1, 2, 3], [1, 2], 0)).toEqual([{ index: 1, distance: 0 }]);
  });
});
