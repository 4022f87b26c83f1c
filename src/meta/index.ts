// The strange loop: a self-tuning loop over Midstream's parameters (issue #12).
export { StrangeLoop, type StrangeLoopOptions, type Trial, type Outcome, type Knowledge, type Estimate, type LoopSummary, type LoopEvent } from './strange-loop';
export type { Parameter, ParameterSpec, ContinuousParameterSpec, DiscreteParameterSpec, ParameterValue } from './space';
export type { Algorithm, Level0Config } from './bandit';
export { MaxDepthExceededError } from './errors';
