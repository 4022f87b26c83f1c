// Midstream: streaming temporal analysis with a WebAssembly core.
// This file is the package's public surface: each part's index.ts says what the
// part offers to other parts, and this list says what users get.
export { init, initSync, isReady, ready } from './wasm';
export { dtw, dtwPath, lcs, editDistance, type DtwOptions, type DtwPathResult, type DtwCost, type TokenSequence } from './compare/index';
export * from './search/index';
export * from './comparator/index';
export * from './attractor/index';
export * from './scheduler/index';
export * from './pipeline/index';
export * from './logic/index';
export * from './meta/index';
export { InsufficientDataError } from './errors';
export type { NumericSeries } from './validate';
export * from './transport/index';
