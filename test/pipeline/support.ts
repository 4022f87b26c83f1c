// Shared by the pipeline tests: a signal whose regime changes, the same
// analysis done by hand with the parts called directly (the reference), and
// helpers to collect and order events.
import { readdirSync } from 'node:fs';
import { classifyAttractor, InsufficientDataError, StreamMatcher, type MidstreamEvent } from '../../src/index';
import { monitor } from '../../src/logic/index';
import { gaussian, seededRandom } from '../support/random';

/** A noisy cycle (period 40) with a bump planted in it every 331 samples, then white noise: two regimes. */
export function twoRegimeSignal(seed: number, cycle = 1200, noise = 1200): { series: Float64Array; pattern: Float64Array } {
  const normal = gaussian(seededRandom(seed));
  const pattern = Float64Array.from({ length: 24 }, (_, i) => 3 * Math.exp(-((i - 12) ** 2) / 18));
  const series = new Float64Array(cycle + noise);
  for (let t = 0; t < cycle; t++) series[t] = Math.sin((2 * Math.PI * t) / 40) + 0.05 * normal();
  for (let at = 150; at + pattern.length < cycle; at += 331) for (let i = 0; i < pattern.length; i++) series[at + i] = pattern[i] + 0.05 * normal();
  for (let t = cycle; t < series.length; t++) series[t] = normal();
  return { series, pattern };
}

export interface HandSpec {
  pattern?: { name: string; pattern: Float64Array; threshold: number; window?: number };
  regime?: { window: number; every: number; dt?: number };
  rules?: Record<string, string>;
}

/**
 * The reference: each part called directly in a plain loop over the samples,
 * as a user would without the pipeline. Returns the events the pipeline should
 * give (summary left out), in the order of their steps.
 */
export function byHand(series: ArrayLike<number>, spec: HandSpec): MidstreamEvent[] {
  const events: MidstreamEvent[] = [];
  const matcher = spec.pattern && new StreamMatcher(spec.pattern.pattern, { threshold: spec.pattern.threshold, window: spec.pattern.window });
  const monitors = Object.entries(spec.rules ?? {}).map(([name, text]) => ({ name, m: monitor(text), done: false }));
  let regime: string | null = null;
  for (let t = 0; t < series.length; t++) {
    let matchedNow = false;
    if (matcher) {
      for (const m of matcher.push(series[t])) {
        events.push({ type: 'match', step: t, pattern: spec.pattern!.name, start: m.start, end: m.end, distance: m.distance });
        matchedNow = true;
      }
    }
    if (spec.regime && (t + 1) % spec.regime.every === 0 && t + 1 >= spec.regime.window) {
      const from = t + 1 - spec.regime.window;
      try {
        const c = classifyAttractor(Array.from(series).slice(from, t + 1), { dt: spec.regime.dt ?? 1 });
        if (c.type !== regime) {
          events.push({ type: 'regime', step: t, regime: c.type, previous: regime as never, confidence: c.confidence, lyapunovExponent: c.lyapunovExponent, window: [from, t] });
          regime = c.type;
        }
      } catch (error) {
        if (!(error instanceof InsufficientDataError)) throw error;
      }
    }
    const state: Record<string, number | boolean> = { x: series[t] };
    if (spec.pattern) state[`match.${spec.pattern.name}`] = matchedNow;
    for (const type of ['fixed-point', 'limit-cycle', 'chaotic', 'stochastic', 'unknown']) state[`regime.${type.replace('-', '_')}`] = regime === type;
    for (const r of monitors) {
      if (r.done) continue;
      const verdict = r.m.push(state);
      if (verdict !== 'unknown') {
        r.done = true;
        events.push({ type: 'verdict', step: t, rule: r.name, verdict, ...(verdict === 'false' ? { counterexample: r.m.counterexample } : {}) });
      }
    }
  }
  if (matcher) for (const m of matcher.flush()) events.push({ type: 'match', step: series.length - 1, pattern: spec.pattern!.name, start: m.start, end: m.end, distance: m.distance });
  for (const r of monitors) {
    if (r.done || series.length === 0) continue;
    const result = r.m.end();
    events.push({ type: 'verdict', step: series.length - 1, rule: r.name, verdict: result.satisfied ? 'true' : 'false', ...(result.satisfied ? {} : { counterexample: result.counterexample }) });
  }
  return ordered(events);
}

const TYPE_ORDER = { match: 0, regime: 1, verdict: 2, summary: 3 };

/** Events by step, then type, then pattern/rule name: regime results arrive when the analysis ends, so arrival order is not fixed. */
export function ordered(events: MidstreamEvent[]): MidstreamEvent[] {
  const key = (e: MidstreamEvent) => ('pattern' in e ? e.pattern : 'rule' in e ? e.rule : '');
  return [...events].sort((a, b) => a.step - b.step || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || key(a).localeCompare(key(b)));
}

export async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of events) out.push(e);
  return out;
}

export function withoutSummary(events: MidstreamEvent[]): MidstreamEvent[] {
  return events.filter((e) => e.type !== 'summary');
}

/** Threads of this process (Linux): a worker_threads Worker adds one while it lives. */
export function threadCount(): number {
  return readdirSync('/proc/self/task').length;
}
