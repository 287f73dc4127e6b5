import type { Kysely } from "kysely";

/**
 * Blind indexes of filed subjects' mobile numbers: "one mobile, one subject"
 * (fact base §3.2) is checked by equality on the HMAC, never on the plaintext.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("subject_contact")
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull().references("subject.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("subject_contact_pk", ["hash", "subject_id"])
    .execute();
}
