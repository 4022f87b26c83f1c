// A stream for the applied check of the strange loop: noise with planted,
// time-warped occurrences of a pattern and look-alike distractors, the ground
// truth of where the occurrences are, and the labeller a user would be.
import { gaussian, seededRandom } from '../support/random';
import { Midstream, StrangeLoop, StreamMatcher } from '../../src/index';

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

/** F1 of a fixed threshold over the whole stream. */
export function fixedF1(stream: PlantedStream, threshold: number): number {
  const pattern = patternShape();
  const matcher = new StreamMatcher(pattern, { threshold });
  const labeller = new Labeller(stream.occurrences);
  for (let i = 0; i < stream.values.length; i++) for (const m of matcher.push(stream.values[i])) labeller.label(m.start, m.end);
  for (const m of matcher.flush()) labeller.label(m.start, m.end);
  labeller.missesUpTo(Infinity);
  return labeller.f1;
}

/** Streams through a learning pipeline, labelling every match and miss, until `budget` labels; returns the learned threshold. */
export function learnThreshold(stream: PlantedStream, seed: number, budget: number): number {
  const pattern = patternShape();
  const loop = new StrangeLoop({ seed, maxDepth: 0 });
  const threshold = loop.parameter('threshold', { min: 1, max: 40, scale: 'log', initial: DEFAULT });
  const ms = new Midstream({
    patterns: { shape: { pattern, threshold: DEFAULT } },
    learn: { loop, tune: { 'patterns.shape.threshold': threshold }, reward: 'f1', labelsPerTrial: 5 },
  });
  const labeller = new Labeller(stream.occurrences);
  let labels = 0;
  for (let i = 0; i < stream.values.length && labels < budget; i++) {
    for (const e of ms.push(stream.values[i])) {
      if (e.type !== 'match') continue;
      ms.feedback(e.id!, { correct: labeller.label(e.start, e.end) });
      labels++;
    }
    const missed = labeller.missesUpTo(i);
    if (missed > 0) {
      ms.missed(missed);
      labels += missed;
    }
  }
  return (loop.knowledge(0).best as Record<string, number>).threshold;
}

/** The threshold a user starts from: the pattern's typical noise-free distance would be 0; 4 is a first guess. */
export const DEFAULT = 4;
export const GRID = Array.from({ length: 16 }, (_, k) => Math.exp((k / 15) * Math.log(40)));

