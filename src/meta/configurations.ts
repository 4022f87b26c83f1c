// The level-0 configurations level 1 chooses among.
import { ALGORITHMS, type Algorithm, type Level0Config } from './bandit';
import { checkChoice, checkNumber } from '../validate';

/** Each algorithm's default exploration: UCB1's c, ε-greedy's ε, Thompson sampling's posterior width. */
export const DEFAULT_EXPLORATION: Record<Algorithm, number> = { thompson: 1, ucb1: 1, 'epsilon-greedy': 0.1 };

/**
 * The shadows: stationary, discounted (slow and fast) and sliding-window
 * variants, of every algorithm, or of the one given.
 */
export function defaultConfigurations(algorithm: Algorithm | undefined): Level0Config[] {
  const make = (a: Algorithm, discount = 1, window = 0, exploration = DEFAULT_EXPLORATION[a]): Level0Config => ({
    algorithm: a,
    exploration,
    discount,
    window,
  });
  if (algorithm === undefined) {
    return [
      make('thompson'),
      make('thompson', 0.995),
      make('thompson', 0.98),
      make('ucb1'),
      make('ucb1', 0.995, 0, 0.5),
      make('epsilon-greedy', 0.995),
    ];
  }
  const half = DEFAULT_EXPLORATION[algorithm] / 2;
  return [make(algorithm), make(algorithm, 0.995), make(algorithm, 0.98), make(algorithm, 1, 500), make(algorithm, 0.995, 0, half)];
}

export function checkConfiguration(value: unknown, name: string, where: string): Level0Config {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${where}: ${name} must be an object`);
  const c = value as Partial<Level0Config>;
  const algorithm = checkChoice(c.algorithm, ALGORITHMS, `${name}.algorithm`, where);
  return {
    algorithm,
    exploration: c.exploration === undefined ? DEFAULT_EXPLORATION[algorithm] : checkNumber(c.exploration, `${name}.exploration`, where, { min: 0 }),
    discount: c.discount === undefined ? 1 : checkNumber(c.discount, `${name}.discount`, where, { min: Number.MIN_VALUE, max: 1 }),
    window: c.window === undefined ? 0 : checkNumber(c.window, `${name}.window`, where, { integer: true, min: 0 }),
  };
}
