// The original's integration tests 3 to 6, ported: errors (dimension
// mismatch, empty trace), scale (1,000 scheduled tasks, a 1,000-element
// comparison, 5,000 phase-space points), concurrency (10 pipelines at once)
// and state (analyzer clear, monitor reset, pipeline reset). Speed is the
// bench's business; these check results.
import { describe, expect, it } from 'vitest';
import { AttractorAnalyzer, dtw, Midstream, Scheduler, StreamMatcher, TASK_PRIORITIES } from '../../src/index';
import { monitor } from '../../src/logic/index';
import { lorenz } from '../../src/samples/index';
import { randomSeries, seededRandom } from '../support/random';

describe('integration 3: errors', () => {
  it('dimension mismatch: the pipeline and the analyzer both refuse, naming the shapes', () => {
    const ms = new Midstream({ dimension: 3 });
    ms.push([1, 2, 3]);
    expect(() => ms.push([1, 2])).toThrow(/step 1 has 2 values; expected an array of 3 numbers/);
    const analyzer = new AttractorAnalyzer({ dimension: 3 });
    expect(() => analyzer.addPoint([1, 2])).toThrow(/dimension 2, expected 3/);
  });

  it('empty trace: a monitor refuses to end without states; a pipeline ended without samples gives an empty summary', async () => {
    expect(() => monitor('G (x < 5)').end()).toThrow(/empty trace/);
    const ms = new Midstream({ rules: { small: 'G (x < 5)' } });
    expect(await ms.end()).toEqual([
      { type: 'summary', step: -1, samples: 0, matches: {}, regime: null, regimeChanges: 0, verdicts: { small: 'unknown' } },
    ]);
  });
});

describe('integration 4: scale', () => {
  it('1,000 scheduled tasks all run, by priority, each once', async () => {
    const scheduler = new Scheduler();
    const random = seededRandom(1);
    const ran: number[] = [];
    const levels = Array.from({ length: 1000 }, () => Math.floor(random() * 3));
    await Promise.all(levels.map((level, k) => scheduler.postTask(() => ran.push(k), { priority: TASK_PRIORITIES[level] })));
    expect([...ran].sort((a, b) => a - b)).toEqual(levels.map((_, k) => k));
    // Posted together, they run highest priority first, first come first served inside one.
    const expected = [0, 1, 2].flatMap((level) => levels.flatMap((l, k) => (l === level ? [k] : [])));
    expect(ran).toEqual(expected);
  });

  it('a 1,000-element sequence comparison equals the textbook full-matrix DTW', () => {
    const random = seededRandom(2);
    const a = randomSeries(random, 1000);
    const b = randomSeries(random, 1000);
    const n = a.length;
    let prev = new Float64Array(n + 1).fill(Infinity);
    prev[0] = 0;
    for (let i = 1; i <= n; i++) {
      const row = new Float64Array(n + 1).fill(Infinity);
      for (let j = 1; j <= n; j++) row[j] = Math.abs(a[i - 1] - b[j - 1]) + Math.min(prev[j], row[j - 1], prev[j - 1]);
      prev = row;
    }
    expect(dtw(a, b)).toBeCloseTo(prev[n], 6);
  });

  it('5,000 phase-space points of the Lorenz system are classified chaotic', () => {
    const { x, y, z } = lorenz({ steps: 5000 });
    const analyzer = new AttractorAnalyzer({ dt: 0.01 });
    for (let t = 0; t < 5000; t++) analyzer.addPoint([x[t], y[t], z[t]]);
    expect(analyzer.length).toBe(5000);
    const c = analyzer.analyze();
    expect(c.type).toBe('chaotic');
    expect(c.lyapunovExponent).toBeGreaterThan(0.5); // published 0.906 for these parameters
  });
});

describe('integration 5: concurrency', () => {
  it('10 pipelines at once, each with its own pattern, find what their own matcher finds', async () => {
    const random = seededRandom(3);
    const streams = Array.from({ length: 10 }, () => randomSeries(random, 3000, 4));
    const patterns = streams.map((s, k) => s.slice(100 * k + 200, 100 * k + 232));
    const pipelines = patterns.map((pattern) => new Midstream({ patterns: { p: { pattern, threshold: 3 } } }));
    const results = await Promise.all(
      pipelines.map(async (ms, k) => {
        const events = [];
        for await (const e of ms.run(streams[k])) if (e.type === 'match') events.push({ start: e.start, end: e.end, distance: e.distance });
        return events;
      }),
    );
    for (let k = 0; k < 10; k++) {
      const matcher = new StreamMatcher(patterns[k], { threshold: 3 });
      expect(results[k]).toEqual([...streams[k].flatMap((x) => matcher.push(x)), ...matcher.flush()]);
      expect(results[k].some((m) => m.start === 100 * k + 200 && m.distance === 0)).toBe(true);
    }
  });
});

describe('integration 6: state', () => {
  it('analyzer clear: the same points after clear() give the same classification', () => {
    const { x } = lorenz({ steps: 2000 });
    const analyzer = new AttractorAnalyzer({ dt: 0.01 });
    for (const v of x) analyzer.addPoint(v);
    const first = analyzer.analyze();
    analyzer.clear();
    expect(analyzer.length).toBe(0);
    for (const v of x) analyzer.addPoint(v);
    expect(analyzer.analyze()).toEqual(first);
  });

  it('monitor reset: the same trace after reset() gives the same verdict at the same step', () => {
    const m = monitor('G (x < 5)');
    const trace = [1, 2, 6, 1].map((x) => ({ x }));
    const run = () => trace.map((s) => m.push(s));
    const first = run();
    m.reset();
    expect(run()).toEqual(first);
    expect(first).toEqual(['unknown', 'unknown', 'false', 'false']);
  });

  it('pipeline reset: the same stream after reset() gives the same events', async () => {
    const random = seededRandom(4);
    const stream = randomSeries(random, 2000, 4);
    const ms = new Midstream({ patterns: { p: { pattern: stream.slice(500, 540), threshold: 4 } }, rules: { r: 'G (x < 1.9)' } });
    const once = [];
    for await (const e of ms.run(stream)) once.push(e);
    ms.reset();
    const twice = [];
    for await (const e of ms.run(stream)) twice.push(e);
    expect(twice).toEqual(once);
    expect(once.map((e) => e.type)).toContain('verdict');
  });
});
