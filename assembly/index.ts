// The one wasm module. Kernels take pointers into linear memory that the
// TypeScript side (src/memory.ts) owns above __heap_base; no kernel allocates.
export { heapBase } from './memory';
export { dtwDistance, dtwCostMatrix, dtwBacktrack } from './dtw';
export { lcsLength } from './lcs';
export { levenshtein } from './edit';
export { envelope, ucrScan, scanParamsBytes, zNormalize } from './search';
export {
  correlationSubBits,
  delayEmbed, kdTreeBytes, kdNearestOutsideWindow, rosensteinDivergence, correlationHistogram,
  addHannPeriodogram, autocorrelationByFFT, populationVariance, sortIndicesByKey, splitBins, mutualInformation,
  amplitudeAdjustedSurrogate, surrogateSpectrum, exactPeriod, naturalLogs,
} from './attractor/index';
export { windowExtreme, untilUnbounded, untilBounded, reverseF64 } from './logic/robustness';
