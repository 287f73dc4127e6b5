import type { Kysely } from "kysely";
import { nameInitials } from "../../lookup/initials.ts";

/**
 * Issue 8: the public lookup finds filings by subject name in pinyin initials;
 * they are computed when a subject is filed and here for the subjects already on
 * record. Indexes for the lookup by name and by the website's subject.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("subject").addColumn("name_initials", "text").execute();
  for (let after = ""; ;) {
    const rows = (await db
      .selectFrom("subject")
      .select(["id", "name"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(1000)
      .execute()) as { id: string; name: string }[];
    for (const row of rows)
      await db
        .updateTable("subject")
        .set({ name_initials: nameInitials(row.name) })
        .where("id", "=", row.id)
        .execute();
    if (rows.length < 1000) break;
    after = rows.at(-1)!.id;
  }
  await db.schema.createIndex("subject_name_initials").on("subject").column("name_initials").execute();
  await db.schema.createIndex("subject_name").on("subject").column("name").execute();
}
