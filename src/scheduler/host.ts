// Yielding to the host: run a callback on a later turn of the event loop, after the
// host has had its chance to do I/O, timers and rendering.
//
// - setImmediate (Node, Bun): runs in the check phase, after I/O polling, and unlike
//   setTimeout(0) it is not clamped to 1 ms (or 4 ms after nesting in browsers).
// - MessageChannel (browsers, web workers, Deno): a macrotask without that clamp; the
//   same trick React's scheduler uses. Where the port can be unref'd (Node), it holds
//   the process open only while a turn is pending.
// - setTimeout(0) otherwise.
// Only `globalThis` features are used; no `window` is needed.

export interface HostTurn {
  /** Asks for `run` to be called on a later host turn. Callers ask at most once per turn. */
  request(): void;
}

interface UnrefablePort {
  ref?: () => void;
  unref?: () => void;
}

/** Picks the best yield primitive available in this global scope. */
export function createHostTurn(run: () => void): HostTurn {
  const host = globalThis as {
    setImmediate?: (callback: () => void) => unknown;
    MessageChannel?: typeof MessageChannel;
  };
  const setImmediateFn = host.setImmediate;
  if (typeof setImmediateFn === 'function') {
    return { request: () => void setImmediateFn(run) };
  }
  if (typeof host.MessageChannel === 'function') {
    const channel = new host.MessageChannel();
    const receiver = channel.port1 as MessagePort & UnrefablePort;
    const sender = channel.port2;
    receiver.onmessage = () => {
      receiver.unref?.();
      run();
    };
    receiver.unref?.();
    return {
      request: () => {
        receiver.ref?.();
        sender.postMessage(null);
      },
    };
  }
  return { request: () => void setTimeout(run, 0) };
}
