/** First byte that static data does not use: the TypeScript heap starts here. */
export function heapBase(): usize {
  return __heap_base;
}

// Element access to f64 / i32 arrays that live at a byte offset in linear memory.
@inline export function getF64(base: usize, index: i32): f64 {
  return load<f64>(base + (<usize>index << 3));
}

@inline export function setF64(base: usize, index: i32, value: f64): void {
  store<f64>(base + (<usize>index << 3), value);
}

@inline export function getI32(base: usize, index: i32): i32 {
  return load<i32>(base + (<usize>index << 2));
}

@inline export function setI32(base: usize, index: i32, value: i32): void {
  store<i32>(base + (<usize>index << 2), value);
}

// min of two f64s that are never NaN. Wasm's f64.min must also order -0 before +0
// and propagate NaN, which engines compile to a branchy sequence; a compare and a
// select is what the DP recurrences need and runs much faster in hot loops.
@inline export function minF64(x: f64, y: f64): f64 {
  return select<f64>(x, y, x < y);
}
