// The size budgets of what users download, and the figures the build prints.
// Run with `npm run size`; the build prints it too, and test/size.test.ts
// asserts every budget.
//
// - dist/midstream.wasm: limit 100 KB, target 32 KB.
// - The analysis core's browser bundles (compare, search, comparator, attractor;
//   wasm inlined as base64): 40 KB gzipped each, the budget #14.10 set for the
//   script tag as parts are added. Parts that are added get their own bundle or
//   go into the all-parts one, not into this one.
// - The scheduler's bundles (no wasm): 10 KB gzipped.
// - The all-parts bundles: 88 KB gzipped. One script with all eight parts does
//   not fit in 40 KB: of its minified JavaScript, temporal logic is the largest
//   part (about 53 KB before gzip), then the wasm's base64 (32 KB), the
//   pipeline's worker source (27 KB: it carries its own copy of the attractor
//   classifier), the attractor, pipeline, transport, scheduler and meta-learner
//   (20-26 KB each).
// - dist/index.mjs (what bundlers and Node import, unminified): 150 KB gzipped.
//   ESM users who import a few functions get only those ("sideEffects": false).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const WASM_LIMIT = 100 * 1024;
export const WASM_TARGET = 32 * 1024;

const KB = 1024;
/** Every bundle users download, what it is for, and its gzipped budget. */
export const BUNDLES = [
  { file: 'midstream.min.js', what: 'script tag: analysis core', gzipLimit: 40 * KB, inlinesWasm: true },
  { file: 'midstream.min.mjs', what: 'CDN import: analysis core', gzipLimit: 40 * KB, inlinesWasm: true },
  { file: 'midstream.scheduler.min.js', what: 'script tag: the scheduler', gzipLimit: 10 * KB, inlinesWasm: false },
  { file: 'midstream.scheduler.min.mjs', what: 'CDN import: the scheduler', gzipLimit: 10 * KB, inlinesWasm: false },
  { file: 'midstream.all.min.js', what: 'script tag: every part', gzipLimit: 88 * KB, inlinesWasm: true },
  { file: 'midstream.all.min.mjs', what: 'CDN import: every part', gzipLimit: 88 * KB, inlinesWasm: true },
  { file: 'index.mjs', what: 'bundlers and Node, unminified', gzipLimit: 150 * KB, inlinesWasm: true },
];

const root = new URL('../', import.meta.url);

function sizes(file) {
  const bytes = readFileSync(new URL(`dist/${file}`, root));
  // "AGFzbQ" is the base64 of the wasm magic number, "\0asm".
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, hasWasm: bytes.includes('AGFzbQ') };
}

/** Byte counts of the built files (throws when dist/ has not been built). */
export function measure() {
  const wasm = sizes('midstream.wasm');
  return {
    wasmBytes: wasm.bytes,
    wasmGzipBytes: wasm.gzipBytes,
    bundles: BUNDLES.map((bundle) => ({ ...bundle, ...sizes(bundle.file) })),
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (file, bytes, rest) => `dist/${file}`.padEnd(34) + `${String(bytes).padStart(7)} bytes${rest}`;

export function sizeReport() {
  const s = measure();
  const verdict =
    s.wasmBytes >= WASM_LIMIT ? 'OVER the 100 KB limit' : s.wasmBytes >= WASM_TARGET ? 'under the 100 KB limit, over the 32 KB target' : 'under the 32 KB target';
  return [
    row('midstream.wasm', s.wasmBytes, ` (${kb(s.wasmBytes)}; ${verdict})`),
    ...s.bundles.map((b) =>
      row(b.file, b.bytes, `, ${String(b.gzipBytes).padStart(6)} gzipped (${kb(b.gzipBytes)}; budget ${kb(b.gzipLimit)}${b.gzipBytes > b.gzipLimit ? ', OVER' : ''}) ${b.what}`),
    ),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(sizeReport());
}
