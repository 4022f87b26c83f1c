// The analysis core: the wasm module's loading, temporal comparison, subsequence
// search, the comparator's cache and the attractor studio. It is the entry of
// the small script-tag and CDN bundles (dist/midstream.min.js, .min.mjs), and
// src/index.ts re-exports it first, so this list is written once.
export { init, initSync, isReady, ready } from './wasm';
export { dtw, dtwPath, lcs, editDistance, type DtwOptions, type DtwPathResult, type DtwCost, type TokenSequence } from './compare/index';
export * from './search/index';
export * from './comparator/index';
export * from './attractor/index';
export { InsufficientDataError } from './errors';
export type { NumericSeries } from './validate';
