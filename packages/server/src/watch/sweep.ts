import { watchFindings, type OrderData } from "@openbeian/core";
import { orderData } from "../filing/order-rows.ts";
import type { AppContext } from "../platform/context.ts";
import { eachLimited } from "../platform/each-limited.ts";
import { resolveFinding, storeFinding } from "./finding-store.ts";

/**
 * One pass of the filing watch over every approved website: gathers the facts
 * (the filing's data, the domain's registration, the server's subscription, the
 * domain's DNS answer), lets core's watchFindings decide, and stores the result:
 * a new problem or a worse level tells the owner once, a problem no longer found
 * is closed. DNS runs with bounded concurrency and outside any transaction; each
 * website's findings are written in a transaction of their own.
 */
export interface SweepSummary {
  websites: number;
  open: number;
  opened: number;
  resolved: number;
  notified: number;
  unresolvable: number;
}

const PAGE = 500;

export async function runWatchSweep(
  ctx: AppContext,
  options: { concurrency?: number; onPage?: () => Promise<void> } = {},
): Promise<SweepSummary> {
  const summary: SweepSummary = {
    websites: 0,
    open: 0,
    opened: 0,
    resolved: 0,
    notified: 0,
    unresolvable: 0,
  };
  const providerAddresses = new Set(
    (await ctx.db.selectFrom("server").select("public_ip").where("public_ip", "is not", null).execute()).map(
      (row) => row.public_ip!,
    ),
  );
  for (let after = ""; ;) {
    const websites = await ctx.db
      .selectFrom("website")
      .innerJoin("filing_order", "filing_order.id", "website.order_id")
      .innerJoin("subject", "subject.id", "website.subject_id")
      .leftJoin("server", "server.id", "website.server_id")
      .leftJoin("domain", (join) =>
        join
          .onRef("domain.name", "=", "website.domain")
          .onRef("domain.account_id", "=", "website.account_id"),
      )
      .select([
        "website.id",
        "website.account_id",
        "website.order_id",
        "website.domain",
        "filing_order.number as order_number",
        "filing_order.data_enc",
        "subject.filing_enc",
        "server.instance_id",
        "server.paid_until",
        "server.auto_renew",
        "domain.expires_at as domain_expires_at",
      ])
      .where("website.status", "=", "filed")
      .where("website.id", ">", after)
      .orderBy("website.id")
      .limit(PAGE)
      .execute();
    await eachLimited(websites, options.concurrency ?? 8, async (website) => {
      const resolved = await ctx.domainResolver.resolve4(website.domain);
      if (resolved === null) summary.unresolvable += 1;
      await ctx.db.transaction().execute(async (trx) => {
        const now = ctx.clock.now().getTime();
        const known = await trx
          .selectFrom("watch_finding")
          .selectAll()
          .where("website_id", "=", website.id)
          .execute();
        const access = known.find((row) => row.kind === "access_inaccurate" && row.resolved_at === null);
        const findings = watchFindings(
          {
            // The filing as it stands (a change may have renewed an ID), else the order that filed it.
            data:
              website.filing_enc !== null
                ? ctx.cipher.decryptJson<OrderData>(website.filing_enc)
                : orderData(ctx, website),
            domain: website.domain,
            domainExpiresAt: website.domain_expires_at,
            server:
              website.instance_id && website.paid_until !== null
                ? {
                    instanceId: website.instance_id,
                    paidUntil: website.paid_until,
                    autoRenew: website.auto_renew === 1,
                  }
                : null,
            resolved,
            providerAddresses,
            providerRanges: ctx.providerRanges,
            accessFirstSeenAt: access?.first_seen_at ?? null,
          },
          now,
        );
        const seen = new Set<string>();
        for (const finding of findings) {
          seen.add(`${finding.kind} ${finding.item}`);
          const row = known.find(
            (candidate) => candidate.kind === finding.kind && candidate.item === finding.item,
          );
          const stored = await storeFinding(trx, website, finding, row, now);
          if (stored.opened) summary.opened += 1;
          if (stored.told) summary.notified += 1;
        }
        for (const row of known) {
          // The footer campaign keeps its own findings.
          if (row.kind === "footer_noncompliant") continue;
          if (row.resolved_at !== null || seen.has(`${row.kind} ${row.item}`)) continue;
          // A failed lookup says nothing about where the domain points: the finding stays open.
          if (row.kind === "access_inaccurate" && resolved === null) continue;
          summary.resolved += 1;
          await resolveFinding(trx, row.id, now);
        }
        summary.open += findings.length;
      });
    });
    summary.websites += websites.length;
    // A sweep over many websites outlives a job lease: the worker extends it page by page.
    await options.onPage?.();
    if (websites.length < PAGE) break;
    after = websites.at(-1)!.id;
  }
  return summary;
}
