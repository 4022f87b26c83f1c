// Types for scripts/size.mjs (used by test/size.test.ts).
export const WASM_LIMIT: number;
export const WASM_TARGET: number;
export interface Bundle {
  file: string;
  what: string;
  gzipLimit: number;
  inlinesWasm: boolean;
}
export const BUNDLES: readonly Bundle[];
export function measure(): {
  wasmBytes: number;
  wasmGzipBytes: number;
  bundles: (Bundle & { bytes: number; gzipBytes: number; hasWasm: boolean })[];
};
export function sizeReport(): string;
