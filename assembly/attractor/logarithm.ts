import { getF64, setF64 } from '../memory';

/**
 * values[i] = ln(values[i]) for i < n, with AssemblyScript's logarithm (compiled
 * into the module): the log-log fits then see the same bits in every engine,
 * where JavaScript's Math.log may differ in the last bit between engines.
 */
export function naturalLogs(values: usize, n: i32): void {
  for (let i = 0; i < n; i++) setF64(values, i, Math.log(getF64(values, i)));
}
