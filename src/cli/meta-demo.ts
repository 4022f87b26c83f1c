// The `npm start` section of the strange loop: a threshold learned from
// simulated feedback, beside the best fixed threshold found in hindsight.
// Part of the CLI (it uses the pipeline and the loop through the package entry).
import { Midstream, StrangeLoop, StreamMatcher } from '../index';
import { gaussian, seededRandom } from '../random';

const bump = (t: number) => Math.sin(Math.PI * t) + 0.6 * Math.sin(3 * Math.PI * t);

/** Noise with a warped double bump planted `count` times and as many single-bump look-alikes. */
function demoStream(count: number): { values: Float64Array; spans: Array<[number, number]> } {
  const random = seededRandom(2024);
  const noise = gaussian(random);
  const values: number[] = [];
  const spans: Array<[number, number]> = [];
  for (let k = 0; k < 2 * count; k++) {
    for (let g = 40 + Math.floor(random() * 80); g > 0; g--) values.push(0.2 * noise());
    const length = 24 + Math.floor(random() * 21);
    const warp = 0.7 + 0.7 * random();
    const start = values.length;
    for (let i = 0; i < length; i++) {
      const t = (i / (length - 1)) ** warp;
      values.push((k % 2 === 0 ? bump(t) : 1.3 * Math.sin(Math.PI * t)) + 0.2 * noise());
    }
    if (k % 2 === 0) spans.push([start, values.length - 1]);
  }
  return { values: Float64Array.from(values), spans };
}

/** Marks matches right (overlapping an occurrence not yet found) or wrong, and finds the occurrences passed unfound. */
class Oracle {
  private readonly found: Uint8Array;
  private checked = 0;
  counts = { tp: 0, fp: 0, fn: 0 };
  constructor(private readonly spans: Array<[number, number]>) {
    this.found = new Uint8Array(spans.length);
  }
  correct(start: number, end: number): boolean {
    const k = this.spans.findIndex(([s, e], i) => !this.found[i] && Math.min(e, end) - Math.max(s, start) + 1 > 0.5 * Math.min(e - s + 1, end - start + 1));
    if (k < 0) return (this.counts.fp++, false);
    this.found[k] = 1;
    return (this.counts.tp++, true);
  }
  missedBy(position: number): number {
    let missed = 0;
    for (; this.checked < this.spans.length && this.spans[this.checked][1] + 96 < position; this.checked++) missed += 1 - this.found[this.checked];
    this.counts.fn += missed;
    return missed;
  }
  get f1(): number {
    const { tp, fp, fn } = this.counts;
    return tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
}

export function metaDemo(write: (line: string) => void): void {
  const { values, spans } = demoStream(300);
  const pattern = Float64Array.from({ length: 32 }, (_, i) => bump(i / 31));
  const firstGuess = 4;
  const loop = new StrangeLoop({ seed: 1, maxDepth: 0, safety: ['G (threshold <= 20)'] });
  const threshold = loop.parameter('threshold', { min: 1, max: 40, scale: 'log', initial: firstGuess });
  const ms = new Midstream({
    patterns: { bumps: { pattern, threshold: firstGuess } },
    learn: { loop, tune: { 'patterns.bumps.threshold': threshold }, reward: 'f1', labelsPerTrial: 5 },
  });
  write(`5. The strange loop: ${values.length} samples, ${spans.length} warped double bumps among as many single-bump look-alikes`);
  write(`   each match is marked right or wrong and each missed bump reported; the loop tunes the threshold (first guess ${firstGuess})`);
  const oracle = new Oracle(spans);
  let labels = 0;
  for (let i = 0; i < values.length && labels < 300; i++) {
    for (const event of ms.push(values[i])) {
      if (event.type !== 'match') continue;
      ms.feedback(event.id!, { correct: oracle.correct(event.start, event.end) });
      labels++;
    }
    const missed = oracle.missedBy(i);
    if (missed > 0) (ms.missed(missed), (labels += missed));
  }
  ms.close();
  const learned = (loop.knowledge(0).best as Record<string, number>).threshold;
  const f1Of = (t: number): number => {
    const matcher = new StreamMatcher(pattern, { threshold: t });
    const judge = new Oracle(spans);
    for (let i = 0; i < values.length; i++) for (const m of matcher.push(values[i])) judge.correct(m.start, m.end);
    for (const m of matcher.flush()) judge.correct(m.start, m.end);
    judge.missedBy(Infinity);
    return judge.f1;
  };
  let best = firstGuess;
  let bestF1 = -1;
  for (let k = 0; k < 16; k++) {
    const t = Math.exp((k / 15) * Math.log(40));
    const f1 = f1Of(t);
    if (f1 > bestF1) [best, bestF1] = [t, f1];
  }
  const s = loop.summary();
  write(`   after ${labels} labels: threshold ${learned.toFixed(2)}, F1 ${f1Of(learned).toFixed(3)} over the whole stream`);
  write(`   best fixed threshold in hindsight (16 tried): ${best.toFixed(2)}, F1 ${bestF1.toFixed(3)}; the first guess: F1 ${f1Of(firstGuess).toFixed(3)}`);
  write(`   ${s.trials} trials, ${s.changes} changes, ${s.vetoed} vetoed by the rule G (threshold <= 20)`);
}
