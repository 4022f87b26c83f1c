// The size budget: dist/midstream.wasm under 100 KB (target 32 KB); the gzip
// size of dist/midstream.min.js, what a <script> tag downloads, is reported.
import { expect, it } from 'vitest';
import { measure, sizeReport, WASM_LIMIT } from '../scripts/size.mjs';

it('dist/midstream.wasm is under 100 KB; sizes reported', () => {
  const sizes = measure();
  console.log(sizeReport());
  expect(sizes.wasmBytes).toBeGreaterThan(0);
  expect(sizes.wasmBytes).toBeLessThan(WASM_LIMIT);
  // The script bundle inlines the wasm (base64, 4/3 of its size) plus the JS.
  expect(sizes.scriptBytes).toBeGreaterThan(sizes.wasmBytes);
  expect(sizes.scriptGzipBytes).toBeLessThan(sizes.scriptBytes);
});
