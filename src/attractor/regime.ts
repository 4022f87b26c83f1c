// The regime rules: from the evidence about one view of the data (evidence.ts)
// to a verdict, and the verdict's reasons in words.
import { type Evidence } from './evidence';
import { FNN_ACCEPTED_FRACTION } from './false-neighbours';

export type AttractorType = 'fixed-point' | 'limit-cycle' | 'chaotic' | 'stochastic' | 'unknown';

/** Separation must change by more than this factor-minus-one per mean period to count as growth or decay. */
const NEUTRAL_RATE = 0.1;
/** A signal whose spread in its last quarter is under this share of its first quarter's has settled. */
const SETTLED_SPREAD = 0.1;
/** Converging neighbours with the spread shrinking below this share: a fixed point; otherwise a periodic orbit. */
const SHRINKING_SPREAD = 0.5;
/** A correlation dimension within this of the space's dimension: the points fill the space. */
const SPACE_FILLING = 0.5;
/** Limit cycle: correlation dimension at most 1 plus this (a closed curve, or a finite cycle of a map). */
const CYCLE_DIMENSION_TOLERANCE = 0.3;

function fillsSpace(e: Evidence): boolean {
  return e.spaceDimension >= 2 && e.d2 >= e.spaceDimension - SPACE_FILLING;
}

function lacksDeterminism(e: Evidence): boolean {
  return (e.falseNeighbours !== undefined && e.falseNeighbours.fraction >= FNN_ACCEPTED_FRACTION) || fillsSpace(e);
}

/** The verdict on one view. */
export function regimeOf(e: Evidence): AttractorType {
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

/** The main view's evidence in words, and how many views agree. */
export function reasonsFor(type: AttractorType, e: Evidence, agreeing: number, labels: string[]): string[] {
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
      fraction < FNN_ACCEPTED_FRACTION
        ? `false nearest neighbours fall to ${fmt(100 * fraction, 2)}% at embedding dimension ${dimension}: deterministic`
        : `false nearest neighbours stay at ${fmt(100 * fraction, 2)}% or more up to embedding dimension ${tried}: no low-dimensional determinism`,
    );
  }
  if (fillsSpace(e)) reasons.push(`the correlation dimension is close to the dimension ${e.spaceDimension} of the space: the points fill it like noise`);
  reasons.push(`${agreeing} of ${labels.length} views (${labels.join(', ')}) say ${type}`);
  return reasons;
}
