// The regime rules: from the evidence about one view of the data (evidence.ts)
// to a verdict, and the verdict's reasons in words.
import { type Evidence } from './evidence';
import { FNN_ACCEPTED_FRACTION } from './false-neighbours';
import { type PeriodicComponent } from './periodicity';
import { type SurrogateTest } from './surrogates';

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
/** A cycle under noise: at least this share of the variance comes back every period... */
const PERIODIC_SHARE = 0.5;
/** ...and the last period checked keeps at least this share of the first one's (resonant noise fades). */
const PERIODIC_PERSISTENCE = 0.8;

function fillsSpace(e: Evidence): boolean {
  return e.spaceDimension >= 2 && e.d2 >= e.spaceDimension - SPACE_FILLING;
}

/** Prediction must beat the surrogates' mean error by this factor to show determinism. */
const SURROGATE_RATIO = 0.5;

function surrogateMean(t: SurrogateTest): number {
  return t.surrogateErrors.reduce((a, b) => a + b, 0) / t.surrogateErrors.length;
}

/** Nearest-neighbour prediction no better than half the surrogates' error: what linear noise could do. */
function predictsLikeLinearNoise(e: Evidence): boolean {
  return e.surrogates !== undefined && !(e.surrogates.error < SURROGATE_RATIO * surrogateMean(e.surrogates));
}

function lacksDeterminism(e: Evidence): boolean {
  return (e.falseNeighbours !== undefined && e.falseNeighbours.fraction >= FNN_ACCEPTED_FRACTION) || fillsSpace(e) || predictsLikeLinearNoise(e);
}

/** Most of the variance repeats with one period, undiminished over the periods checked. */
function isSustainedCycle(p: PeriodicComponent | undefined): boolean {
  return p !== undefined && p.share >= PERIODIC_SHARE && p.persistence >= PERIODIC_PERSISTENCE;
}

function hasNoisyCycle(e: Evidence): boolean {
  return isSustainedCycle(e.periodic);
}

/**
 * What the exponent says, by the rule the verdict uses: a change of the
 * separation by more than NEUTRAL_RATE per mean period is growth or decay;
 * anything within it is indistinguishable from zero.
 */
export type Separation = 'separate' | 'converge' | 'neutral' | 'unmeasured';

export function separationOf(e: Evidence): Separation {
  if (!Number.isFinite(e.ratePerPeriod)) return 'unmeasured';
  if (e.ratePerPeriod > NEUTRAL_RATE) return 'separate';
  if (e.ratePerPeriod < -NEUTRAL_RATE) return 'converge';
  return 'neutral';
}

/** The verdict on one view. */
export function regimeOf(e: Evidence): AttractorType {
  if (e.constant || e.settleRatio < SETTLED_SPREAD) return 'fixed-point';
  if (e.recursExactly) return 'limit-cycle';
  const separation = separationOf(e);
  // Neighbours converge: onto a point if the signal's spread shrinks, else onto a periodic orbit (a map's stable cycle).
  if (separation === 'converge') return e.settleRatio < SHRINKING_SPREAD ? 'fixed-point' : 'limit-cycle';
  // Noise hides a cycle's low dimension, not its period: a cycle that carries most
  // of the variance is a limit cycle, whatever the small scales look like. (With
  // determinism and separation it is chaos: the Rossler attractor keeps its period.)
  if (lacksDeterminism(e)) return hasNoisyCycle(e) ? 'limit-cycle' : 'stochastic';
  if (separation === 'unmeasured') return 'unknown';
  if (separation === 'separate') return 'chaotic';
  if (e.d2 <= 1 + CYCLE_DIMENSION_TOLERANCE || hasNoisyCycle(e)) return 'limit-cycle';
  return 'unknown';
}

