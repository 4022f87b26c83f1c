// The size budgets (scripts/size.mjs, which says why they are what they are):
// the wasm under 100 KB, and every bundle users download within its gzip budget.
import { describe, expect, it } from 'vitest';
import { measure, sizeReport, WASM_LIMIT } from '../scripts/size.mjs';

const sizes = measure();
console.log(sizeReport());

it('the wasm module stays under its limit', () => {
  expect(sizes.wasmBytes).toBeGreaterThan(0);
  expect(sizes.wasmBytes).toBeLessThan(WASM_LIMIT);
});

describe.each(sizes.bundles)('dist/$file ($what)', (bundle) => {
  it(`stays within ${bundle.gzipLimit / 1024} KB gzipped`, () => {
    expect(bundle.gzipBytes).toBeLessThanOrEqual(bundle.gzipLimit);
  });
  it(bundle.inlinesWasm ? 'carries the wasm inline (base64)' : 'carries no wasm', () => {
    expect(bundle.hasWasm).toBe(bundle.inlinesWasm);
  });
});
