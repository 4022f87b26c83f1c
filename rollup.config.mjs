// Three bundles of src/index.ts, each with the wasm bytes inlined:
// ESM for bundlers and Node, CJS for require(), and a minified IIFE that a
// <script> tag can load from a CDN (global `Midstream`); plus one bundled .d.ts.
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

const ts = () =>
  typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist', noEmitOnError: true });

export default [
  {
    input: 'src/index.ts',
    output: [
      { file: 'dist/index.mjs', format: 'es' },
      { file: 'dist/index.cjs', format: 'cjs', exports: 'named' },
      {
        file: 'dist/midstream.min.js',
        format: 'iife',
        name: 'Midstream',
        plugins: [terser({ ecma: 2020 })],
      },
    ],
    plugins: [ts()],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/index.d.ts', format: 'es' },
    plugins: [dts()],
  },
];
