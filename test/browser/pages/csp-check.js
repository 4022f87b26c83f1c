// Loaded by the CSP pages after dist/midstream.min.js: the script-tag bundle's outcome.
window.scriptTagOutcome = Midstream.ready.then(
  () => ({ dtw: Midstream.dtw([1, 2, 3, 4, 2], [1, 3, 4, 4, 1, 0]), matches: Midstream.findSimilar([0, 1, 2, 1, 0, 1, 2, 1, 0], [1, 2, 1], 0.5) }),
  (error) => ({ error: error.message }),
);
