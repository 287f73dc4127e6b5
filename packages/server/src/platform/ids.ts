import { randomBytes } from "node:crypto";

/**
 * Identifiers that sort by creation: 10 base-36 characters of wall time, a
 * per-process counter, then 8 random bytes. Sorting audit records by id keeps
 * insertion order even when a test's injected clock stands still.
 */
let lastTime = 0;
let counter = 0;

export function newId(): string {
  const time = Date.now();
  if (time === lastTime) counter++;
  else {
    lastTime = time;
    counter = 0;
  }
  return (
    time.toString(36).padStart(10, "0") +
    counter.toString(36).padStart(4, "0") +
    randomBytes(8).toString("hex")
  );
}

/** An opaque random token (sessions, CSRF). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
