// Regime classification from the invariants: does a signal settle, cycle, or
// behave chaotically, or is it noise? Confidence is the share of independent
// views (other embedding dimensions, each half of the data) that reach the
// same verdict as the majority.
import { checkNumber, checkOptions } from '../validate';
import { correlationOfSpace } from './correlation-dimension';
import { defaultTheiler, estimateDelay, falseNeighbourFractions, MAX_EMBEDDING_DIMENSION, dimensionFromFractions } from './embedding';
import { isPhasePoints, optionalInteger, toPointCloud, toScalarSeries, type AttractorInput, type PointCloud } from './input';
import { lyapunovOfSpace } from './lyapunov';
import { type EmbeddingOptions, type PhaseSpace } from './phase-space';
import { sameStateDistance2 } from './neighbours';
import { meanPeriod } from './spectrum';

export type AttractorType = 'fixed-point' | 'limit-cycle' | 'chaotic' | 'stochastic' | 'unknown';

export interface ClassifyOptions extends EmbeddingOptions {
  /** Sampling interval, for reporting the exponent per unit of time. Default 1. */
  dt?: number;
}

/** One analysis of the data (an embedding dimension, or a part of the series). */
export interface AttractorView {
  label: string;
  type: AttractorType;
  /** Largest Lyapunov exponent per unit of time. */
  lyapunovExponent: number;
  correlationDimension: number;
}

export interface AttractorClassification {
  type: AttractorType;
  /** Largest Lyapunov exponent per unit of time (from the main view: the whole data at the chosen dimension). */
  lyapunovExponent: number;
  /** Correlation dimension D2 (main view). */
  correlationDimension: number;
  /** Share of the views that agree with `type`, in (0, 1]. */
  confidence: number;
  /** The evidence, in words. */
  reasons: string[];
  /** Embedding dimension (the points' dimension when points were given). */
  dimension: number;
  /** Embedding delay in samples; 0 for points given in phase space. */
  delay: number;
  theiler: number;
  /** Mean period of the signal in samples (reciprocal mean frequency of the spectrum). */
  meanPeriod: number;
  views: AttractorView[];
}

/** Separation must change by more than this factor-minus-one per mean period to count as growth or decay. */
const NEUTRAL_RATE = 0.1;
/** A signal whose spread in its last quarter is under this share of its first quarter's has settled. */
const SETTLED_SPREAD = 0.1;
/** Converging neighbours with the spread shrinking below this share: a fixed point; otherwise a periodic orbit. */
const SHRINKING_SPREAD = 0.5;
/** Deterministic data has under 1% false neighbours at some dimension; noise never gets there. */
const DETERMINISTIC_FNN = 0.01;
/** A correlation dimension within this of the space's dimension: the points fill the space. */
const SPACE_FILLING = 0.5;
/** Limit cycle: correlation dimension at most 1 plus this (a closed curve, or a finite cycle of a map). */
const CYCLE_DIMENSION_TOLERANCE = 0.3;

interface Evidence {
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
}

function fillsSpace(e: Evidence): boolean {
  return e.spaceDimension >= 2 && e.d2 >= e.spaceDimension - SPACE_FILLING;
}

function lacksDeterminism(e: Evidence): boolean {
  return (e.falseNeighbours !== undefined && e.falseNeighbours.fraction >= DETERMINISTIC_FNN) || fillsSpace(e);
}

