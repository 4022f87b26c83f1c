// A stream for the applied check of the strange loop: noise with planted,
// time-warped occurrences of a pattern and look-alike distractors, the ground
// truth of where the occurrences are, and the labeller a user would be.
import { gaussian, seededRandom } from '../support/random';

export const PATTERN_LENGTH = 32;

/** The shape to find: a double bump. */
export function patternShape(): Float64Array {
  const m = PATTERN_LENGTH;
  return Float64Array.from({ length: m }, (_, i) => {
    const t = i / (m - 1);
    return Math.sin(Math.PI * t) + 0.6 * Math.sin(3 * Math.PI * t);
  });
}

/** The look-alike: the first bump alone, as tall. */
function distractorShape(t: number): number {
  return 1.3 * Math.sin(Math.PI * t);
}

export interface PlantedStream {
  values: Float64Array;
  /** Occurrences of the pattern: [start, end] inclusive, in order. */
  occurrences: Array<[number, number]>;
}

/** `count` occurrences and about as many distractors, warped in time (length 24..44, t^γ, γ in 0.7..1.4) and amplitude (±15%). */
export function plantedStream(seed: number, count: number): PlantedStream {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const values: number[] = [];
  const occurrences: Array<[number, number]> = [];
  const shape = (x: number) => Math.sin(Math.PI * x) + 0.6 * Math.sin(3 * Math.PI * x);
  const gap = () => {
    const n = 40 + Math.floor(random() * 80);
    for (let k = 0; k < n; k++) values.push(0.2 * normal());
  };
  let planted = 0;
  while (planted < count) {
    gap();
    const length = 24 + Math.floor(random() * 21);
    const warp = 0.7 + 0.7 * random();
    const amplitude = 0.85 + 0.3 * random();
    const real = random() < 0.5;
    const start = values.length;
    for (let k = 0; k < length; k++) {
      const t = (k / (length - 1)) ** warp;
      values.push(amplitude * (real ? shape(t) : distractorShape(t)) + 0.2 * normal());
    }
    if (real) {
      occurrences.push([start, values.length - 1]);
      planted++;
    }
  }
  gap();
  return { values: Float64Array.from(values), occurrences };
}

/**
 * Labels matches the way a user would: a match is correct when it overlaps an
 * occurrence not matched before; an occurrence is missed once the stream is
 * past its end by `slack` samples without a correct match.
 */
export class Labeller {
  private readonly hit: Uint8Array;
  private nextMissCheck = 0;
  tp = 0;
  fp = 0;
  fn = 0;

  constructor(
    private readonly occurrences: Array<[number, number]>,
    private readonly slack = 3 * PATTERN_LENGTH,
  ) {
    this.hit = new Uint8Array(occurrences.length);
  }

  /** Whether a match [start, end] is correct (and counts it). */
  label(start: number, end: number): boolean {
    for (let k = 0; k < this.occurrences.length; k++) {
      const [s, e] = this.occurrences[k];
      if (s > end) break;
      const overlap = Math.min(e, end) - Math.max(s, start) + 1;
      if (overlap > 0.5 * Math.min(e - s + 1, end - start + 1) && !this.hit[k]) {
        this.hit[k] = 1;
        this.tp++;
        return true;
      }
    }
    this.fp++;
    return false;
  }

  /** Occurrences newly missed once the stream has reached `position`. */
  missesUpTo(position: number): number {
    let missed = 0;
    while (this.nextMissCheck < this.occurrences.length && this.occurrences[this.nextMissCheck][1] + this.slack < position) {
      if (!this.hit[this.nextMissCheck]) missed++;
      this.nextMissCheck++;
    }
    this.fn += missed;
    return missed;
  }

  get f1(): number {
    return this.tp > 0 ? (2 * this.tp) / (2 * this.tp + this.fp + this.fn) : 0;
  }
}
