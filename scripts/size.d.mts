// Types for scripts/size.mjs (used by test/size.test.ts).
export const WASM_LIMIT: number;
export const WASM_TARGET: number;
export function measure(): {
  wasmBytes: number;
  wasmGzipBytes: number;
  scriptBytes: number;
  scriptGzipBytes: number;
  esmBytes: number;
  esmGzipBytes: number;
};
export function sizeReport(): string;