function decide(e: Evidence): AttractorType {
  if (e.constant || e.settleRatio < SETTLED_SPREAD) return 'fixed-point';
  if (e.recursExactly) return 'limit-cycle';
  // Neighbours converge: onto a point if the signal's spread shrinks, else onto a periodic orbit (a map's stable cycle).
  if (e.ratePerPeriod < -NEUTRAL_RATE) return e.settleRatio < SHRINKING_SPREAD ? 'fixed-point' : 'limit-cycle';
  if (lacksDeterminism(e)) return 'stochastic';
  if (!Number.isFinite(e.ratePerPeriod)) return 'unknown';
  if (e.ratePerPeriod > NEUTRAL_RATE) return 'chaotic';
  if (e.d2 <= 1 + CYCLE_DIMENSION_TOLERANCE) return 'limit-cycle';
  return 'unknown';
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

function isConstant(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/**
 * The smallest period p (in points, at most a third of them) with which the
 * data repeats itself to within roundoff, or 0. A sampled sine whose period is
 * a whole number of samples, or a map on a stable cycle, visits a finite set of
 * states: a limit cycle, though it has no correlation dimension to speak of.
 */
function exactPeriod(values: Float64Array, dimension: number): number {
  const count = Math.floor(values.length / dimension);
  const tolerance2 = sameStateDistance2(values, count, dimension);
  for (let p = 1; p <= count / 3; p++) {
    let repeats = true;
    for (let i = 0; i + p < count && repeats; i++) {
      let d2 = 0;
      for (let c = 0; c < dimension; c++) d2 += (values[(i + p) * dimension + c] - values[i * dimension + c]) ** 2;
      repeats = d2 <= tolerance2;
    }
    if (repeats) return p;
  }
  return 0;
}

function analyseView(space: PhaseSpace, values: Float64Array, valueDimension: number, dt: number, where: string, fnn?: Evidence['falseNeighbours']): Evidence {
  const period = meanPeriod(values, valueDimension);
  const count = Math.floor(values.length / valueDimension);
  const base = { settleRatio: settleRatio(values, count, valueDimension), falseNeighbours: fnn, period, spaceDimension: space.dimension };
  if (isConstant(values)) return { ...base, constant: true, recursExactly: true, ratePerPeriod: NaN, exponent: NaN, d2: 0 };
  const perSample = lyapunovOfSpace(space, { dt: 1 }, where).exponent;
  return {
    ...base,
    constant: false,
    recursExactly: exactPeriod(values, valueDimension) > 0,
    ratePerPeriod: perSample * (Number.isFinite(period) ? period : 1),
    exponent: perSample / dt,
    d2: correlationOfSpace(space, 2000, where).dimension,
  };
}

function seriesSpace(series: Float64Array, dimension: number, delay: number, theiler: number): PhaseSpace {
  return { series, dimension, delay, theiler, count: series.length - (dimension - 1) * delay };
}

function cloudSpace(cloud: PointCloud, from: number, to: number, theiler: number): PhaseSpace {
  const values = cloud.values.subarray(from * cloud.dimension, to * cloud.dimension);
  return { cloud: { values, count: to - from, dimension: cloud.dimension }, dimension: cloud.dimension, delay: 0, theiler, count: to - from };
}

function falseNeighbourEvidence(series: Float64Array, delay: number, theiler: number): Evidence['falseNeighbours'] {
  const fractions = falseNeighbourFractions(series, delay, MAX_EMBEDDING_DIMENSION, theiler, DETERMINISTIC_FNN);
  if (fractions.length === 0) return undefined;
  const dimension = dimensionFromFractions(fractions);
  return { fraction: fractions[dimension - 1], dimension, tried: fractions.length };
}

interface PlannedView {
  label: string;
  space: PhaseSpace;
  values: Float64Array;
  valueDimension: number;
  fnn?: Evidence['falseNeighbours'];
}

/** Checked data to classify: a scalar series, or points in phase space. */
export type ClassifiableData = { series: Float64Array; cloud?: undefined } | { cloud: PointCloud; series?: undefined };

/**
 * Classifies the attractor behind a series (delay-embedded) or points in
 * phase space as a fixed point, a limit cycle, chaos, or noise ('stochastic'),
 * from the largest Lyapunov exponent, the correlation dimension, false nearest
 * neighbours and whether the signal settles.
 */
export function classifyAttractor(input: AttractorInput, options?: ClassifyOptions): AttractorClassification {
  const where = 'classifyAttractor';
  const data: ClassifiableData = isPhasePoints(input) ? { cloud: toPointCloud(input, where) } : { series: toScalarSeries(input, where) };
  return classifyData(data, options, where);
}

export function classifyData(data: ClassifiableData, options: ClassifyOptions | undefined, where: string): AttractorClassification {
  const o = checkOptions(options, where);
  const dt = o.dt === undefined ? 1 : checkNumber(o.dt, 'options.dt', where);
  if (!(dt > 0)) throw new RangeError(`${where}: options.dt must be > 0, got ${dt}`);
  const views = data.cloud ? planCloudViews(data.cloud, o, where) : planSeriesViews(data.series, o, where);
  const results: Array<{ view: PlannedView; evidence: Evidence; type: AttractorType }> = [];
  for (const view of views) {
    let evidence: Evidence;
    try {
      evidence = analyseView(view.space, view.values, view.valueDimension, dt, where, view.fnn);
    } catch (error) {
      // The main view's "too short" error is the caller's; a half that is too short just does not vote.
      if (results.length === 0 || !(error instanceof RangeError)) throw error;
      continue;
    }
    results.push({ view, evidence, type: decide(evidence) });
  }
  const main = results[0];
  const votes = new Map<AttractorType, number>();
  for (const r of results) votes.set(r.type, (votes.get(r.type) ?? 0) + 1);
  let type = main.type;
  for (const [candidate, count] of votes) if (count > votes.get(type)!) type = candidate;
  const agreeing = votes.get(type)!;
  return {
    type,
    lyapunovExponent: main.evidence.exponent,
    correlationDimension: main.evidence.d2,
    confidence: agreeing / results.length,
    reasons: explain(type, main.evidence, agreeing, results.map((r) => r.view.label)),
    dimension: main.view.space.dimension,
    delay: main.view.space.delay,
    theiler: main.view.space.theiler,
    meanPeriod: main.evidence.period,
    views: results.map((r) => ({
      label: r.view.label,
      type: r.type,
      lyapunovExponent: r.evidence.exponent,
      correlationDimension: r.evidence.d2,
    })),
  };
}

/** Points: all of them first, then each half and the middle half. */
function planCloudViews(cloud: PointCloud, o: Partial<EmbeddingOptions>, where: string): PlannedView[] {
  if (o.delay !== undefined) throw new RangeError(`${where}: options.delay applies to a series; points are already in phase space`);
  if (o.dimension !== undefined && o.dimension !== cloud.dimension) {
    throw new RangeError(`${where}: options.dimension is ${o.dimension} but the points have dimension ${cloud.dimension}`);
  }
  const theiler = optionalInteger(o.theiler, 'options.theiler', where, 0) ?? defaultTheiler(cloud.values, cloud.dimension);
  const n = cloud.count;
  const half = Math.floor(n / 2);
  const quarter = Math.floor(n / 4);
  const view = (label: string, from: number, to: number): PlannedView => {
    const space = cloudSpace(cloud, from, to, theiler);
    return { label, space, values: space.cloud!.values, valueDimension: cloud.dimension };
  };
  return [view('all points', 0, n), view('first half', 0, half), view('second half', half, n), view('middle half', quarter, quarter + half)];
}

/** Series: the chosen embedding first, then one and two dimensions more, then each half at the chosen dimension. */
function planSeriesViews(series: Float64Array, o: Partial<EmbeddingOptions>, where: string): PlannedView[] {
  const theiler = optionalInteger(o.theiler, 'options.theiler', where, 0) ?? defaultTheiler(series);
  const delay = optionalInteger(o.delay, 'options.delay', where, 1) ?? estimateDelay(series);
  const givenDimension = optionalInteger(o.dimension, 'options.dimension', where, 1);
  const fnn = falseNeighbourEvidence(series, delay, theiler);
  const dimension = givenDimension ?? fnn?.dimension ?? 1;
  const views: PlannedView[] = [0, 1, 2].map((extra) => ({
    label: `embedding dimension ${dimension + extra}`,
    space: seriesSpace(series, dimension + extra, delay, theiler),
    values: series,
    valueDimension: 1,
    fnn,
  }));
  const half = Math.floor(series.length / 2);
  for (const [label, part] of [['first half', series.subarray(0, half)], ['second half', series.subarray(half)]] as const) {
    views.push({ label, space: seriesSpace(part, dimension, delay, theiler), values: part, valueDimension: 1, fnn: falseNeighbourEvidence(part, delay, theiler) });
  }
  return views;
}

function explain(type: AttractorType, e: Evidence, agreeing: number, labels: string[]): string[] {
  const reasons: string[] = [];
  const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));
  if (e.constant) reasons.push('the signal is constant');
  else {
    reasons.push(
      `largest Lyapunov exponent ${fmt(e.exponent)} per unit time (${fmt(e.ratePerPeriod)} per mean period of ${fmt(e.period)} samples): ` +
        (e.ratePerPeriod > NEUTRAL_RATE ? 'nearby states separate exponentially'
          : e.ratePerPeriod < -NEUTRAL_RATE ? 'nearby states converge'
            : 'nearby states neither separate nor converge'),
    );
    reasons.push(Number.isFinite(e.d2) ? `correlation dimension ${fmt(e.d2)}` : 'no scaling range for a correlation dimension');
  }
  if (e.recursExactly && !e.constant) reasons.push('the data repeats itself exactly: a periodic cycle through a finite set of states');
  if (e.settleRatio < SHRINKING_SPREAD) {
    reasons.push(`the spread of the last quarter is ${fmt(100 * e.settleRatio, 2)}% of the first quarter's` + (e.settleRatio < SETTLED_SPREAD ? ': the signal settles' : ''));
  }
  if (e.falseNeighbours) {
    const { fraction, dimension, tried } = e.falseNeighbours;
    reasons.push(
      fraction < DETERMINISTIC_FNN
        ? `false nearest neighbours fall to ${fmt(100 * fraction, 2)}% at embedding dimension ${dimension}: deterministic`
        : `false nearest neighbours stay at ${fmt(100 * fraction, 2)}% or more up to embedding dimension ${tried}: no low-dimensional determinism`,
    );
  }
  if (fillsSpace(e)) reasons.push(`the correlation dimension is close to the dimension ${e.spaceDimension} of the space: the points fill it like noise`);
  reasons.push(`${agreeing} of ${labels.length} views (${labels.join(', ')}) say ${type}`);
  return reasons;
}
