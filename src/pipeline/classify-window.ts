// One regime analysis, the same code in the thread and in the worker.
import { classifyAttractor } from '../attractor/index';
import { InsufficientDataError } from '../errors';
import type { AnalysisOutcome } from './protocol';

export function classifyWindow(series: Float64Array, dt: number): AnalysisOutcome {
  try {
    const c = classifyAttractor(series, { dt });
    return { kind: 'classified', regime: c.type, confidence: c.confidence, lyapunovExponent: c.lyapunovExponent };
  } catch (error) {
    if (error instanceof InsufficientDataError) return { kind: 'insufficient', message: error.message };
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: 'failed', name: e.name, message: e.message };
  }
}
