// Loaded by the CSP pages: the ESM bundle's outcome.
import * as Midstream from '/dist/index.mjs';

window.moduleOutcome = Midstream.init().then(
  () => ({ dtw: Midstream.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]), lcs: Midstream.lcs('ABCBDAB', 'BDCABA') }),
  (error) => {
    let call;
    try {
      call = 'returned ' + Midstream.dtw([1], [1]);
    } catch (e) {
      call = e.message;
    }
    return { error: error.message, call };
  },
);
