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
