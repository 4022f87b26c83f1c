// Midstream: streaming temporal analysis with a WebAssembly core.
export { init, initSync, isReady, ready } from './wasm';
export * from './compare/index';
export * from './search/index';
export * from './attractor/index';
export * from './scheduler/index';
export type { NumericSeries } from './validate';
