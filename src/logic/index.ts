// Temporal logic over traces and streams: a formula language (parseFormula,
// formatFormula), exact checking of a finished trace (verify), and the
// TemporalSolver of the original API.
export type { Formula, Term, Bounds, Comparison, UnaryTemporalKind, BinaryTemporalKind, BooleanKind } from './ast';
export type { TraceState, MissingPolicy } from './state';
export { parseFormula } from './parse';
export { formatFormula } from './format';
export { FormulaSyntaxError } from './errors';
export { verify, type VerifyOptions, type VerifyResult, type Explanation } from './verify';
export { TemporalSolver, type TemporalSolverOptions, type SolverResult } from './solver';
export { monitor, Monitor, type Verdict, type MonitorOptions, type MonitorReport, type MonitorResult } from './monitor';
export { robustness, type Signal, type RobustnessOptions, type RobustnessResult } from './robustness';
