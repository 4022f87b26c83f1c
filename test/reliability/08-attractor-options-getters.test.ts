// #17.8, attractor functions: a Float64Array was validated and then used in
// place, so an options getter that ran after the check could write NaN into
// it and the analysis ran on unchecked data. Options are read before the data
// are checked, so whatever a getter does to the data is seen by the check.
import { describe, expect, it } from 'vitest';
import {
  classifyAttractor, correlationDimension, embed, estimateDimension, falseNearestNeighbours, lyapunovExponent,
} from '../../src/index';
import { logisticMap } from '../attractor/systems';

type Call = (x: Float64Array, options: object) => unknown;

const calls: Array<[string, Call, string]> = [
  ['classifyAttractor', (x, o) => classifyAttractor(x, o), 'theiler'],
  ['classifyAttractor', (x, o) => classifyAttractor(x, o), 'dt'],
  ['lyapunovExponent', (x, o) => lyapunovExponent(x, o), 'horizon'],
  ['lyapunovExponent', (x, o) => lyapunovExponent(x, o), 'delay'],
  ['correlationDimension', (x, o) => correlationDimension(x, o), 'references'],
  ['estimateDimension', (x, o) => estimateDimension(x, o), 'maxDimension'],
  ['falseNearestNeighbours', (x, o) => falseNearestNeighbours(x, o), 'theiler'],
  ['embed', (x, o) => embed(x, o), 'dimension'],
];

describe('#17.8 options getters cannot corrupt checked attractor data', () => {
  for (const [name, call, option] of calls) {
    it(`${name}: a getter of options.${option} that writes NaN into the series is caught`, () => {
      const x = logisticMap(1500, 5);
      const options = Object.defineProperty({}, option, {
        enumerable: true,
        get() {
          x[7] = NaN;
          return undefined;
        },
      });
      expect(() => call(x, options)).toThrow(RangeError);
      x[7] = 0.5;
      expect(() => call(x, Object.defineProperty({}, option, { enumerable: true, get: () => { x[7] = NaN; return undefined; } }))).toThrow(
        new RegExp(`${name}: series\\[7\\] is NaN`),
      );
    });
  }

  it('a getter that leaves the data alone changes nothing', () => {
    const x = logisticMap(1500, 5);
    const plain = lyapunovExponent(x, { theiler: 2 });
    const viaGetter = lyapunovExponent(x, { get theiler() { return 2; } });
    expect(viaGetter.exponent).toBe(plain.exponent);
  });
});
