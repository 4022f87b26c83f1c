export { embed, type EmbedOptions, type Embedding } from './embedding';
export { estimateDelay } from './delay';
export { estimateDimension, falseNearestNeighbours, type FalseNeighbourOptions } from './false-neighbours';
export { lyapunovExponent, type LyapunovOptions, type LyapunovResult } from './lyapunov';
export { correlationDimension, type CorrelationDimensionOptions, type CorrelationDimensionResult } from './correlation-dimension';
export { classifyAttractor, type AttractorType, type AttractorClassification, type AttractorView, type ClassifyOptions } from './classify';
export { AttractorAnalyzer, type AttractorAnalyzerOptions } from './analyzer';
export type { AttractorInput, PhasePoints } from './input';
export type { EmbeddingOptions } from './phase-space';
