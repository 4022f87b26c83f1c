// Thresholds that fall in the widest gaps between reference distances, so that a
// result cannot flip on rounding: a search result depends on which side of the
// threshold each distance lies.
export function separatingThresholds(reference: Array<{ distance: number }>, count: number): number[] {
  const distances = reference.map((x) => x.distance).filter(Number.isFinite).sort((p, q) => p - q);
  const picks: number[] = [];
  for (let k = 1; k <= count; k++) {
    const i = Math.min(distances.length - 1, Math.floor((k * k * distances.length) / (4 * count * count)) + 1);
    if (i < 1) continue;
    // The gap just below distance i: the midpoint keeps both neighbours away.
    if (distances[i] - distances[i - 1] > 1e-6) picks.push((distances[i] + distances[i - 1]) / 2);
  }
  return picks;
}
