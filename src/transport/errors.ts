// Errors a session hands to users. Codes are unsigned 32-bit numbers chosen by
// the application, except the few reserved below.

/** Session close codes the library itself uses; applications may use any other. */
export const CloseCode = {
  normal: 0,
  /** The peer broke the framing or flow-control rules (fuzzed or foreign bytes). */
  protocolError: 1,
  /** No frame arrived for the idle timeout. */
  idleTimeout: 2,
  /** The server is shutting down. */
  goingAway: 3,
  /** The wire went away without a close frame (never sent; reported locally). */
  connectionLost: 4,
} as const;

/** Stream reset codes the library itself uses. */
export const StreamCode = {
  /** Default code of writable.abort() / readable.cancel() without a StreamError. */
  cancelled: 0,
  /** The peer has its maximum number of streams open. */
  refused: 0xffff_ff01,
  /** The session closed while the stream was open. */
  sessionClosed: 0xffff_ff02,
  /** A feed violated serve's limits (message too long, bad header). */
  limitExceeded: 0xffff_ff03,
} as const;

/**
 * A stream was reset or asked to stop: `code` and `reason` are what the peer
 * (or the local side) gave. Pass one to `writable.abort()` or `readable.cancel()`
 * to send that code.
 */
export class StreamError extends Error {
  override name = 'StreamError';
  constructor(
    readonly code: number,
    readonly reason = '',
    /** Whether the peer sent it (false: the local side or the session). */
    readonly remote = false,
  ) {
    super(`stream ${remote ? 'reset by the peer' : 'reset'} with code ${code}${reason ? `: ${reason}` : ''}`);
  }
}

/** The session is closed (or failed): streams error with it, `closed` rejects with it when it was not a clean close. */
export class SessionError extends Error {
  override name = 'SessionError';
  constructor(
    readonly code: number,
    readonly reason: string,
    readonly remote: boolean,
  ) {
    super(`session closed${remote ? ' by the peer' : ''} with code ${code}${reason ? `: ${reason}` : ''}`);
  }
}

/** Codes travel as u32; anything else is refused. */
export function checkCode(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number') throw new TypeError(`${where}: ${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`${where}: ${name} must be a whole number from 0 to 4294967295, got ${value}`);
  }
  return value;
}

/** The code a reset carries for an abort/cancel reason: a StreamError's own, else 0. */
export function codeOf(reason: unknown): { code: number; reason: string } {
  if (reason instanceof StreamError) return { code: reason.code, reason: reason.reason };
  if (reason instanceof Error) return { code: StreamCode.cancelled, reason: reason.message };
  return { code: StreamCode.cancelled, reason: reason === undefined ? '' : String(reason) };
}
