// src/index.ts as ESM (bundlers, Node) and CJS (require()), with the wasm bytes
// inlined, and one bundled .d.ts; the minified browser bundles below; the
// `midstream/node` entry; the CLI.
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { sizeReport } from './scripts/size.mjs';

const ts = () =>
  typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist', noEmitOnError: true });

// The browser bundles, each minified twice: an IIFE for a <script> tag (global
// `Midstream`, extended rather than replaced, so the scheduler bundle can sit
// beside the analysis one) and an ESM for `import` from a CDN. Each is
// self-contained; a page loads the one it needs (README, "Script tag").
const browserBundles = [
  // compare, search, comparator and attractor, with the wasm inlined: budget 40 KB gzipped
  { input: 'src/analysis.ts', file: 'midstream' },
  // the scheduler alone (no wasm)
  { input: 'src/scheduler/index.ts', file: 'midstream.scheduler' },
  // every part (pipeline, temporal logic, meta-learner, transport too)
  { input: 'src/index.ts', file: 'midstream.all' },
];

export default [
  {
    input: 'src/index.ts',
    output: [
      { file: 'dist/index.mjs', format: 'es' },
      { file: 'dist/index.cjs', format: 'cjs', exports: 'named' },
    ],
    plugins: [ts()],
  },
  ...browserBundles.map(({ input, file }) => ({
    input,
    output: [
      { file: `dist/${file}.min.mjs`, format: 'es', plugins: [terser({ ecma: 2020, module: true })] },
      { file: `dist/${file}.min.js`, format: 'iife', name: 'Midstream', extend: true, plugins: [terser({ ecma: 2020 })] },
    ],
    plugins: [ts()],
  })),
  {
    input: 'src/index.ts',
    output: { file: 'dist/index.d.ts', format: 'es' },
    plugins: [dts()],
  },
  // Types of the two smaller browser bundles (package.json "exports").
  {
    input: { analysis: 'src/analysis.ts', scheduler: 'src/scheduler/index.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: '[name]-[hash].d.ts' },
    plugins: [dts()],
  },
  // `midstream/node` (src/node.ts): the Node-only transport (ws, HTTP/2, serve).
  // Kept out of the bundles above so browsers never load node:* or ws; those
  // stay external here, and the library itself comes
  // from ./index.mjs / ./index.cjs, so its classes (StreamError, Scheduler, ...)
  // are the very objects the main entry exports.
  {
    input: 'src/node.ts',
    external: nodeEntryExternal,
    output: [
      { file: 'dist/node.mjs', format: 'es', paths: (id) => (isLibraryEntry(id) ? './index.mjs' : id) },
      { file: 'dist/node.cjs', format: 'cjs', exports: 'named', paths: (id) => (isLibraryEntry(id) ? './index.cjs' : id) },
    ],
    plugins: [ts()],
  },
  {
    input: 'src/node.ts',
    external: nodeEntryExternal,
    output: { file: 'dist/node.d.ts', format: 'es', paths: (id) => (isLibraryEntry(id) ? './index' : id) },
    plugins: [dts()],
  },
  // The `midstream` command (dist/cli.mjs, package.json "bin") and the sample
  // data generators it shares with the demo page (dist/samples.mjs). Both import
  // the library from ./index.mjs instead of bundling a second copy.
  {
    input: { cli: 'src/cli/main.ts', samples: 'src/samples/index.ts' },
    external: (id, importer) =>
      id.startsWith('node:') ||
      (importer !== undefined && (isLibraryEntry(resolve(importer, '..', id)) || isNodeEntry(resolve(importer, '..', id)))),
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].mjs',
      chunkFileNames: '[name]-[hash].mjs',
      banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
      paths: (id) => (isLibraryEntry(id) ? './index.mjs' : isNodeEntry(id) ? './node.mjs' : id),
    },
    plugins: [
      ts(),
      {
        name: 'cli-executable-and-size-report',
        writeBundle() {
          chmodSync('dist/cli.mjs', 0o755);
          console.log(sizeReport());
        },
      },
    ],
  },
];

function isLibraryEntry(path) {
  const entry = resolve('src/index');
  return path === entry || path === `${entry}.ts`;
}

function isNodeEntry(path) {
  const entry = resolve('src/node');
  return path === entry || path === `${entry}.ts`;
}

function nodeEntryExternal(id, importer) {
  return (
    id.startsWith('node:') ||
    id === 'ws' ||
    (importer !== undefined && isLibraryEntry(resolve(importer, '..', id)))
  );
}
