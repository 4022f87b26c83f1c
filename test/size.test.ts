// The size budgets (scripts/size.mjs, which says why they are what they are):
// the wasm under 100 KB, the minified bundles and index.mjs within their gzip budgets.
import { expect, it } from 'vitest';
import { ESM_GZIP_LIMIT, measure, MINIFIED_GZIP_LIMIT, sizeReport, WASM_LIMIT } from '../scripts/size.mjs';

it('what users download stays within its budget', () => {
  const sizes = measure();
  console.log(sizeReport());
  expect(sizes.wasmBytes).toBeGreaterThan(0);
  expect(sizes.wasmBytes).toBeLessThan(WASM_LIMIT);
  // Each bundle inlines the wasm (base64, 4/3 of its size) plus the JS.
  expect(sizes.scriptBytes).toBeGreaterThan(sizes.wasmBytes);
  expect(sizes.scriptGzipBytes).toBeLessThanOrEqual(MINIFIED_GZIP_LIMIT);
  expect(sizes.minEsmGzipBytes).toBeLessThanOrEqual(MINIFIED_GZIP_LIMIT);
  expect(sizes.esmGzipBytes).toBeLessThanOrEqual(ESM_GZIP_LIMIT);
});
