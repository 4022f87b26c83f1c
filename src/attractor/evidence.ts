// What one view of the data says: the invariants (Lyapunov exponent,
// correlation dimension), false nearest neighbours, whether the signal settles
// or repeats itself exactly.
import { withScratch } from '../memory';
import { correlationOfSpace } from './correlation-dimension';
import { dimensionFromFractions, falseNeighbourFractions, FNN_ACCEPTED_FRACTION, MAX_EMBEDDING_DIMENSION } from './false-neighbours';
import { lyapunovOfSpace } from './lyapunov';
import { sameStateDistance2 } from './neighbours';
import { periodicComponent, type PeriodicComponent } from './periodicity';
import { type SurrogateTest } from './surrogates';
import { type PhaseSpace } from './phase-space';
import { meanPeriod } from './spectrum';

export interface Evidence {
  constant: boolean;
  /** The data repeats itself exactly (to roundoff) with some period. */
  recursExactly: boolean;
  /** Largest exponent per mean period (dimensionless). */
  ratePerPeriod: number;
  exponent: number;
  d2: number;
  /** Dimension of the space the points live in (embedding or given). */
  spaceDimension: number;
  /** Spread of the last quarter relative to the first quarter. */
  settleRatio: number;
  /** Series: fewest false neighbours found and where. */
  falseNeighbours?: { fraction: number; dimension: number; tried: number };
  period: number;
  /** The autocorrelation's cycle, when the data hold enough periods to check it. */
  periodic?: PeriodicComponent;
  /** Series: nearest-neighbour prediction against linear surrogates. */
  surrogates?: SurrogateTest;
}

/** RMS distance from the final level (mean of the last quarter), last quarter over first quarter. */
function settleRatio(values: Float64Array, count: number, dimension: number): number {
  const quarter = Math.max(1, Math.floor(count / 4));
  const final = new Float64Array(dimension);
  for (let i = count - quarter; i < count; i++) for (let c = 0; c < dimension; c++) final[c] += values[i * dimension + c] / quarter;
  const spread = (from: number) => {
    let sum = 0;
    for (let i = from; i < from + quarter; i++) for (let c = 0; c < dimension; c++) sum += (values[i * dimension + c] - final[c]) ** 2;
    return Math.sqrt(sum / quarter);
  };
  const first = spread(0);
  return first > 0 ? spread(count - quarter) / first : 1;
}

/** Every point the same (each coordinate constant). */
function isConstant(values: Float64Array, dimension: number): boolean {
  for (let i = dimension; i < values.length; i++) if (values[i] !== values[i % dimension]) return false;
  return true;
}

/**
 * The smallest period p (in points, at most a third of them) with which the
 * data repeats itself to within roundoff, or 0 (kernel in
 * assembly/attractor/period-scan.ts). A sampled sine whose period is a whole
 * number of samples, or a map on a stable cycle, visits a finite set of
 * states: a limit cycle, though it has no correlation dimension to speak of.
 */
function exactPeriod(values: Float64Array, dimension: number): number {
  const count = Math.floor(values.length / dimension);
  const tolerance2 = sameStateDistance2(values, count, dimension);
  return withScratch((s) => s.kernels.exactPeriod(s.f64(values), count, dimension, tolerance2));
}

/** What the data say before any embedding: the same for every embedding of one series. */
export type SignalEvidence = Pick<Evidence, 'constant' | 'recursExactly' | 'settleRatio' | 'period' | 'periodic'>;

/** The signal's evidence: `values` are a series, or points of `valueDimension` coordinates. */
export function signalEvidence(values: Float64Array, valueDimension: number): SignalEvidence {
  const count = Math.floor(values.length / valueDimension);
  const constant = isConstant(values, valueDimension);
  return {
    constant,
    recursExactly: constant || exactPeriod(values, valueDimension) > 0,
    settleRatio: settleRatio(values, count, valueDimension),
    period: meanPeriod(values, valueDimension),
    periodic: periodicComponent(values, valueDimension),
  };
}

/** Gathers the evidence of one view: the invariants of `space`, with the evidence of the signal behind it. */
export function gatherEvidence(
  space: PhaseSpace, signal: SignalEvidence, dt: number, where: string,
  fnn?: Evidence['falseNeighbours'], surrogates?: SurrogateTest,
): Evidence {
  const base = { ...signal, falseNeighbours: fnn, surrogates, spaceDimension: space.dimension };
  if (signal.constant) return { ...base, ratePerPeriod: NaN, exponent: NaN, d2: 0 };
  const perSample = lyapunovOfSpace(space, { dt: 1 }, where).exponent;
  return {
    ...base,
    ratePerPeriod: perSample * (Number.isFinite(signal.period) ? signal.period : 1),
    exponent: perSample / dt,
    d2: correlationOfSpace(space, 2000, where).dimension,
  };
}

export function falseNeighbourEvidence(series: Float64Array, delay: number, theiler: number): Evidence['falseNeighbours'] {
  const fractions = falseNeighbourFractions(series, delay, MAX_EMBEDDING_DIMENSION, theiler, FNN_ACCEPTED_FRACTION);
  if (fractions.length === 0) return undefined;
  const dimension = dimensionFromFractions(fractions);
  return { fraction: fractions[dimension - 1], dimension, tried: fractions.length };
}
