// Linear-memory management for the kernels. Everything above __heap_base is
// ours: a first-fit allocator hands out 16-byte aligned blocks, grows the memory
// when needed and coalesces freed blocks. Per-call buffers come from a Scratch
// that frees them all in `finally`, so an error (or a wasm trap) in the middle
// of a call never leaks memory or leaves the instance unusable. Long-lived
// blocks (resident series) are allocated directly and freed by their owner.
import { wasm, type Kernels } from './wasm';

const ALIGN = 16;
const PAGE = 65536;

interface FreeBlock {
  ptr: number;
  size: number;
}

class WasmHeap {
  private top: number;
  private readonly free: FreeBlock[] = []; // sorted by ptr, never adjacent
  private readonly sizes = new Map<number, number>();

  constructor(private readonly memory: WebAssembly.Memory, base: number) {
    this.top = align(base);
  }

  alloc(bytes: number): number {
    const size = align(Math.max(bytes, ALIGN));
    for (let k = 0; k < this.free.length; k++) {
      const block = this.free[k];
      if (block.size < size) continue;
      const ptr = block.ptr;
      if (block.size === size) this.free.splice(k, 1);
      else {
        block.ptr += size;
        block.size -= size;
      }
      return this.remember(ptr, size);
    }
    const ptr = this.top;
    this.ensure(ptr + size);
    this.top = ptr + size;
    return this.remember(ptr, size);
  }

  release(ptr: number): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) return;
    this.sizes.delete(ptr);
    let k = 0;
    while (k < this.free.length && this.free[k].ptr < ptr) k++;
    this.free.splice(k, 0, { ptr, size });
    // Coalesce with the right neighbour, then the left one.
    if (k + 1 < this.free.length && ptr + size === this.free[k + 1].ptr) {
      this.free[k].size += this.free[k + 1].size;
      this.free.splice(k + 1, 1);
    }
    if (k > 0 && this.free[k - 1].ptr + this.free[k - 1].size === ptr) {
      this.free[k - 1].size += this.free[k].size;
      this.free.splice(k, 1);
      k--;
    }
    // A free block that ends at the top gives its space back to the bump region.
    const last = this.free[this.free.length - 1];
    if (last && last.ptr + last.size === this.top) {
      this.top = last.ptr;
      this.free.pop();
    }
  }

  /** Bytes currently handed out (for tests and diagnostics). */
  get allocatedBytes(): number {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    return total;
  }

  private remember(ptr: number, size: number): number {
    this.sizes.set(ptr, size);
    return ptr;
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      throw new RangeError(
        `Midstream: the input needs ${end} bytes of WebAssembly memory, more than this engine can give (4 GiB at most)`,
      );
    }
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

let heapInstance: WasmHeap | undefined;

/** The allocator over the kernels' memory (created on first use). */
export function heap(): WasmHeap {
  if (!heapInstance) {
    const k = wasm();
    heapInstance = new WasmHeap(k.memory, k.heapBase());
  }
  return heapInstance;
}

export type { WasmHeap };

/** Buffers for one call: allocate, copy in, run kernels, read views, release. */
export class Scratch {
  private readonly blocks: number[] = [];
  readonly kernels: Kernels = wasm();

  alloc(bytes: number): number {
    const ptr = heap().alloc(bytes);
    this.blocks.push(ptr);
    return ptr;
  }

  /** Copies `values` into a new f64 block, or reserves `values` f64 slots. */
  f64(values: ArrayLike<number> | number): number {
    const length = typeof values === 'number' ? values : values.length;
    const ptr = this.alloc(length * 8);
    if (typeof values !== 'number') f64View(ptr, length).set(values);
    return ptr;
  }

  /** Copies `values` into a new i32 block, or reserves `values` i32 slots. */
  i32(values: ArrayLike<number> | number): number {
    const length = typeof values === 'number' ? values : values.length;
    const ptr = this.alloc(length * 4);
    if (typeof values !== 'number') i32View(ptr, length).set(values);
    return ptr;
  }

  release(): void {
    const h = heap();
    while (this.blocks.length) h.release(this.blocks.pop()!);
  }
}

/** Runs `body` with a Scratch whose blocks are freed afterwards, whatever happens. */
export function withScratch<T>(body: (scratch: Scratch, kernels: Kernels) => T): T {
  const scratch = new Scratch();
  try {
    return body(scratch, scratch.kernels);
  } finally {
    scratch.release();
  }
}

// Views must be taken after the last allocation of a call: growing the memory
// detaches every earlier view.
export function f64View(ptr: number, length: number): Float64Array {
  return new Float64Array(wasm().memory.buffer, ptr, length);
}

export function i32View(ptr: number, length: number): Int32Array {
  return new Int32Array(wasm().memory.buffer, ptr, length);
}
