import { chinaDate, watchFindings, type WatchFinding } from "@openbeian/core";
import { orderData } from "../filing/order-rows.ts";
import { queueNotification } from "../notify/outbox.ts";
import type { AppContext } from "../platform/context.ts";
import { newId } from "../platform/ids.ts";

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
  options: { concurrency?: number } = {},
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
            data: orderData(ctx, website),
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
          const tell = row?.resolved_at === null ? row.notified_level !== finding.level : true;
          if (!row) {
            summary.opened += 1;
            await trx
              .insertInto("watch_finding")
              .values({
                id: newId(),
                account_id: website.account_id,
                website_id: website.id,
                kind: finding.kind,
                item: finding.item,
                level: finding.level,
                due_at: finding.dueAt,
                first_seen_at: now,
                last_seen_at: now,
                resolved_at: null,
                notified_level: finding.level,
              })
              .execute();
          } else {
            if (row.resolved_at !== null) summary.opened += 1;
            await trx
              .updateTable("watch_finding")
              .set({
                level: finding.level,
                due_at: finding.dueAt,
                last_seen_at: now,
                resolved_at: null,
                notified_level: finding.level,
                ...(row.resolved_at !== null ? { first_seen_at: now } : {}),
              })
              .where("id", "=", row.id)
              .execute();
          }
          if (tell) {
            summary.notified += 1;
            await tellOwner(trx, website, finding, now);
          }
        }
        for (const row of known) {
          if (row.resolved_at !== null || seen.has(`${row.kind} ${row.item}`)) continue;
          // A failed lookup says nothing about where the domain points: the finding stays open.
          if (row.kind === "access_inaccurate" && resolved === null) continue;
          summary.resolved += 1;
          await trx.updateTable("watch_finding").set({ resolved_at: now }).where("id", "=", row.id).execute();
        }
        summary.open += findings.length;
      });
    });
    summary.websites += websites.length;
    if (websites.length < PAGE) break;
    after = websites.at(-1)!.id;
  }
  return summary;
}

function tellOwner(
  trx: Parameters<typeof queueNotification>[0],
  website: { account_id: string; order_id: string; order_number: string; domain: string },
  finding: WatchFinding,
  now: number,
) {
  const template =
    finding.kind === "access_inaccurate"
      ? "watch.access_inaccurate"
      : finding.level === "expired"
        ? "watch.expired"
        : "watch.expiring";
  return queueNotification(
    trx,
    {
      accountId: website.account_id,
      orderId: website.order_id,
      template,
      params: {
        orderNumber: website.order_number,
        domain: website.domain,
        item: finding.label,
        expiresOn: chinaDate(new Date(finding.dueAt)),
      },
    },
    now,
  );
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
