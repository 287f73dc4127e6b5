import type { OrderData } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";

/**
 * The filing as it stands for an account: its filed subject and the websites
 * filed and hosted here, as order data (what a change, an add or a cancellation
 * starts from), with the numbers and record ids by domain. Subjects filed since
 * migration 0017 keep it in `filing_enc`; older ones are rebuilt from the order
 * that filed them.
 */
export interface CurrentFiling {
  subjectId: string;
  subjectNumber: string;
  data: OrderData;
  /** Website number by domain (ASCII, lower case). */
  websiteNumbers: Record<string, string>;
  /** Website record id by domain. */
  websiteIds: Record<string, string>;
}

export async function currentFiling(
  ctx: AppContext,
  executor: Executor,
  accountId: string,
): Promise<CurrentFiling | null> {
  const subject = await executor
    .selectFrom("subject")
    .select(["id", "subject_number", "filing_enc"])
    .where("account_id", "=", accountId)
    .where("status", "=", "filed")
    .executeTakeFirst();
  if (!subject) return null;
  return filingOfSubject(ctx, executor, subject);
}

export async function filingOfSubject(
  ctx: AppContext,
  executor: Executor,
  subject: { id: string; subject_number: string; filing_enc: string | null },
): Promise<CurrentFiling | null> {
  const websites = await executor
    .selectFrom("website")
    .select(["id", "domain", "website_number", "order_id"])
    .where("subject_id", "=", subject.id)
    .where("status", "=", "filed")
    .orderBy("website_number")
    .execute();
  if (websites.length === 0) return null;
  let data: OrderData;
  if (subject.filing_enc !== null) {
    data = ctx.cipher.decryptJson<OrderData>(subject.filing_enc);
  } else {
    const order = await executor
      .selectFrom("filing_order")
      .select("data_enc")
      .where("id", "=", websites[0]!.order_id)
      .executeTakeFirstOrThrow();
    data = ctx.cipher.decryptJson<OrderData>(order.data_enc);
  }
  const filed = new Set(websites.map((website) => website.domain));
  return {
    subjectId: subject.id,
    subjectNumber: subject.subject_number,
    data: {
      ...data,
      websites: (data.websites ?? []).filter((website) => filed.has(domainKey(website.domain))),
    },
    websiteNumbers: Object.fromEntries(websites.map((website) => [website.domain, website.website_number])),
    websiteIds: Object.fromEntries(websites.map((website) => [website.domain, website.id])),
  };
}

/** A domain as the records store it (issue-records.ts, summaryColumns): trimmed, lower case. */
export function domainKey(domain: string | undefined): string {
  return (domain ?? "").trim().toLowerCase();
}
