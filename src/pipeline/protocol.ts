// What the pipeline and its analysis worker say to each other.
import type { AttractorType } from '../attractor/index';

/** Main thread -> worker: classify this window. */
export interface AnalysisRequest {
  id: number;
  series: Float64Array;
  dt: number;
}

/** The part of a classification the pipeline reports, or why there is none. */
export type AnalysisOutcome =
  | { kind: 'classified'; regime: AttractorType; confidence: number; lyapunovExponent: number }
  | { kind: 'insufficient'; message: string }
  | { kind: 'failed'; name: string; message: string };

/** Worker -> main thread. */
export type WorkerReply = { id: -1; ready: boolean; message?: string } | { id: number; outcome: AnalysisOutcome };
