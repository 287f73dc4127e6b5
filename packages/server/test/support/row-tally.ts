/** Small helpers for reading many rows and counting them, shared by the consistency checks. */
export const key = (...parts: (string | number | null | undefined)[]) => parts.join("|");

/** `sorted` is exactly 1, 2, …, n. */
export function isOneToN(sorted: number[], n: number): boolean {
  return sorted.length === n && sorted.every((value, index) => value === index + 1);
}

export function chunks<T>(items: T[], size = 500): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

export async function inChunks<T, R>(items: T[], query: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (const chunk of chunks(items)) results.push(...(await query(chunk)));
  return results;
}

export function countBy<T>(items: T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

export function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
