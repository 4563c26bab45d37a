/** How many entries a memo keeps before it starts over: bounded, whatever the input. */
const REMEMBERED = 4096;

/** `compute()` for `key`, remembered in `cache` (cleared when it holds `limit` entries). */
export function remembered<V>(cache: Map<string, V>, key: string, compute: () => V, limit = REMEMBERED): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}
