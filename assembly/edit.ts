import { getI32, setI32 } from './memory';

// Levenshtein distance (unit insert, delete, substitute) of two i32 token arrays
// by the Wagner-Fischer DP in one row of m + 1 i32s. Put the shorter array in `b`.
export function levenshtein(a: usize, n: i32, b: usize, m: i32, row: usize): i32 {
  for (let j = 0; j <= m; j++) setI32(row, j, j);
  for (let i = 1; i <= n; i++) {
    const ai = getI32(a, i - 1);
    let diag = i - 1; // E(i-1, j-1)
    let left = i;     // E(i, j-1)
    setI32(row, 0, i);
    for (let j = 1; j <= m; j++) {
      const up = getI32(row, j);
      const substitute = diag + i32(ai != getI32(b, j - 1));
      const v = min(substitute, min(up, left) + 1);
      setI32(row, j, v);
      diag = up;
      left = v;
    }
  }
  return getI32(row, m);
}
