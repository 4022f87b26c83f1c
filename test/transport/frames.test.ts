import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, FrameError, FrameType, type Frame } from '../../src/transport/frames';
import { seededRandom } from '../support/random';
import { randomBytes } from './support';

// Reference: the header layout written out byte by byte.
function referenceFrame(type: number, flags: number, stream: number, payload: Uint8Array): number[] {
  const n = payload.length;
  return [type, flags, stream >>> 24, (stream >>> 16) & 255, (stream >>> 8) & 255, stream & 255, n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, ...payload];
}

describe('framing', () => {
  it('encodes the documented 10-byte header', () => {
    const payload = Uint8Array.of(9, 8, 7);
    expect([...encodeFrame(FrameType.reset, 1, 0x01020304, payload)]).toEqual(referenceFrame(2, 1, 0x01020304, payload));
  });

  it('decodes frames split and joined at random points, in order and intact', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 20; round++) {
      const sent: { type: number; flags: number; stream: number; payload: number[] }[] = [];
      const bytes: number[] = [];
      for (let k = 0; k < 30; k++) {
        const payload = randomBytes(Math.floor(random() * 3000), round * 100 + k);
        const frame = { type: Math.floor(random() * 8), flags: Math.floor(random() * 2), stream: Math.floor(random() * 2 ** 32), payload: [...payload] };
        sent.push(frame);
        bytes.push(...referenceFrame(frame.type, frame.flags, frame.stream, payload));
      }
      const all = Uint8Array.from(bytes);
      const got: Frame[] = [];
      const decoder = new FrameDecoder(1 << 20);
      // Data frames may come in pieces (FIN only on the last): join them back.
      let pieces: number[] = [];
      let finSeen = false;
      const onFrame = (f: Frame) => {
        if (f.type === FrameType.data) expect(!f.end && (f.flags & 1) === 1).toBe(false);
        pieces.push(...f.payload);
        finSeen ||= !f.end && (f.flags & 1) === 1;
        if (f.end) {
          got.push({ ...f, payload: Uint8Array.from(pieces) });
          pieces = [];
        } else {
          expect(f.type).toBe(FrameType.data); // only data frames are split
        }
      };
      for (let at = 0; at < all.length; ) {
        const n = Math.min(all.length - at, 1 + Math.floor(random() * (random() < 0.3 ? 12 : 5000)));
        decoder.push(all.slice(at, at + n), onFrame);
        at += n;
      }
      expect(finSeen).toBe(false);
      expect(got.map((f) => ({ type: f.type, flags: f.flags, stream: f.stream, payload: [...f.payload] }))).toEqual(sent);
      expect(got.every((f) => f.end)).toBe(true);
      expect(decoder.buffered).toBe(0);
    }
  });

  it('refuses an unknown type and an over-long payload from the header alone', () => {
    expect(() => new FrameDecoder(100).push(Uint8Array.from(referenceFrame(8, 0, 1, new Uint8Array(0))), () => {})).toThrow(FrameError);
    const header = Uint8Array.from(referenceFrame(0, 0, 1, new Uint8Array(0)));
    header[9] = 101; // length 101, payload not even sent
    expect(() => new FrameDecoder(100).push(header, () => {})).toThrow(/exceeds the limit of 100/);
    // the same header split before its length field arrives
    const decoder = new FrameDecoder(100);
    decoder.push(header.subarray(0, 4), () => {});
    expect(() => decoder.push(header.subarray(4), () => {})).toThrow(FrameError);
  });
});
