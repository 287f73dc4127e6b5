import type { FooterExpectation } from "@openbeian/core";
import { footerCheckUrl } from "@openbeian/core";
import type { Executor } from "../platform/db.ts";

/**
 * The filed websites a footer check looks at, with what their footer must show:
 * the website number (core accepts Guangdong's subject-number form from it) and
 * the public-security number once the owner has recorded one.
 */
export interface FooterTarget {
  id: string;
  account_id: string;
  order_id: string;
  order_number: string;
  domain: string;
  website_number: string;
  home_url: string;
  psb_number: string | null;
}

function targets(executor: Executor) {
  return executor
    .selectFrom("website")
    .innerJoin("filing_order", "filing_order.id", "website.order_id")
    .select([
      "website.id",
      "website.account_id",
      "website.order_id",
      "filing_order.number as order_number",
      "website.domain",
      "website.website_number",
      "website.home_url",
      "website.psb_number",
    ])
    .where("website.status", "=", "filed");
}

/** One filed website, when `accountId` (null: staff, any account) may see it. */
export async function footerTarget(
  executor: Executor,
  websiteId: string,
  accountId: string | null,
): Promise<FooterTarget | undefined> {
  let query = targets(executor).where("website.id", "=", websiteId);
  if (accountId !== null) query = query.where("website.account_id", "=", accountId);
  return query.executeTakeFirst();
}

/** A page of filed websites after `after` (by id) not yet checked in `campaignId`. */
export async function pendingTargets(
  executor: Executor,
  campaignId: string,
  after: string,
  limit: number,
): Promise<FooterTarget[]> {
  return targets(executor)
    .leftJoin("footer_check", "footer_check.website_id", "website.id")
    .where((eb) =>
      eb.or([eb("footer_check.campaign_id", "is", null), eb("footer_check.campaign_id", "!=", campaignId)]),
    )
    .where("website.id", ">", after)
    .orderBy("website.id")
    .limit(limit)
    .execute();
}

export async function countTargets(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom("website")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("status", "=", "filed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function targetUrl(target: FooterTarget): string {
  return footerCheckUrl(target.domain, target.home_url);
}

export function targetExpectation(target: FooterTarget): FooterExpectation {
  return {
    icpNumber: target.website_number,
    ...(target.psb_number ? { psbNumber: target.psb_number } : {}),
  };
}
