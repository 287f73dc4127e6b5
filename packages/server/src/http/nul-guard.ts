import { AppError } from "@openbeian/core";
import type { FastifyRequest } from "fastify";

/**
 * Refuses U+0000 anywhere in a request's path parameters, query string or JSON body
 * (values and keys). PostgreSQL cannot hold it in text, so an id or a note carrying
 * one failed deep inside a query as a 500 (and no form or ID ever contains it); now
 * it is a 400 before any handler runs, on both engines alike.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [
    ["params", request.params],
    ["query", request.query],
    ["body", request.body],
  ] as const) {
    if (!holdsNul(value)) continue;
    const field = pathOfNul(value);
    if (field !== null) {
      throw new AppError("VALIDATION_FAILED", [
        { field: field || part, problem: "nul_character", message: "must not contain U+0000" },
      ]);
    }
  }
}

/** The quick look every request gets: no paths kept, arrays walked by index. */
function holdsNul(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") {
      if (value.includes("\u0000")) return true;
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) stack.push(value[index]);
    } else if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
      for (const key in value) {
        if (key.includes("\u0000")) return true;
        stack.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | null;
}

/**
 * The dotted path of the first string or key holding U+0000, or null. Iterative, and
 * the path is only spelled out when found: bodies may nest 100,000 levels deep.
 */
function pathOfNul(root: unknown): string | null {
  const stack: Visit[] = [{ value: root, key: "", parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return pathOf(visit);
    } else if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
      for (const [key, item] of Object.entries(value)) {
        const child = { value: item, key, parent: visit };
        if (key.includes("\u0000")) return pathOf(child);
        stack.push(child);
      }
    }
  }
  return null;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.push(at.key);
  // A path through 100,000 levels is no help to anyone: the first few hundred characters are.
  return keys.reverse().join(".").slice(0, 200);
}
