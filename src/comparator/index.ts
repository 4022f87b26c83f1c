export { TemporalComparator, type ComparatorOptions, type CacheStats } from './comparator';
