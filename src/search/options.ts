// The plan of a findSimilar / detectPattern scan for a pattern of m points, from
// the options as read (src/dtw-options.ts reads and checks them, before the data,
// for search and for the TemporalComparator above it).
import { bandRadius, type SearchSettings } from '../dtw-options';

export type { SearchOptions, SearchSettings } from '../dtw-options';

export interface ResolvedSearch extends SearchSettings {
  m: number;
  /** Band radius in points. */
  r: number;
  /** Two windows conflict when their starts are closer than this (m - exclusion); 0 = never. */
  conflictGap: number;
}

/** The settings applied to a pattern of m points. */
export function planSearch(where: string, m: number, settings: SearchSettings): ResolvedSearch {
  const { exclusion } = settings;
  return {
    ...settings,
    m,
    r: bandRadius(settings.window, m, m, where),
    conflictGap: exclusion === undefined ? 0 : Math.max(0, m - exclusion),
  };
}
