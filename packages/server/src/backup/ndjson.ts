import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { createInterface } from "node:readline";

/** One JSON value per line, the way backups keep rows and file lists. */
export async function* readNdjson<T = Record<string, unknown>>(path: string): AsyncGenerator<T> {
  const input = createReadStream(path, "utf8");
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity }))
      if (line !== "") yield JSON.parse(line) as T;
  } finally {
    // A reader that stops early (a sample) closes the file too.
    input.destroy();
  }
}

/** Appends lines to an open file, keeping the count, the size and the SHA-256 of what was written. */
export class NdjsonWriter {
  private readonly hash = createHash("sha256");
  lines = 0;
  bytes = 0;

  constructor(private readonly handle: FileHandle) {}

  async write(values: readonly unknown[]): Promise<void> {
    if (values.length === 0) return;
    const chunk = Buffer.from(values.map((value) => `${JSON.stringify(value)}\n`).join(""), "utf8");
    this.hash.update(chunk);
    await this.handle.write(chunk);
    this.lines += values.length;
    this.bytes += chunk.length;
  }

  /** Flushed to disk: a backup that says it is finished is. */
  async finish(): Promise<{ rows: number; bytes: number; sha256: string }> {
    await this.handle.sync();
    await this.handle.close();
    return { rows: this.lines, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }
}

/** A file's size, SHA-256 and number of lines, read as a stream (constant memory). */
export async function digestFile(path: string): Promise<{ bytes: number; sha256: string; lines: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    for (let index = chunk.indexOf(10); index >= 0; index = chunk.indexOf(10, index + 1)) lines++;
  }
  return { bytes, sha256: hash.digest("hex"), lines };
}
