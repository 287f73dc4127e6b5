import type { AppContext } from "../platform/context.ts";

/**
 * Material bytes at rest: only ciphertext reaches the storage directory. Each
 * file is bound to its material and variant, so a key copied into another row
 * does not open.
 */
export type Variant = "original" | "thumbnail";

/** The associated data a material's file is sealed with (a restore's key check opens files with it). */
export const sealedFileBinding = (materialId: string, variant: Variant) =>
  `material:${materialId}:${variant}`;

export async function putSealed(
  ctx: AppContext,
  materialId: string,
  variant: Variant,
  bytes: Uint8Array,
): Promise<string> {
  const stored = await ctx.storage.put(
    ctx.cipher.encryptBytes(bytes, sealedFileBinding(materialId, variant)),
  );
  return stored.key;
}

export async function getOpened(
  ctx: AppContext,
  materialId: string,
  variant: Variant,
  key: string,
): Promise<Buffer> {
  return ctx.cipher.decryptBytes(await ctx.storage.get(key), sealedFileBinding(materialId, variant));
}

/**
 * Removes files no row points to any more. Called after the commit that let go
 * of them (or after a failed one that never used them); a failure only leaves an
 * unreadable orphan behind, so it is logged, not raised.
 */
export async function discardFiles(ctx: AppContext, keys: readonly (string | null)[]): Promise<void> {
  for (const key of keys) {
    if (!key) continue;
    try {
      await ctx.storage.delete(key);
    } catch (error) {
      ctx.logger.warn({ err: error, key }, "could not delete a material file");
    }
  }
}
