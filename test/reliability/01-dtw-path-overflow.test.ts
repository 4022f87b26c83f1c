// #17.1: finite inputs whose point cost overflows to Infinity made every matrix
// cell Infinity; the backtrack then walked past (0, 0) and wrote path pairs over
// the rest of wasm memory (a resident series above it was silently overwritten).
// Decision: an overflowing cost gives { distance: Infinity, path: [] }.
import { describe, expect, it } from 'vitest';
import { dtw, dtwPath, findSimilar, residentSeries } from '../../src/index';
import { heap } from '../../src/memory';
import { randomWalk, seededRandom } from '../support/random';

describe('#17.1 dtwPath with a point cost that overflows', () => {
  it('returns distance Infinity and an empty path, and leaves other wasm blocks intact', () => {
    const data = randomWalk(seededRandom(1), 4000);
    const pattern = Array.from(data.subarray(1000, 1040));
    const resident = residentSeries(data);
    const before = resident.findSimilar(pattern, 5, { window: 4 });
    expect(before.length).toBeGreaterThan(0);
    const allocated = heap().allocatedBytes;

    expect(dtwPath([1e308, 0, 0], [-1e308, 0])).toEqual({ distance: Infinity, path: [] });
    expect(dtwPath([1e155, 0, 0, 1], [-1e155, 0], { cost: 'squared' })).toEqual({ distance: Infinity, path: [] });
    expect(dtwPath([1e308, 1, 2, 3, 4], [-1e308, 2, 3, 1, 0], { window: 1 })).toEqual({ distance: Infinity, path: [] });
    expect(dtwPath(Array(300).fill(1e308), Array(200).fill(-1e308))).toEqual({ distance: Infinity, path: [] });
    expect(dtw([1e308, 0, 0], [-1e308, 0])).toBe(Infinity);

    expect(heap().allocatedBytes).toBe(allocated);
    expect(resident.findSimilar(pattern, 5, { window: 4 })).toEqual(before);
    expect(resident.toArray()).toEqual(data);
    expect(findSimilar(data, pattern, 5, { window: 4 })).toEqual(before);
    resident.free();
  });

  it('still gives a full path when only some cells overflow', () => {
    // The cheapest alignment avoids the huge values: the distance is finite.
    const result = dtwPath([0, 1e308, 1e308, 0], [0, 1e308, 0]);
    expect(result.distance).toBe(0);
    expect(result.path[0]).toEqual([0, 0]);
    expect(result.path[result.path.length - 1]).toEqual([3, 2]);
  });
});
