// Owns the one WebAssembly instance: decoding the inlined bytes, compiling them
// and handing the kernels to the rest of the library.
//
// Loading, in short:
// - On import, the module starts compiling asynchronously (`ready`), so a page's
//   main thread never has to block on it.
// - `await init()` (or `await ready`) guarantees it is done; both settle with
//   the same outcome.
// - A call made before that finishes compiles synchronously instead (the module
//   is a few KB; a test keeps it under 100 KB, far below the 8 MB that Chromium
//   allows for synchronous compilation on a page's main thread). If the engine
//   refuses, the error says to `await Midstream.init()` first.
// - Node, Deno, Bun and workers can also call initSync() explicitly.
import { wasmBase64 } from './generated/wasm-bytes';
import type { Kernels } from './generated/kernels';

/**
 * The raw exports of assembly/index.ts, typed from what the AssemblyScript
 * compiler declares (`asc --bindings raw`, turned into src/generated/kernels.ts
 * by scripts/embed-wasm.mjs), so a kernel's signature cannot drift from its
 * declaration here. Pointers are byte offsets into `memory`.
 */
export type { Kernels };

let kernels: Kernels | undefined;
let compiling: Promise<void> | undefined;

function noWebAssembly(): Error {
  return new Error(
    'Midstream needs WebAssembly, which this environment does not provide ' +
      '(globalThis.WebAssembly is undefined: a very old browser, a WebAssembly-disabled ' +
      'engine such as iOS Lockdown Mode, or a JavaScript-only runtime).',
  );
}

/** Rewords the engine's error when a Content-Security-Policy forbids compiling wasm. */
function explainCompileError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (/Content.Security.Policy|unsafe-eval|wasm-eval|CSP/i.test(message)) {
    return new Error(
      "Midstream: the page's Content-Security-Policy forbids compiling WebAssembly; " +
        "add 'wasm-unsafe-eval' to its script-src directive, e.g. " +
        "Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'. (" +
        message +
        ')',
      { cause: error },
    );
  }
  return error;
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
 * path). Idempotent: every call returns the same promise, which rejects with a
 * clear Error when WebAssembly is unavailable or forbidden by a
 * Content-Security-Policy.
 */
export function init(): Promise<void> {
  if (kernels) return Promise.resolve();
  compiling ??= (async () => {
    if (typeof WebAssembly === 'undefined') throw noWebAssembly();
    try {
      const { instance } = await WebAssembly.instantiate(decodeBase64(wasmBase64) as BufferSource);
      adopt(instance);
    } catch (error) {
      if (kernels) return; // initSync() won meanwhile
      throw explainCompileError(error);
    }
  })();
  return compiling;
}

/**
 * Compiles and instantiates the module synchronously. Meant for Node, Deno,
 * Bun and workers; on a page prefer `await init()`.
 */
export function initSync(): void {
  if (kernels) return;
  if (typeof WebAssembly === 'undefined') throw noWebAssembly();
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(decodeBase64(wasmBase64) as BufferSource);
  } catch (error) {
    const explained = explainCompileError(error);
    if (explained !== error || !(error instanceof RangeError)) throw explained;
    // An engine limit on synchronous compilation (Chromium: 8 MB on a page's main thread).
    throw new Error(
      'Midstream: this engine will not compile WebAssembly synchronously here; ' +
        'call `await Midstream.init()` (or `await Midstream.ready`) before the first call. (' +
        error.message +
        ')',
      { cause: error },
    );
  }
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

/**
 * Settles when the module is compiled: the same outcome as `init()`, started
 * when the library is imported. It rejects (with the same clear Error as
 * init()) when WebAssembly is unavailable; the rejection is marked handled, so
 * loading the library never causes an unhandled-rejection warning by itself.
 */
export const ready: Promise<void> = init();
ready.catch(() => {});
