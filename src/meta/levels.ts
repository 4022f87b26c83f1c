// Levels 1 and up. Level 1 weighs level-0 configurations by their realised
// rewards: EXP4 (Auer et al. 2002) with the configurations as experts, all run as
// shadows on the same feedback. Each configuration's reward for a trial is the
// doubly robust estimate (Dudík, Langford & Li 2011): a fast-forgetting model's
// prediction for the setting it proposed, corrected by the importance-weighted
// error of that model on the setting played. A fixed share (Herbster & Warmuth
// 1998) lets the weights move again when the stream drifts. Level k >= 2 chooses level
// k-1's learning rate by EXP3 over epochs, seeing only level k-1's mean reward.

/** EXP4 over level-0 configurations. */
export class ConfigLearner {
  readonly logWeight: Float64Array;
  readonly probability: Float64Array;
  /** Per configuration: importance-weighted reward sums (raw reward units), for knowledge(). */
  readonly estimateSum: Float64Array;
  readonly estimateSq: Float64Array;
  /** Scratch for the predictions of one update. */
  readonly predicted: Float64Array;
  updates = 0;
  realised = 0;
  /** Learning-rate multiplier, set by level 2. */
  rate = 1;

  constructor(
    readonly size: number,
    private readonly mix = 0.1,
    private readonly share = 0.002,
    private readonly step = 0.1,
  ) {
    this.logWeight = new Float64Array(size);
    this.probability = new Float64Array(size);
    this.estimateSum = new Float64Array(size);
    this.estimateSq = new Float64Array(size);
    this.predicted = new Float64Array(size);
    this.refresh();
  }


  /** The configuration whose proposal is played, drawn from the weights mixed with uniform exploration. */
  pick(uniform: number): number {
    return drawIndex(this.probability, uniform);
  }

  /**
   * One observation: `agree[i]` when configuration i proposed the setting played
   * (`played`: the probability of playing it), `unit` the reward scaled to
   * [0, 1], `predicted[i]` the model's prediction (same scale) for i's proposal
   * and `predictedPlayed` for the setting played; lo + unit·span is the raw reward.
   */
  update(agree: Uint8Array, played: number, unit: number, predicted: Float64Array, predictedPlayed: number, lo: number, span: number): void {
    const eta = this.rate * this.step;
    const correction = (unit - predictedPlayed) / played;
    for (let i = 0; i < this.size; i++) {
      const estimate = predicted[i] + (agree[i] ? correction : 0);
      this.logWeight[i] += eta * estimate;
      const raw = lo + estimate * span;
      this.estimateSum[i] += raw;
      this.estimateSq[i] += raw * raw;
    }
    this.realised += lo + unit * span;
    this.updates++;
    this.refresh();
  }

  best(): number {
    let best = 0;
    for (let i = 1; i < this.size; i++) if (this.logWeight[i] > this.logWeight[best]) best = i;
    return best;
  }

  /** Probabilities from the weights, after the fixed share. */
  private refresh(): void {
    const n = this.size;
    let top = -Infinity;
    for (let i = 0; i < n; i++) top = Math.max(top, this.logWeight[i]);
    let total = 0;
    for (let i = 0; i < n; i++) total += Math.exp(this.logWeight[i] - top);
    for (let i = 0; i < n; i++) {
      const w = (1 - this.share) * (Math.exp(this.logWeight[i] - top) / total) + this.share / n;
      this.logWeight[i] = Math.log(w);
      this.probability[i] = (1 - this.mix) * w + this.mix / n;
    }
  }
}

/** Learning-rate multipliers a level >= 2 chooses among for the level below. */
export const RATE_CHOICES = [0.25, 1, 4] as const;

/** Level k >= 2: EXP3 over RATE_CHOICES, one choice per epoch, rewarded with the epoch's mean (unit) reward. */
export class RateLearner {
  readonly logWeight = new Float64Array(RATE_CHOICES.length);
  readonly probability = new Float64Array(RATE_CHOICES.length);
  readonly epochSum = new Float64Array(RATE_CHOICES.length);
  readonly epochCount = new Float64Array(RATE_CHOICES.length);
  choice = 1;
  epochs = 0;
  realised = 0;
  rate = 1;
  private inEpoch = 0;
  private epochReward = 0;

  constructor(
    readonly level: number,
    readonly epochLength: number,
    private readonly mix = 0.1,
  ) {
    this.refresh();
  }


  /** Adds one reward of the level below; at an epoch's end returns true (a new choice is due). */
  add(unit: number): boolean {
    this.epochReward += unit;
    if (++this.inEpoch < this.epochLength) return false;
    const mean = this.epochReward / this.inEpoch;
    const c = this.choice;
    this.epochSum[c] += mean;
    this.epochCount[c]++;
    this.epochs++;
    this.realised += mean;
    const k = RATE_CHOICES.length;
    this.logWeight[c] += (this.rate * this.mix * mean) / (k * this.probability[c]);
    this.inEpoch = 0;
    this.epochReward = 0;
    this.refresh();
    return true;
  }

  pick(uniform: number): void {
    this.choice = drawIndex(this.probability, uniform);
  }

  private refresh(): void {
    mixedSoftmax(this.logWeight, this.probability, this.mix);
  }
}

/** probability = (1 − mix)·softmax(logWeight) + mix/n. */
function mixedSoftmax(logWeight: Float64Array, probability: Float64Array, mix: number): void {
  const n = logWeight.length;
  let top = -Infinity;
  for (let i = 0; i < n; i++) top = Math.max(top, logWeight[i]);
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.exp(logWeight[i] - top);
  for (let i = 0; i < n; i++) probability[i] = (1 - mix) * (Math.exp(logWeight[i] - top) / total) + mix / n;
}

/** The index a uniform draw falls on in a probability vector. */
function drawIndex(probability: Float64Array, uniform: number): number {
  let acc = 0;
  for (let i = 0; i < probability.length; i++) {
    acc += probability[i];
    if (uniform < acc) return i;
  }
  return probability.length - 1;
}
