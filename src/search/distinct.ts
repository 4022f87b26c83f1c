// distinctMatches: the overlap suppression of findSimilar's `exclusion` option,
// applied to matches a caller already has (every window within a threshold, a
// StreamMatcher's reports), so one search can give both lists.
import { checkNumber, checkOptions } from '../validate';
import { suppressOverlaps, type Match } from './selection';

const WHERE = 'distinctMatches';

/**
 * The matches that do not overlap a better one by more than `exclusion` points
 * (default 0: no overlap at all), best first — what findSimilar returns with the
 * same `exclusion` for the windows it found. `patternLength` is the length of
 * the windows.
 */
export function distinctMatches(matches: readonly Match[], patternLength: number, options?: { exclusion?: number }): Match[] {
  if (!Array.isArray(matches)) throw new TypeError(`${WHERE}: matches must be an array of { index, distance }, got ${matches === null ? 'null' : typeof matches}`);
  const m = checkNumber(patternLength, 'patternLength', WHERE, { min: 1, integer: true });
  const o = checkOptions(options, WHERE);
  const exclusion = o.exclusion === undefined ? 0 : checkNumber(o.exclusion, 'options.exclusion', WHERE, { min: 0, integer: true });
  const sorted = matches.map((match, k) => readMatch(match, k)).sort((p, q) => p.distance - q.distance || p.index - q.index);
  return suppressOverlaps(sorted, m - exclusion);
}

function readMatch(match: unknown, k: number): Match {
  if (typeof match !== 'object' || match === null) throw new TypeError(`${WHERE}: matches[${k}] must be an object { index, distance }`);
  const { index, distance } = match as Partial<Match>;
  return {
    index: checkNumber(index, `matches[${k}].index`, WHERE, { min: 0, integer: true }),
    distance: checkNumber(distance, `matches[${k}].distance`, WHERE, { min: 0 }),
  };
}
