import { sealedFileBinding } from "../materials/sealed-files.ts";

/**
 * The columns that hold keys of stored files, and what each file is sealed with. A
 * backup copies exactly the files the snapshot's rows point at; a restore opens some
 * with the data key to prove it is the right one. A new kind of stored file is added here.
 */
export interface StorageReference {
  table: string;
  column: string;
  /** The associated data the file was sealed with, from its row. */
  binding(row: Record<string, unknown>): string;
}

export const STORAGE_REFERENCES: readonly StorageReference[] = [
  {
    table: "material",
    column: "storage_key",
    binding: (row) => sealedFileBinding(String(row.id), "original"),
  },
  {
    table: "material",
    column: "thumbnail_key",
    binding: (row) => sealedFileBinding(String(row.id), "thumbnail"),
  },
];

/** By convention (schema.ts) a column whose name ends in `_enc` holds a value encrypted with the data key. */
export const isEncryptedColumn = (column: string) => column.endsWith("_enc");
