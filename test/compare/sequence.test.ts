import { describe, expect, it } from 'vitest';
import { editDistance, lcs } from '../../src/index';
import { seededRandom, randomInt } from '../support/random';
import { referenceEditDistance, referenceLcs } from '../support/reference';

function randomTokens(random: () => number, length: number, alphabet: number): number[] {
  return Array.from({ length }, () => Math.floor(random() * alphabet));
}

describe('lcs and editDistance', () => {
  it('match the full-matrix DP on random token arrays', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 300; trial++) {
      const alphabet = randomInt(random, 1, 6);
      const a = randomTokens(random, randomInt(random, 0, 40), alphabet);
      const b = randomTokens(random, randomInt(random, 0, 40), alphabet);
      expect(lcs(a, b)).toBe(referenceLcs(a, b));
      expect(editDistance(a, b)).toBe(referenceEditDistance(a, b));
    }
  });

  it('match the DP on random strings, by code point', () => {
    const random = seededRandom(12);
    const letters = ['a', 'b', 'c', 'é', '😀'];
    for (let trial = 0; trial < 200; trial++) {
      const a = Array.from({ length: randomInt(random, 0, 25) }, () => letters[randomInt(random, 0, 4)]);
      const b = Array.from({ length: randomInt(random, 0, 25) }, () => letters[randomInt(random, 0, 4)]);
      expect(lcs(a.join(''), b.join(''))).toBe(referenceLcs(a, b));
      expect(editDistance(a.join(''), b.join(''))).toBe(referenceEditDistance(a, b));
    }
  });

  it('gives textbook values', () => {
    expect(lcs('ABCBDAB', 'BDCABA')).toBe(4);
    expect(lcs('AGGTAB', 'GXTXAYB')).toBe(4);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(lcs('', 'abc')).toBe(0);
    expect(editDistance('😀a', 'a')).toBe(1); // one code point, not two code units
  });

  it('compare any tokens by value, mixing strings and numbers', () => {
    expect(lcs(['GET', 'POST', 'GET'], ['POST', 'GET'])).toBe(2);
    expect(editDistance([1, '1', true], [1, 1, true])).toBe(1);
    expect(editDistance(new Int32Array([1, 2, 3]), [1, 2, 3])).toBe(0);
  });
});
