import { getI32, setI32 } from './memory';

// Longest common subsequence length of two i32 token arrays (strings arrive as
// code points, numbers as ids of equal values), by the classic DP
// L(i, j) = a[i] == b[j] ? L(i-1, j-1) + 1 : max(L(i-1, j), L(i, j-1))
// kept in one row of m + 1 i32s. Put the shorter array in `b`.
export function lcsLength(a: usize, n: i32, b: usize, m: i32, row: usize): i32 {
  for (let j = 0; j <= m; j++) setI32(row, j, 0);
  for (let i = 0; i < n; i++) {
    const ai = getI32(a, i);
    let diag = 0; // L(i-1, j-1)
    let left = 0; // L(i, j-1)
    for (let j = 1; j <= m; j++) {
      const up = getI32(row, j);
      const v = ai == getI32(b, j - 1) ? diag + 1 : max(up, left);
      setI32(row, j, v);
      diag = up;
      left = v;
    }
  }
  return getI32(row, m);
}
