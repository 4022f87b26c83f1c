// The kinds of source run() accepts, behind one pull interface: arrays and
// iterables are read synchronously (in batches), async iterables and
// ReadableStreams one awaited sample at a time.
import type { Sample } from './types';

export type MidstreamSource =
  | readonly Sample[]
  | ArrayLike<number>
  | Iterable<Sample>
  | AsyncIterable<Sample>
  | ReadableStream<Sample>;

export type SyncSource = { sync: true; next(): IteratorResult<Sample>; cancel(): void };
export type AsyncSource = { sync: false; next(): Promise<IteratorResult<Sample>>; cancel(): void };

export function openSource(source: unknown, where: string): SyncSource | AsyncSource {
  if (Array.isArray(source) || (ArrayBuffer.isView(source) && !(source instanceof DataView))) {
    const items = source as ArrayLike<Sample>;
    let i = 0;
    return {
      sync: true,
      next: () => (i < items.length ? { done: false, value: items[i++] } : { done: true, value: undefined }),
      cancel: () => {},
    };
  }
  if (source !== null && typeof source === 'object') {
    const s = source as Partial<ReadableStream<Sample> & AsyncIterable<Sample> & Iterable<Sample>>;
    // ReadableStream first: in newer engines it is async-iterable too, but the reader works everywhere.
    if (typeof s.getReader === 'function') {
      const reader = s.getReader();
      return {
        sync: false,
        next: () => reader.read() as Promise<IteratorResult<Sample>>,
        cancel: () => void reader.cancel().catch(() => {}),
      };
    }
    if (typeof s[Symbol.asyncIterator] === 'function') {
      const iterator = s[Symbol.asyncIterator]!();
      return { sync: false, next: () => iterator.next(), cancel: () => void iterator.return?.()?.catch?.(() => {}) };
    }
    if (typeof s[Symbol.iterator] === 'function') {
      const iterator = s[Symbol.iterator]!();
      return { sync: true, next: () => iterator.next(), cancel: () => void iterator.return?.() };
    }
  }
  const kind = source === null ? 'null' : typeof source;
  throw new TypeError(`${where}: source must be an array, an iterable, an async iterable or a ReadableStream, got ${kind}`);
}
