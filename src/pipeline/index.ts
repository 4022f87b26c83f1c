// The pipeline: a live stream through matching and regime analysis (issue #11).
export { Midstream } from './midstream';
export type { MidstreamSource } from './source';
export type { LearnOptions, LabelCounts, RewardName } from './learn';
export type {
  MidstreamOptions,
  PatternSpec,
  RegimeSpec,
  Sample,
  MidstreamEvent,
  MatchEvent,
  RegimeEvent,
  VerdictEvent,
  SummaryEvent,
  MidstreamStats,
} from './types';
