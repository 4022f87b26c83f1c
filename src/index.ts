// Midstream: streaming temporal analysis with a WebAssembly core.
// This file is the package's public surface: each part's index.ts says what the
// part offers to other parts, and this list says what users get. The analysis
// core (src/analysis.ts) is also the small script-tag bundle's entry; the
// scheduler's index is the scheduler bundle's (rollup.config.mjs).
export * from './analysis';
export * from './scheduler/index';
export * from './pipeline/index';
export * from './logic/index';
export * from './meta/index';
export * from './transport/index';
