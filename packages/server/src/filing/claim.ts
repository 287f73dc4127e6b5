import { AppError, type OrderData } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor, Tx } from "../platform/db.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { domainKey } from "../records/current-filing.ts";
import { saveFiling } from "../records/bureau-approval.ts";
import { issueRecords } from "../records/issue-records.ts";
import {
  filedRecords,
  isHostedHere,
  isRowHostedHere,
  refreshRegulatorRecord,
} from "../records/regulator-records.ts";
import type { RegulatorRecord } from "../regulator-bridge/port.ts";

/**
 * 认领备案 (fact base §1.2): a website MIIT lists with this provider as its access
 * provider but that no account here holds — filed in the provider's older system,
 * or moved here by a change done elsewhere. The applicant completes the filing's
 * data and documents; the provider's reviewer checks them against MIIT's record and
 * approval brings the filing into the account with the numbers MIIT issued. MIIT is
 * not asked again: it already holds the filing.
 */

/** MIIT's record of the claimed domain, read before the order is created (a network call). */
export async function claimableRecord(ctx: AppContext, domainInput: string | undefined) {
  const domain = domainKey(domainInput);
  if (!domain) throw new AppError("VALIDATION_FAILED", { field: "websites.0.domain", problem: "required" });
  const record = await refreshRegulatorRecord(ctx, domain);
  if (!record || record.status !== "filed") throw new AppError("DOMAIN_NOT_FILED", { domain });
  if (!isHostedHere(record)) throw new AppError("CLAIM_NOT_HOSTED_HERE", { domain });
  return record;
}

/** A domain held here already cannot be claimed: by this account it is filed, by another it is theirs to transfer. */
export async function refuseHeldDomain(executor: Executor, accountId: string, domain: string) {
  const held = await executor
    .selectFrom("website")
    .select(["account_id", "website_number"])
    .where("domain", "=", domain)
    .where("status", "=", "filed")
    .executeTakeFirst();
  if (!held) return;
  if (held.account_id === accountId)
    throw new AppError("DOMAIN_FILED_HERE", { domain, websiteNumber: held.website_number });
  throw new AppError("FILING_HELD_BY_OTHER_ACCOUNT", { domain });
}

/** The claim starts from what MIIT publishes (subject and website names); the applicant completes the rest. */
export function claimStartData(input: OrderData | undefined, record: RegulatorRecord): OrderData {
  const website = input?.websites?.[0] ?? {};
  return {
    ...input,
    subject: { name: record.subjectName, ...input?.subject },
    websites: [{ name: record.name, ...website, domain: record.domain }],
  };
}

/**
 * The approved claim's effect: the subject (new to the account, or the one an earlier
 * claim brought) and the website, with MIIT's numbers as recorded when the claim was made.
 */
export async function completeClaim(
  ctx: AppContext,
  trx: Tx,
  order: FilingOrderTable,
  data: OrderData,
  now: number,
): Promise<void> {
  const domains = (data.websites ?? []).map((website) => domainKey(website.domain));
  const records = await filedRecords(trx, domains);
  const byDomain = new Map(records.map((row) => [row.domain, row]));
  const subjectNumber = records[0]?.subject_number;
  for (const domain of domains) {
    const record = byDomain.get(domain);
    if (!record || !isRowHostedHere(record)) throw new AppError("CLAIM_NOT_HOSTED_HERE", { domain });
    if (record.subject_number !== subjectNumber || record.subject_name !== (data.subject?.name ?? "").trim())
      throw new AppError("CLAIM_RECORD_MISMATCH", { domain });
    await refuseHeldDomain(trx, order.account_id, domain);
  }
  const held = await trx
    .selectFrom("subject")
    .select(["subject_number", "certificate_hash"])
    .where("account_id", "=", order.account_id)
    .where("status", "=", "filed")
    .executeTakeFirst();
  const certificateHashes = ctx.cipher.blindIndexes(
    (data.subject?.certificateNumber ?? "").trim().toUpperCase(),
  );
  if (
    !subjectNumber ||
    (held && (held.subject_number !== subjectNumber || !certificateHashes.includes(held.certificate_hash)))
  )
    throw new AppError("CLAIM_RECORD_MISMATCH", { subject: "number" });
  const websiteNumbers = Object.fromEntries(records.map((row) => [row.domain, row.website_number]));
  await issueRecords(ctx, trx, order, data, { subjectNumber, websiteNumbers }, now);
  // The next order (a change, an added website) starts from the filing with this website in it.
  await saveFiling(ctx, trx, order.account_id, (filed) =>
    filed && held ? { ...filed, websites: [...(filed.websites ?? []), ...(data.websites ?? [])] } : data,
  );
}
