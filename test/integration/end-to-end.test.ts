// The original system's integration tests, ported to the API that exists:
// (1) end to end, scheduler -> comparison -> attractor -> verification on one
// stream, each event checked against the part called directly; (2) parts in
// pairs and all together. (Meta-learning joins once that part exists.)
import { describe, expect, it } from 'vitest';
import { AttractorAnalyzer, classifyAttractor, dtw, Midstream, Scheduler, StreamMatcher, type MidstreamEvent } from '../../src/index';
import { monitor, parseFormula } from '../../src/logic/index';
import { lorenz } from '../../src/samples/index';

/** A cycle, then the Lorenz attractor's x: the regime changes from limit-cycle to chaos halfway. */
function cycleThenChaos(): { series: Float64Array; pattern: Float64Array } {
  const chaos = lorenz({ steps: 3000 }).x;
  const series = new Float64Array(6000);
  for (let t = 0; t < 3000; t++) series[t] = 10 * Math.sin((2 * Math.PI * t) / 50);
  series.set(chaos, 3000);
  // The pattern: one stretch of the chaotic part, which the matcher must find where it is.
  return { series, pattern: chaos.slice(1200, 1264) };
}

describe('integration 1: end to end on one stream', () => {
  it('every event is what the parts called directly decide', async () => {
    const { series, pattern } = cycleThenChaos();
    const scheduler = new Scheduler();
    const ms = new Midstream({
      patterns: { motif: { pattern, threshold: 5 } },
      regime: { window: 1500, every: 1500, dt: 0.01 },
      rules: { bounded: 'G (x < 25)', neverChaotic: 'G !regime.chaotic' },
      scheduler,
    });
    const events: MidstreamEvent[] = [];
    for await (const e of ms.run(series)) events.push(e);

    // Comparison: the matcher on its own.
    const matcher = new StreamMatcher(pattern, { threshold: 5 });
    const matches = [...Array.from(series).flatMap((x) => matcher.push(x)), ...matcher.flush()];
    expect(events.filter((e) => e.type === 'match').map(({ start, end, distance }) => ({ start, end, distance }))).toEqual(matches);
    expect(matches.some((m) => m.start === 3000 + 1200)).toBe(true);

    // Attractor: each window classified directly; an event whenever the class changes.
    const classes = [1499, 2999, 4499, 5999].map((to) => ({ to, c: classifyAttractor(series.slice(to - 1499, to + 1), { dt: 0.01 }) }));
    const changes = classes.filter(({ c }, k) => k === 0 || c.type !== classes[k - 1].c.type);
    expect(events.filter((e) => e.type === 'regime')).toEqual(
      changes.map(({ to, c }) => ({
        type: 'regime',
        step: to,
        regime: c.type,
        previous: classes.findLast((x) => x.to < to)?.c.type ?? null,
        confidence: c.confidence,
        lyapunovExponent: c.lyapunovExponent,
        window: [to - 1499, to],
      })),
    );
    expect(classes[0].c.type).toBe('limit-cycle');
    expect(classes[3].c.type).toBe('chaotic');

    // Verification: the same rules by monitor over the states the pipeline describes.
    const neverChaotic = monitor('G !regime.chaotic');
    let regime: string | null = null;
    let decidedAt = -1;
    for (let t = 0; t < series.length && decidedAt < 0; t++) {
      const change = classes.find((x) => x.to === t);
      if (change) regime = change.c.type;
      if (neverChaotic.push({ 'regime.chaotic': regime === 'chaotic' }) === 'false') decidedAt = t;
    }
    const verdict = events.find((e) => e.type === 'verdict' && e.rule === 'neverChaotic');
    expect(verdict).toMatchObject({ verdict: 'false', step: decidedAt });
    expect(events.find((e) => e.type === 'verdict' && e.rule === 'bounded')).toMatchObject({ verdict: 'true', step: 5999 });
    expect(scheduler.stats().completed).toBeGreaterThanOrEqual(4); // the analyses ran as its tasks
    ms.close();
  });
});

describe('integration 2: parts together', () => {
  it('scheduler + comparison: DTW jobs at three priorities run highest first, with the results of direct calls', async () => {
    const scheduler = new Scheduler();
    const a = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i / 7));
    const order: string[] = [];
    const jobs = (['background', 'user-visible', 'user-blocking'] as const).flatMap((priority) =>
      [1, 2, 3].map((shift) =>
        scheduler.postTask(
          () => {
            order.push(priority);
            return dtw(a, a.map((x, i) => a[(i + shift) % a.length]));
          },
          { priority },
        ),
      ),
    );
    const results = await Promise.all(jobs);
    expect(order).toEqual([...Array(3).fill('user-blocking'), ...Array(3).fill('user-visible'), ...Array(3).fill('background')]);
    for (let k = 0; k < 9; k++) {
      const shift = (k % 3) + 1;
      expect(results[k]).toBe(dtw(a, a.map((x, i) => a[(i + shift) % a.length])));
    }
  });

  it('attractor + temporal logic: a rule over the regime of successive windows, verified by a monitor', () => {
    const { series } = cycleThenChaos();
    const analyzer = new AttractorAnalyzer({ maxPoints: 1500, dt: 0.01 });
    const rule = monitor(parseFormula('G (regime.limit_cycle | regime.fixed_point)'));
    let verdict = 'unknown';
    let at = -1;
    for (let t = 0; t < series.length; t++) {
      analyzer.addPoint(series[t]);
      if ((t + 1) % 1500 !== 0) continue;
      const type = analyzer.analyze().type;
      verdict = rule.push({ 'regime.limit_cycle': type === 'limit-cycle', 'regime.fixed_point': type === 'fixed-point' });
      if (verdict !== 'unknown') {
        at = t;
        break;
      }
    }
    expect(verdict).toBe('false');
    expect(at).toBeGreaterThanOrEqual(3000); // not before the chaos starts
    expect(rule.counterexample?.step).toBe((at + 1) / 1500 - 1); // the index of the window that broke it
  });
});
