import { chinaDate, type WatchFinding } from "@openbeian/core";
import { queueNotification } from "../notify/outbox.ts";
import { queueWatchWebhook } from "../webhooks/domain-events.ts";
import type { Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import type { WatchFindingTable } from "../platform/schema.ts";

/**
 * Keeping a watch finding (the daily sweep's and the footer campaign's): a new
 * problem, or a worse level of a known one, tells the owner once; a problem seen
 * again keeps its first-seen time (deadlines run from it); a problem no longer
 * found is closed.
 */
export interface FindingWebsite {
  id: string;
  account_id: string;
  order_id: string;
  order_number: string;
  domain: string;
}

export interface StoredFinding {
  /** A finding that was not open before (new, or found again after it was closed). */
  opened: boolean;
  /** The owner was told (a notification queued in the same transaction). */
  told: boolean;
}

export async function storeFinding(
  trx: Tx,
  website: FindingWebsite,
  finding: WatchFinding,
  known: WatchFindingTable | undefined,
  now: number,
): Promise<StoredFinding> {
  const told = known?.resolved_at === null ? known.notified_level !== finding.level : true;
  const detail = JSON.stringify(finding.label);
  if (!known) {
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
        detail_json: detail,
      })
      .execute();
  } else {
    await trx
      .updateTable("watch_finding")
      .set({
        level: finding.level,
        due_at: finding.dueAt,
        last_seen_at: now,
        resolved_at: null,
        notified_level: finding.level,
        detail_json: detail,
        ...(known.resolved_at !== null ? { first_seen_at: now } : {}),
      })
      .where("id", "=", known.id)
      .execute();
  }
  if (told) await tellOwner(trx, website, finding, now);
  if (told) await queueWatchWebhook(trx, website, finding, now);
  return { opened: !known || known.resolved_at !== null, told };
}

export async function resolveFinding(trx: Tx, id: string, now: number): Promise<void> {
  await trx.updateTable("watch_finding").set({ resolved_at: now }).where("id", "=", id).execute();
}

const TEMPLATES: Record<WatchFinding["kind"], (finding: WatchFinding) => string> = {
  certificate_expiry: expiryTemplate,
  domain_expiry: expiryTemplate,
  server_expiry: expiryTemplate,
  access_inaccurate: () => "watch.access_inaccurate",
  footer_noncompliant: () => "watch.footer_failed",
};

function expiryTemplate(finding: WatchFinding): string {
  return finding.level === "expired" ? "watch.expired" : "watch.expiring";
}

function tellOwner(trx: Tx, website: FindingWebsite, finding: WatchFinding, now: number) {
  return queueNotification(
    trx,
    {
      accountId: website.account_id,
      orderId: website.order_id,
      template: TEMPLATES[finding.kind](finding),
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
