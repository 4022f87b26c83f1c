// An LRU cache keyed by the content of the inputs, not their lengths: two series
// of the same length but different values never share an entry. Keys are a
// 32-bit hash of the bytes; the stored copies of the inputs are compared on a
// hit, so a hash collision costs a recomputation, never a wrong answer.

type Content = Float64Array | Int32Array;

interface Entry<V> {
  inputs: Content[];
  value: V;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries held now. */
  size: number;
  capacity: number;
  /** hits / (hits + misses), 0 before the first look-up. */
  hitRate: number;
}

export class ContentCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private hits = 0;
  private misses = 0;

  constructor(readonly capacity: number) {}

  /** The cached value for (operation, inputs), computing and storing it on a miss. */
  getOrCompute(operation: string, inputs: Content[], compute: () => V): V {
    if (this.capacity === 0) {
      this.misses++;
      return compute();
    }
    let key = operation;
    for (const input of inputs) key += `|${input.length}:${hashBytes(input)}`;
    const entry = this.entries.get(key);
    if (entry && sameInputs(entry.inputs, inputs)) {
      this.hits++;
      this.entries.delete(key); // re-insert: Map order is the recency order
      this.entries.set(key, entry);
      return entry.value;
    }
    this.misses++;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { inputs: inputs.map((x) => x.slice()), value });
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  stats(): CacheStats {
    const lookups = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      size: this.entries.size,
      capacity: this.capacity,
      hitRate: lookups === 0 ? 0 : this.hits / lookups,
    };
  }

  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }
}

/** FNV-1a over the 32-bit words of the input's bytes. */
function hashBytes(input: Content): string {
  const words = new Uint32Array(input.buffer, input.byteOffset, input.byteLength >>> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return (h >>> 0).toString(36);
}

function sameInputs(stored: Content[], given: Content[]): boolean {
  if (stored.length !== given.length) return false;
  for (let k = 0; k < stored.length; k++) {
    const s = stored[k];
    const g = given[k];
    if (s.length !== g.length || s.constructor !== g.constructor) return false;
    for (let i = 0; i < s.length; i++) if (!Object.is(s[i], g[i])) return false;
  }
  return true;
}
