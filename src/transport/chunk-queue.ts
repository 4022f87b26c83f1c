// A FIFO of byte chunks with O(1) shift (Array.prototype.shift is O(n) on the
// long arrays that many tiny writes make), each chunk with a time stamp.
export class ChunkQueue {
  private chunks: Uint8Array[] = [];
  private times: number[] = [];
  /** Bytes free in front of each chunk's view, in a buffer of the queue's own (see ownLast). */
  private headrooms: number[] = [];
  private head = 0;
  /** Bytes held. */
  bytes = 0;

  get length(): number {
    return this.chunks.length - this.head;
  }

  push(chunk: Uint8Array, time = 0): void {
    this.chunks.push(chunk);
    this.times.push(time);
    this.headrooms.push(0);
    this.bytes += chunk.byteLength;
  }

  peek(): Uint8Array | undefined {
    return this.chunks[this.head];
  }

  /** Bytes free in front of the first chunk, which the caller may write into (a frame header). */
  peekHeadroom(): number {
    return this.length ? this.headrooms[this.head] : 0;
  }

  /** Time stamp of the first chunk (0 when empty). */
  peekTime(): number {
    return this.length ? this.times[this.head] : 0;
  }

  shift(): Uint8Array | undefined {
    if (this.head === this.chunks.length) return undefined;
    const chunk = this.chunks[this.head];
    this.chunks[this.head] = undefined as unknown as Uint8Array;
    this.head++;
    this.bytes -= chunk.byteLength;
    if (this.head === this.chunks.length) this.clear();
    else if (this.head >= 1024 && this.head * 2 >= this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.times = this.times.slice(this.head);
      this.headrooms = this.headrooms.slice(this.head);
      this.head = 0;
    }
    return chunk;
  }

  /**
   * Replaces the last chunk by a copy if it still views `buffer` (the caller's
   * memory), so the caller may reuse that memory once its write has resolved.
   * The copy leaves `headroom` bytes free in front of it, so that a frame
   * header can go there and the first frame of it needs no second copy.
   */
  ownLast(buffer: ArrayBufferLike, headroom: number): void {
    const last = this.chunks.length - 1;
    if (last < this.head || this.chunks[last].buffer !== buffer) return;
    const chunk = this.chunks[last];
    const owned = new Uint8Array(headroom + chunk.byteLength);
    owned.set(chunk, headroom);
    this.chunks[last] = owned.subarray(headroom);
    this.headrooms[last] = headroom;
  }

  /** Drops `n` bytes from the front of the first chunk (less than its length). */
  trimFirst(n: number): void {
    this.chunks[this.head] = this.chunks[this.head].subarray(n);
    this.headrooms[this.head] = 0; // the bytes in front of the rest went out in a frame
    this.bytes -= n;
  }

  clear(): void {
    this.chunks = [];
    this.times = [];
    this.headrooms = [];
    this.head = 0;
    this.bytes = 0;
  }
}
