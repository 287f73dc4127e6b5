import type { CatalogueTable } from "./catalogue.ts";

/**
 * Tables in an order that loads without breaking a foreign key: every table after the
 * tables it references (a restore inserts in this order and empties in the reverse).
 * Ties go by name, so the order is the same on every run and engine. A reference to the
 * table itself is left to the row order; a cycle between tables cannot be loaded with
 * the immediate constraints both engines have here, so it is an error.
 */
export function loadOrder(tables: readonly CatalogueTable[]): CatalogueTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const placed = new Set<string>();
  const ordered: CatalogueTable[] = [];
  const remaining = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  while (remaining.length > 0) {
    const next = remaining.findIndex((table) =>
      table.references.every((ref) => ref === table.name || placed.has(ref) || !byName.has(ref)),
    );
    if (next < 0)
      throw new Error(`foreign keys form a cycle among: ${remaining.map((t) => t.name).join(", ")}`);
    const [table] = remaining.splice(next, 1);
    placed.add(table!.name);
    ordered.push(table!);
  }
  return ordered;
}
