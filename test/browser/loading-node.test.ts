// Loading semantics, the Node side (no browser needed): the `ready` promise,
// the synchronous path, and the error without WebAssembly. The browser side is
// in script-tag.test.ts and esm-worker.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';

type Library = typeof import('../../src/index');

async function freshLibrary(): Promise<Library> {
  vi.resetModules();
  return import('../../src/index');
}

describe('loading in Node', () => {
  const savedWebAssembly = globalThis.WebAssembly;
  afterEach(() => {
    globalThis.WebAssembly = savedWebAssembly;
  });

  it('`ready` is a promise that resolves once the module is compiled; init() is the same outcome', async () => {
    const lib = await freshLibrary();
    expect(lib.ready).toBeInstanceOf(Promise);
    await expect(lib.ready).resolves.toBeUndefined();
    expect(lib.isReady()).toBe(true);
    await expect(lib.init()).resolves.toBeUndefined();
    expect(lib.dtw([1, 2, 3], [1, 2, 2, 3])).toBe(0);
  });

  it('synchronous path: the first call compiles synchronously, before `ready` settles', async () => {
    // A slow asynchronous compile, so the call surely comes first.
    const instantiate = WebAssembly.instantiate;
    const slow = vi
      .spyOn(WebAssembly, 'instantiate')
      .mockImplementation(((...args: Parameters<typeof instantiate>) =>
        new Promise((done) => setTimeout(done, 100)).then(() => instantiate(...args))) as typeof instantiate);
    const lib = await freshLibrary();
    expect(slow).toHaveBeenCalledTimes(1);
    slow.mockRestore();
    expect(lib.isReady()).toBe(false);
    expect(lib.dtw([0, 0], [1, 1, 1])).toBe(3);
    expect(lib.isReady()).toBe(true);
    await expect(lib.ready).resolves.toBeUndefined();
    expect(lib.dtw([0, 0], [1, 1, 1])).toBe(3);
  });

  it('initSync() compiles at once', async () => {
    const lib = await freshLibrary();
    lib.initSync();
    expect(lib.isReady()).toBe(true);
    expect(lib.editDistance('kitten', 'sitting')).toBe(3);
  });

  it('without WebAssembly: importing is quiet; calls, init() and ready give a clear error', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // @ts-expect-error - simulating an engine without WebAssembly
      delete globalThis.WebAssembly;
      const lib = await freshLibrary();
      const message = /^Midstream needs WebAssembly, which this environment does not provide/;
      expect(() => lib.dtw([1], [1])).toThrow(message);
      expect(() => lib.initSync()).toThrow(message);
      await expect(lib.init()).rejects.toThrow(message);
      await expect(lib.ready).rejects.toThrow(message);
      expect(lib.isReady()).toBe(false);
      await new Promise((done) => setTimeout(done, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
