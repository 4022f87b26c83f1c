// One rule for every public function (src/validate.ts): a value of the wrong kind is
// a TypeError, a value of the right kind out of range a RangeError, and the message
// names the function and the argument; null and undefined options mean "defaults".
// This table walks every public entry point with the same bad-input kinds.
import { describe, expect, it } from 'vitest';
import * as M from '../../src/index';

type Slot = 'series' | 'options' | 'number' | 'string';
type ErrorClass = typeof TypeError | typeof RangeError;

/** The same bad values for every argument of a kind, with the error class the rule asks for. */
const BAD: Record<Slot, Array<[string, unknown, ErrorClass]>> = {
  series: [
    ['a string', 'abc', TypeError],
    ['a number', 42, TypeError],
    ['null', null, TypeError],
    ['a plain object', { length: 3 }, TypeError],
    ['a string element', [1, 'x', 2, 3], TypeError],
    ['a NaN element', [1, NaN, 2, 3], RangeError],
    ['an Infinity element', [1, 2, Infinity, 3], RangeError],
  ],
  options: [
    ['a number', 42, TypeError],
    ['a string', 'fast', TypeError],
    ['an array', [], TypeError],
    ['true', true, TypeError],
  ],
  number: [
    ['a string', '3', TypeError],
    ['a bigint', 3n, TypeError],
    ['NaN', NaN, RangeError],
  ],
  string: [
    ['a number', 42, TypeError],
    ['null', null, TypeError],
    ['an object', {}, TypeError],
  ],
};

interface Entry {
  /** How the message names the function: `dtw`, `AttractorAnalyzer.addPoint`, ... */
  label: string | RegExp;
  /** How the message names the argument. */
  argument: string;
  slot: Slot;
  call: (bad: unknown) => unknown;
}

const series = Array.from({ length: 64 }, (_, i) => Math.sin(i / 3));
const pattern = series.slice(10, 18);
const any = (value: unknown) => value as never;

