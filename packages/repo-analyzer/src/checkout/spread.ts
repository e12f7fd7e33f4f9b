/**
 * At most `count` items of a list, spread evenly over it, so a bounded
 * sample of files covers every folder. Deterministic: the same list gives
 * the same sample.
 */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]);
}
