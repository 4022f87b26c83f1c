// The one wasm module. Kernels take pointers into linear memory that the
// TypeScript side (src/memory.ts) owns above __heap_base; no kernel allocates.
export { heapBase } from './memory';
export { dtwDistance, dtwCostMatrix, dtwBacktrack } from './dtw';
export { lcsLength } from './lcs';
export { levenshtein } from './edit';
export { envelope, ucrScan, searchStats } from './search';
export { delayEmbed, kdBuild, kdNearestOutsideWindow, rosensteinDivergence, correlationHistogram } from './attractor/index';
export { windowExtreme, untilUnbounded, untilBounded, reverseF64 } from './logic/robustness';