/** One view's label and verdict; the first is the main view, whose evidence the reasons describe. */
export interface ViewVerdict {
  label: string;
  type: AttractorType;
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

/**
 * The exponent in words. Only a rate beyond the neutral band that the verdict
 * also reads as chaos is called exponential separation; a positive rate that the
 * verdict puts down to something else says what.
 */
function exponentReason(e: Evidence, mainType: AttractorType): string {
  const separation = separationOf(e);
  if (separation === 'unmeasured') return 'no Lyapunov exponent could be measured: no neighbouring states separate';
  const measured = `largest Lyapunov exponent ${fmt(e.exponent)} per unit time (${fmt(e.ratePerPeriod)} per mean period of ${fmt(e.period)} samples)`;
  if (separation === 'converge') return `${measured}: nearby states converge`;
  if (separation === 'neutral') {
    return `${measured}: indistinguishable from zero (within ±${NEUTRAL_RATE} per mean period), so nearby states neither separate nor converge exponentially`;
  }
  const but = (why: string) => `${measured}: nearby states drift apart, but ${why}, so this is not read as exponential separation`;
  switch (mainType) {
    case 'chaotic':
      return `${measured}: nearby states separate exponentially`;
    case 'stochastic':
      return but('the data show no low-dimensional determinism (below)');
    case 'fixed-point':
      return but('the signal settles (below)');
    case 'limit-cycle':
      return but(e.recursExactly ? 'the data repeats itself exactly (below)' : 'a cycle that carries most of the variance comes back every period (below)');
    default:
      return but(`the view says ${mainType}`);
  }
}

/** The autocorrelation's cycle in words, when it carries at least a third of the variance at first. */
function periodicReason(p: PeriodicComponent, mainType: AttractorType): string | undefined {
  const first = p.persistence > 0 ? p.share / p.persistence : 0;
  const percent = (x: number) => `${fmt(100 * x, 2)}%`;
  const cycle = `a cycle of ${fmt(p.period)} samples (autocorrelation)`;
  if (isSustainedCycle(p)) {
    const sustained = `${cycle} carries ${percent(p.share)} of the variance or more, undiminished over ${p.periods} periods`;
    return mainType === 'chaotic' ? `${sustained}, yet nearby states separate exponentially: chaos around a cycle` : sustained;
  }
  if (first < 1 / 3) return undefined;
  return `${cycle} carries ${percent(first)} of the variance over one period but ${percent(p.share)} over ${p.periods}: it fades, so it is no sustained cycle`;
}

/** The main view's evidence in words, and how the views voted for `type`. */
export function reasonsFor(type: AttractorType, e: Evidence, views: ViewVerdict[]): string[] {
  const reasons: string[] = [];
  const main = views[0];
  if (e.constant) reasons.push('the signal is constant');
  else {
    reasons.push(exponentReason(e, main.type));
    reasons.push(Number.isFinite(e.d2) ? `correlation dimension ${fmt(e.d2)}` : 'no scaling range for a correlation dimension');
  }
  if (e.recursExactly && !e.constant) reasons.push('the data repeats itself exactly: a periodic cycle through a finite set of states');
  else if (e.periodic && !e.constant) {
    const cycle = periodicReason(e.periodic, main.type);
    if (cycle) reasons.push(cycle);
  }
  if (e.settleRatio < SHRINKING_SPREAD) {
    reasons.push(`the spread of the last quarter is ${fmt(100 * e.settleRatio, 2)}% of the first quarter's` + (e.settleRatio < SETTLED_SPREAD ? ': the signal settles' : ''));
  }
  // A constant has no neighbours to tell apart: its false-neighbour fraction says nothing.
  // Under a noisy cycle the small scales are the noise's: say so rather than deny any determinism.
  const noisyCycle = main.type === 'limit-cycle' && hasNoisyCycle(e);
  if (e.falseNeighbours && !e.constant) {
    const { fraction, dimension, tried } = e.falseNeighbours;
    reasons.push(
      fraction >= FNN_ACCEPTED_FRACTION
        ? `false nearest neighbours stay at ${fmt(100 * fraction, 2)}% or more up to embedding dimension ${tried}: ${noisyCycle ? 'noise at small scales' : 'no low-dimensional determinism'}`
        : // Few false neighbours only mean determinism when the points do not also fill the space (next reason).
          `false nearest neighbours fall to ${fmt(100 * fraction, 2)}% at embedding dimension ${dimension}` + (fillsSpace(e) ? '' : ': deterministic'),
    );
  }
  if (e.surrogates && !e.constant) {
    const t = e.surrogates;
    const versus = `predicting ${t.horizon} step${t.horizon === 1 ? '' : 's'} ahead from the nearest neighbour errs by ${fmt(t.error, 2)} of the spread, against ${fmt(surrogateMean(t), 2)} for ${t.surrogateErrors.length} surrogates with the same spectrum and values`;
    reasons.push(`${versus}: ${predictsLikeLinearNoise(e) ? 'no better than linear noise with that spectrum' : 'deterministic, beyond what noise with that spectrum can do'}`);
  }
  if (fillsSpace(e)) {
    reasons.push(`the correlation dimension is close to the dimension ${e.spaceDimension} of the space: ${noisyCycle ? 'at small scales ' : ''}the points fill it like noise`);
  }
  if (main.type === 'unknown' && separationOf(e) === 'neutral') {
    reasons.push(
      Number.isFinite(e.d2)
        ? `no exponential separation, and a correlation dimension above ${1 + CYCLE_DIMENSION_TOLERANCE} is not a closed curve: neither chaos nor a cycle`
        : 'no exponential separation, and no correlation dimension to show a closed curve: neither chaos nor a cycle',
    );
  }
  const agreeing = views.filter((view) => view.type === type);
  const others = views.filter((view) => view.type !== type).map((view) => `${view.label} says ${view.type}`);
  reasons.push(`${agreeing.length} of ${views.length} views say ${type} (${agreeing.map((view) => view.label).join(', ')})` + (others.length ? `, while ${others.join(', ')}` : ''));
  if (main.type !== type) reasons.push(`the figures above are from ${main.label}, which on its own says ${main.type}, but the majority of views decides`);
  return reasons;
}
