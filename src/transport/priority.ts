// Stream priorities after RFC 9218 (Extensible Prioritization Scheme for HTTP):
// an urgency from 0 (most urgent) to 7 and an incremental flag. One rule for
// every backend, in both directions of a stream:
// - strict priority across urgencies: a frame of urgency u goes before any of urgency > u,
// - among streams of one urgency, incremental streams take turns frame by frame
//   (round-robin) and non-incremental ones go first come, first served,
// - aging: a frame that has waited `agingMs` per urgency level of difference
//   goes before fresher, more urgent frames, so nothing starves.
import { checkNumber, checkOptions } from '../validate';

export type PriorityName = 'critical' | 'high' | 'normal' | 'low';

/** What names mean: critical 0, high 1, normal 3 (RFC 9218's default), low 6. */
export const PRIORITY_URGENCY: Readonly<Record<PriorityName, number>> = { critical: 0, high: 1, normal: 3, low: 6 };

export const DEFAULT_URGENCY = 3;

export interface StreamPriority {
  /** 0 (most urgent) to 7. Default 3. */
  urgency?: number;
  /** Share the connection frame by frame with other incremental streams of the same urgency. Default false. */
  incremental?: boolean;
}

/** A priority as options take it: a name, an urgency number, or `{ urgency, incremental }`. */
export type PriorityInput = PriorityName | number | StreamPriority;

export interface ResolvedPriority {
  urgency: number;
  incremental: boolean;
}

export function resolvePriority(value: PriorityInput | undefined, name: string, where: string): ResolvedPriority {
  if (value === undefined || value === null) return { urgency: DEFAULT_URGENCY, incremental: false };
  if (typeof value === 'string') {
    if (!Object.prototype.hasOwnProperty.call(PRIORITY_URGENCY, value)) {
      throw new RangeError(`${where}: ${name} must be one of 'critical', 'high', 'normal', 'low' or an urgency 0-7, got '${value}'`);
    }
    return { urgency: PRIORITY_URGENCY[value as PriorityName], incremental: false };
  }
  if (typeof value === 'number') return { urgency: checkUrgency(value, name, where), incremental: false };
  const o = checkOptions(value as StreamPriority, where, name);
  const incremental = o.incremental ?? false;
  if (typeof incremental !== 'boolean') throw new TypeError(`${where}: ${name}.incremental must be a boolean, got ${typeof incremental}`);
  return {
    urgency: o.urgency === undefined ? DEFAULT_URGENCY : checkUrgency(o.urgency, `${name}.urgency`, where),
    incremental,
  };
}

function checkUrgency(value: unknown, name: string, where: string): number {
  return checkNumber(value, name, where, { integer: true, min: 0, max: 7 });
}

/** The priority as the frame payload carries it (urgency u8, incremental u8). */
export function encodePriority(p: ResolvedPriority): Uint8Array {
  return Uint8Array.of(p.urgency, p.incremental ? 1 : 0);
}

/** Undefined for a malformed payload (the caller reports the protocol error). */
export function decodePriority(payload: Uint8Array): ResolvedPriority | undefined {
  if (payload.byteLength !== 2 || payload[0] > 7 || payload[1] > 1) return undefined;
  return { urgency: payload[0], incremental: payload[1] === 1 };
}