const ENTRIES: Entry[] = [
  // compare
  { label: 'dtw', argument: 'a', slot: 'series', call: (x) => M.dtw(any(x), series) },
  { label: 'dtw', argument: 'b', slot: 'series', call: (x) => M.dtw(series, any(x)) },
  { label: 'dtw', argument: 'options', slot: 'options', call: (x) => M.dtw(series, series, any(x)) },
  { label: 'dtw', argument: 'options.window', slot: 'number', call: (x) => M.dtw(series, series, { window: any(x) }) },
  { label: 'dtw', argument: 'options.abandonAbove', slot: 'number', call: (x) => M.dtw(series, series, { abandonAbove: any(x) }) },
  { label: 'dtwPath', argument: 'a', slot: 'series', call: (x) => M.dtwPath(any(x), series) },
  { label: 'dtwPath', argument: 'options', slot: 'options', call: (x) => M.dtwPath(series, series, any(x)) },
  // search
  { label: 'findSimilar', argument: 'series', slot: 'series', call: (x) => M.findSimilar(any(x), pattern, 1) },
  { label: 'findSimilar', argument: 'pattern', slot: 'series', call: (x) => M.findSimilar(series, any(x), 1) },
  { label: 'findSimilar', argument: 'threshold', slot: 'number', call: (x) => M.findSimilar(series, pattern, any(x)) },
  { label: 'findSimilar', argument: 'options', slot: 'options', call: (x) => M.findSimilar(series, pattern, 1, any(x)) },
  { label: 'findSimilar', argument: 'options.limit', slot: 'number', call: (x) => M.findSimilar(series, pattern, 1, { limit: any(x) }) },
  { label: 'detectPattern', argument: 'series', slot: 'series', call: (x) => M.detectPattern(any(x), pattern, 1) },
  { label: 'detectPattern', argument: 'options', slot: 'options', call: (x) => M.detectPattern(series, pattern, 1, any(x)) },
  { label: 'distinctMatches', argument: 'patternLength', slot: 'number', call: (x) => M.distinctMatches([], any(x)) },
  { label: 'distinctMatches', argument: 'options', slot: 'options', call: (x) => M.distinctMatches([], 5, any(x)) },
  { label: 'distinctMatches', argument: 'options.exclusion', slot: 'number', call: (x) => M.distinctMatches([], 5, { exclusion: any(x) }) },
  { label: 'residentSeries', argument: 'data', slot: 'series', call: (x) => M.residentSeries(any(x)) },
  {
    label: 'ResidentSeries.findSimilar',
    argument: 'pattern',
    slot: 'series',
    call: (x) => {
      const resident = M.residentSeries(series);
      try {
        return resident.findSimilar(any(x), 1);
      } finally {
        resident.free();
      }
    },
  },
  { label: 'StreamMatcher', argument: 'pattern', slot: 'series', call: (x) => new M.StreamMatcher(any(x), { threshold: 1 }) },
  { label: 'StreamMatcher', argument: 'options', slot: 'options', call: (x) => new M.StreamMatcher(pattern, any(x)) },
  { label: 'StreamMatcher.push', argument: 'value', slot: 'number', call: (x) => new M.StreamMatcher(pattern, { threshold: 1 }).push(any(x)) },
  { label: 'TemporalComparator', argument: 'options', slot: 'options', call: (x) => new M.TemporalComparator(any(x)) },
  { label: 'dtw', argument: 'a', slot: 'series', call: (x) => new M.TemporalComparator().dtw(any(x), series) },
  // attractor
  { label: 'embed', argument: 'series', slot: 'series', call: (x) => M.embed(any(x)) },
  { label: 'embed', argument: 'options', slot: 'options', call: (x) => M.embed(series, any(x)) },
  { label: 'estimateDelay', argument: 'series', slot: 'series', call: (x) => M.estimateDelay(any(x)) },
  { label: 'estimateDimension', argument: 'series', slot: 'series', call: (x) => M.estimateDimension(any(x)) },
  { label: 'estimateDimension', argument: 'options', slot: 'options', call: (x) => M.estimateDimension(series, any(x)) },
  { label: 'falseNearestNeighbours', argument: 'series', slot: 'series', call: (x) => M.falseNearestNeighbours(any(x)) },
  { label: 'lyapunovExponent', argument: 'series', slot: 'series', call: (x) => M.lyapunovExponent(any(x)) },
  { label: 'lyapunovExponent', argument: 'options', slot: 'options', call: (x) => M.lyapunovExponent(series, any(x)) },
  { label: 'correlationDimension', argument: 'series', slot: 'series', call: (x) => M.correlationDimension(any(x)) },
  { label: 'correlationDimension', argument: 'options', slot: 'options', call: (x) => M.correlationDimension(series, any(x)) },
  { label: 'classifyAttractor', argument: 'series', slot: 'series', call: (x) => M.classifyAttractor(any(x)) },
  { label: 'classifyAttractor', argument: 'options', slot: 'options', call: (x) => M.classifyAttractor(series, any(x)) },
  { label: 'AttractorAnalyzer', argument: 'options', slot: 'options', call: (x) => new M.AttractorAnalyzer(any(x)) },
  { label: 'AttractorAnalyzer.addPoint', argument: 'point', slot: 'number', call: (x) => new M.AttractorAnalyzer().addPoint(any(x)) },
  // scheduler
  { label: /^new Scheduler/, argument: 'options', slot: 'options', call: (x) => new M.Scheduler(any(x)) },
  { label: 'postTask', argument: 'options', slot: 'options', call: (x) => new M.Scheduler().postTask(() => 0, any(x)).catch(() => {}) },
  { label: 'postTask', argument: 'options.delay', slot: 'number', call: (x) => new M.Scheduler().postTask(() => 0, { delay: any(x) }).catch(() => {}) },
  // logic
  { label: 'parseFormula', argument: 'text', slot: 'string', call: (x) => M.parseFormula(any(x)) },
  { label: 'verify', argument: 'options', slot: 'options', call: (x) => M.verify('G p', [{ p: true }], any(x)) },
  { label: 'monitor', argument: 'options', slot: 'options', call: (x) => M.monitor('G p', any(x)) },
  { label: 'robustness', argument: 'options', slot: 'options', call: (x) => M.robustness('G (x > 0)', { x: [1, 2] }, any(x)) },
  { label: 'TemporalSolver', argument: 'options', slot: 'options', call: (x) => new M.TemporalSolver(any(x)) },
  // pipeline, meta-learner, transport
  { label: 'Midstream', argument: 'options', slot: 'options', call: (x) => new M.Midstream(any(x)).close() },
  { label: 'StrangeLoop', argument: 'options', slot: 'options', call: (x) => new M.StrangeLoop(any(x)) },
  { label: 'StrangeLoop.parameter', argument: 'name', slot: 'string', call: (x) => new M.StrangeLoop().parameter(any(x), { min: 1, max: 2 }) },
  { label: 'connect', argument: 'url', slot: 'string', call: (x) => M.connect(any(x)) },
];

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('every public function, the same bad-input kinds', () => {
  for (const entry of ENTRIES) {
    const name = `${String(entry.label)}(${entry.argument})`;
    for (const [kind, value, expected] of BAD[entry.slot]) {
      it(`${name} given ${kind}: a ${expected.name} naming the function and the argument`, () => {
        const error = thrown(() => entry.call(value)) as Error | undefined;
        expect(error, 'no error thrown').toBeInstanceOf(expected);
        // A TypeError must not be a RangeError subclass and vice versa.
        expect(error!.constructor === expected || Object.getPrototypeOf(error!.constructor) === expected).toBe(true);
        const label = entry.label instanceof RegExp ? entry.label : new RegExp(`^${entry.label.replace('.', '\\.')}:`);
        expect(error!.message).toMatch(label);
        expect(error!.message).toContain(entry.argument.split('.').pop());
        expect(error!.message.length).toBeLessThan(400);
      });
    }
  }

  for (const entry of ENTRIES.filter((e) => e.slot === 'options')) {
    it(`${String(entry.label)}: null and undefined options mean the defaults`, () => {
      for (const value of [null, undefined]) {
        const error = thrown(() => entry.call(value)) as Error | undefined;
        // Some calls may still refuse the data; none may refuse the options.
        if (error) expect(error.message).not.toMatch(/options must be/);
      }
    });
  }
});
