// Prints the size budget figures: dist/midstream.wasm bytes (limit 100 KB,
// target 32 KB) and the gzip size of dist/midstream.min.js (what a <script>
// tag downloads). Run with `npm run size`; the build prints it too.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const WASM_LIMIT = 100 * 1024;
export const WASM_TARGET = 32 * 1024;

const root = new URL('../', import.meta.url);

/** Byte counts of the built files (throws when dist/ has not been built). */
export function measure() {
  const wasm = readFileSync(new URL('dist/midstream.wasm', root));
  const script = readFileSync(new URL('dist/midstream.min.js', root));
  const esm = readFileSync(new URL('dist/index.mjs', root));
  return {
    wasmBytes: wasm.length,
    wasmGzipBytes: gzipSync(wasm, { level: 9 }).length,
    scriptBytes: script.length,
    scriptGzipBytes: gzipSync(script, { level: 9 }).length,
    esmBytes: esm.length,
    esmGzipBytes: gzipSync(esm, { level: 9 }).length,
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export function sizeReport() {
  const s = measure();
  const verdict =
    s.wasmBytes >= WASM_LIMIT ? 'OVER the 100 KB limit' : s.wasmBytes >= WASM_TARGET ? 'under the 100 KB limit, over the 32 KB target' : 'under the 32 KB target';
  return [
    `dist/midstream.wasm     ${String(s.wasmBytes).padStart(7)} bytes (${kb(s.wasmBytes)}; ${verdict})`,
    `dist/midstream.min.js   ${String(s.scriptBytes).padStart(7)} bytes, ${s.scriptGzipBytes} gzipped (${kb(s.scriptGzipBytes)}; wasm inlined as base64)`,
    `dist/index.mjs          ${String(s.esmBytes).padStart(7)} bytes, ${s.esmGzipBytes} gzipped`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(sizeReport());
}
