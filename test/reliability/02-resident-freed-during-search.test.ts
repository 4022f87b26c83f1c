// #17.2: a ResidentSeries freed from inside its own findSimilar (an option getter
// calls free()) kept searching with a dangling pointer and leaked the envelope
// blocks allocated after free(). Use after free is a TypeError wherever it happens.
import { describe, expect, it } from 'vitest';
import { findSimilar, residentSeries } from '../../src/index';
import { heap } from '../../src/memory';
import { randomWalk, seededRandom } from '../support/random';

describe('#17.2 ResidentSeries freed during its own search', () => {
  const data = randomWalk(seededRandom(2), 3000);
  const pattern = Array.from(data.subarray(500, 540));

  for (const method of ['findSimilar', 'detectPattern'] as const) {
    for (const option of ['window', 'cost', 'normalize', 'limit'] as const) {
      it(`${method}: free() from the options.${option} getter is a TypeError and leaks nothing`, () => {
        const allocated = heap().allocatedBytes;
        const resident = residentSeries(data);
        const values: Record<string, unknown> = { window: 3, cost: 'absolute', normalize: false, limit: 2 };
        const options = Object.defineProperty({}, option, {
          enumerable: true,
          get() {
            resident.free();
            return values[option];
          },
        });
        expect(() => resident[method](pattern, 4, options)).toThrow(TypeError);
        expect(() => resident[method](pattern, 4, options)).toThrow(/has been freed/);
        expect(resident.freed).toBe(true);
        expect(heap().allocatedBytes).toBe(allocated);
        // The instance keeps working.
        expect(findSimilar(data, pattern, 4, { window: 3 }).map((m) => m.index)).toContain(500);
      });
    }
  }
});
