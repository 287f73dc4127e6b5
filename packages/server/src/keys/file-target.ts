import { sealedFileBinding, type Variant } from "../materials/sealed-files.ts";
import type { KeyTarget } from "./target.ts";

/**
 * Stored files (materials' originals and thumbnails), re-sealed in place under
 * the same storage key: no row changes, and the batch's rows are held while
 * their files are rewritten, so a concurrent replacement or deletion waits.
 */
const FILES: readonly { column: "storage_key" | "thumbnail_key"; variant: Variant }[] = [
  { column: "storage_key", variant: "original" },
  { column: "thumbnail_key", variant: "thumbnail" },
];

export const fileTarget: KeyTarget = {
  name: "material files",
  walk: { table: "material", keys: ["id"] },
  sealedColumns: [],
  batchShare: 0.1,
  async visit(pass, _executor, row) {
    const { cipher, storage } = pass.ctx;
    for (const { column, variant } of FILES) {
      const key = row[column];
      if (typeof key !== "string") continue;
      pass.tally.values++;
      let bytes: Buffer;
      try {
        bytes = await storage.get(key);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        pass.tally.missing++;
        continue;
      }
      const context = sealedFileBinding(String(row.id), variant);
      let resealed: Buffer;
      try {
        if (cipher.isCurrentBytes(bytes)) {
          if (!pass.write) cipher.decryptBytes(bytes, context);
          continue;
        }
        resealed = cipher.resealBytes(bytes, context);
      } catch {
        pass.tally.unreadable++;
        continue;
      }
      pass.tally.stale++;
      if (pass.write) await storage.replace(key, resealed);
    }
  },
};
