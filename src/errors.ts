// Error classes every part may throw. The rule (see src/validate.ts): a value of
// the wrong kind is a TypeError, a value of the right kind out of range or not
// among the choices a RangeError, too little data an InsufficientDataError.

/**
 * The data are too short for what was asked (a series shorter than the
 * embedding needs, a pattern longer than the series, ...). A RangeError, so
 * code that catches RangeError keeps working; catch this class to tell "more
 * data needed" apart from every other error.
 */
export class InsufficientDataError extends RangeError {
  override readonly name = 'InsufficientDataError';
  /** How many points (or samples, states, ...) were needed. */
  readonly needed: number;
  /** How many were given. */
  readonly given: number;

  constructor(message: string, needed: number, given: number) {
    super(message);
    this.needed = needed;
    this.given = given;
  }
}
