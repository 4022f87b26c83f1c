export { dtw, dtwPath, type DtwOptions, type DtwPathResult, type DtwCost } from './dtw';
export { lcs, editDistance, type TokenSequence } from './sequence';
export { TemporalComparator, type ComparatorOptions, type CacheStats } from './comparator';
