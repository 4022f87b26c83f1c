export { findSimilar, detectPattern, type SearchResult } from './find-similar';
export { distinctMatches } from './distinct';
export { residentSeries, ResidentSeries } from './resident';
export { StreamMatcher, type StreamMatch, type StreamMatcherOptions } from './stream-matcher';
export type { SearchOptions } from './options';
export type { SearchStats } from './scan';
export type { Match } from './selection';
export { findSimilarParallel, searchShareInWorker } from './parallel';
