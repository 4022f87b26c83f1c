// Owns the one WebAssembly instance: decoding the inlined bytes, compiling them
// (asynchronously with init(), or synchronously on first use), and handing the
// kernels to the rest of the library.
import { wasmBase64 } from './generated/wasm-bytes';

/** The raw exports of assembly/index.ts. Pointers are byte offsets into `memory`. */
export interface Kernels {
  memory: WebAssembly.Memory;
  heapBase(): number;
  // compare (assembly/dtw.ts, lcs.ts, edit.ts)
  dtwDistance(a: number, n: number, b: number, m: number, w: number, squared: number, abandonAbove: number, rows: number): number;
  dtwCostMatrix(a: number, n: number, b: number, m: number, w: number, squared: number, matrix: number): number;
  dtwBacktrack(matrix: number, n: number, m: number, w: number, path: number): number;
  lcsLength(a: number, n: number, b: number, m: number, row: number): number;
  levenshtein(a: number, n: number, b: number, m: number, row: number): number;
}

let kernels: Kernels | undefined;
let compiling: Promise<void> | undefined;

function noWebAssembly(): Error {
  return new Error(
    'Midstream needs WebAssembly, which this environment does not provide ' +
      "(or a Content-Security-Policy without 'wasm-unsafe-eval' forbids it).",
  );
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function adopt(instance: WebAssembly.Instance): void {
  kernels ??= instance.exports as unknown as Kernels;
}

/**
 * Compiles and instantiates the module asynchronously (the browser-friendly
 * path). Idempotent: every call returns the same promise. Calling it is optional
 * in Node, where the first kernel call compiles synchronously.
 */
export function init(): Promise<void> {
  if (kernels) return Promise.resolve();
  compiling ??= (async () => {
    if (typeof WebAssembly === 'undefined') throw noWebAssembly();
    const { instance } = await WebAssembly.instantiate(decodeBase64(wasmBase64) as BufferSource);
    adopt(instance);
  })();
  return compiling;
}

/** Compiles and instantiates the module synchronously. */
export function initSync(): void {
  if (kernels) return;
  if (typeof WebAssembly === 'undefined') throw noWebAssembly();
  const module = new WebAssembly.Module(decodeBase64(wasmBase64) as BufferSource);
  adopt(new WebAssembly.Instance(module, {}));
}

/** The kernels, compiling synchronously on first use if init() has not finished. */
export function wasm(): Kernels {
  if (!kernels) initSync();
  return kernels!;
}

/** True once the module is compiled and every function can be called synchronously. */
export function isReady(): boolean {
  return kernels !== undefined;
}
