// Small helpers over arrays and maps that more than one domain uses.

/** Items grouped by a key, each group in the items' order (Map.groupBy is Node 21). */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const item of items) {
    const list = m.get(key(item));
    if (list) list.push(item);
    else m.set(key(item), [item]);
  }
  return m;
}
