// Errors of the strange loop.

/** A level above the loop's maxDepth was asked for. A RangeError, so code that catches RangeError keeps working. */
export class MaxDepthExceededError extends RangeError {
  override readonly name = 'MaxDepthExceededError';
  /** The level asked for. */
  readonly level: number;
  /** The highest level the loop has (its maxDepth). */
  readonly maxDepth: number;

  constructor(where: string, level: number, maxDepth: number) {
    super(`${where}: level ${level} is beyond the loop's maxDepth ${maxDepth} (levels 0..${maxDepth} exist)`);
    this.level = level;
    this.maxDepth = maxDepth;
  }
}
