export { dtw, dtwPath, type DtwOptions, type DtwPathResult, type DtwCost } from './dtw';
export { lcs, editDistance, type TokenSequence } from './sequence';
export { findSimilar, detectPattern, type Match, type SimilarOptions } from './similar';
export { TemporalComparator, type ComparatorOptions, type CacheStats } from './comparator';
