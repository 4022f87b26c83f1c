// A series kept in wasm memory between searches, so searching it again and
// again costs no copy (and no envelope recomputation for a band already used).
import { heap, f64View, type Scratch } from '../memory';
import { toSeries, type NumericSeries } from '../validate';
import { searchAnswer, searchSource, type SearchResult } from './find-similar';
import { readSearchOptions } from '../dtw-options';
import type { SearchOptions } from './options';
import type { SeriesSource } from './scan';
import type { Match } from './selection';

interface Envelope {
  upper: number;
  lower: number;
}

/** What a handle owns in wasm memory; freed by free() or, failing that, by the garbage collector. */
interface Owned {
  blocks: number[];
}

function releaseBlocks(owned: Owned): void {
  const h = heap();
  for (const ptr of owned.blocks) h.release(ptr);
  owned.blocks.length = 0;
}

const finalizer =
  typeof FinalizationRegistry === 'undefined' ? undefined : new FinalizationRegistry<Owned>(releaseBlocks);

// Envelopes kept per handle: a user alternating two bands pays for each once.
const ENVELOPES_KEPT = 2;

export class ResidentSeries {
  readonly length: number;
  private ptr: number;
  private readonly owned: Owned = { blocks: [] };
  private readonly envelopes = new Map<number, Envelope>();

  constructor(data: NumericSeries) {
    const values = toSeries(data, 'data', 'residentSeries');
    this.length = values.length;
    this.ptr = this.own(values.length * 8);
    f64View(this.ptr, values.length).set(values);
    finalizer?.register(this, this.owned, this);
  }

  /** Same as findSimilar(series, ...) on this series. */
  findSimilar(pattern: NumericSeries, threshold: number, options?: SearchOptions & { stats?: false }): Match[];
  findSimilar(pattern: NumericSeries, threshold: number, options: SearchOptions & { stats: true }): SearchResult;
  findSimilar(pattern: NumericSeries, threshold: number, options?: SearchOptions & { stats?: boolean }): Match[] | SearchResult {
    const where = 'ResidentSeries.findSimilar';
    // Options first: a getter that frees this series is then caught by source().
    const settings = readSearchOptions(where, threshold, options);
    return searchAnswer(searchSource(where, () => this.source(where), pattern, settings, false), settings);
  }

  /** Same as detectPattern(series, ...) on this series. */
  detectPattern(pattern: NumericSeries, threshold: number, options?: Omit<SearchOptions, 'limit' | 'exclusion'>): boolean {
    const where = 'ResidentSeries.detectPattern';
    const settings = readSearchOptions(where, threshold, options);
    return searchSource(where, () => this.source(where), pattern, settings, true).matches.length > 0;
  }

  /** A copy of the values. */
  toArray(): Float64Array {
    this.source('ResidentSeries.toArray');
    return f64View(this.ptr, this.length).slice();
  }

  /** Gives the wasm memory back now; the handle is unusable afterwards. */
  free(): void {
    if (this.ptr < 0) return;
    finalizer?.unregister(this);
    releaseBlocks(this.owned);
    this.envelopes.clear();
    this.ptr = -1;
  }

  get freed(): boolean {
    return this.ptr < 0;
  }

  private source(where: string): SeriesSource {
    const checkAlive = () => {
      if (this.ptr < 0) throw new TypeError(`${where}: this series has been freed`);
    };
    checkAlive();
    return { ptr: this.ptr, length: this.length, envelope: (r, s) => this.envelope(r, s), checkAlive };
  }

  private envelope(r: number, s: Scratch): Envelope {
    let cached = this.envelopes.get(r);
    if (!cached) {
      cached = { upper: this.own(this.length * 8), lower: this.own(this.length * 8) };
      s.kernels.envelope(this.ptr, this.length, r, cached.upper, cached.lower, s.i32(2 * (this.length + 1)));
      this.envelopes.set(r, cached);
      if (this.envelopes.size > ENVELOPES_KEPT) this.dropEnvelope(this.envelopes.keys().next().value!);
    }
    return cached;
  }

  private dropEnvelope(r: number): void {
    const envelope = this.envelopes.get(r)!;
    this.envelopes.delete(r);
    for (const ptr of [envelope.upper, envelope.lower]) {
      heap().release(ptr);
      this.owned.blocks.splice(this.owned.blocks.indexOf(ptr), 1);
    }
  }

  private own(bytes: number): number {
    const ptr = heap().alloc(bytes);
    this.owned.blocks.push(ptr);
    return ptr;
  }
}

/** Copies `data` into wasm memory once, for repeated searches. Call free() when done. */
export function residentSeries(data: NumericSeries): ResidentSeries {
  return new ResidentSeries(data);
}
