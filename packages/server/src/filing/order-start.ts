import { AppError, ORDER_KIND_RULES, type OrderData, type OrderKind } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { currentFiling, domainKey, type CurrentFiling } from "../records/current-filing.ts";
import { isHostedHere, refreshRegulatorRecord } from "../records/regulator-records.ts";
import type { RegulatorRecord } from "../regulator-bridge/port.ts";
import { claimableRecord, claimStartData, refuseHeldDomain } from "./claim.ts";
import { checkTransferTarget } from "./transfer.ts";

/**
 * Where a new order of each kind starts (fact base §1.2): a first filing from what
 * the applicant typed; a change from the filing as it stands; an added website
 * under the filed subject; a cancellation from the filing or the one website it
 * names; a transfer from the filing, naming the account it goes to; a claim from
 * MIIT's record of a website filed with this provider that no account holds.
 */
export interface OrderStartInput {
  type: OrderKind;
  data?: OrderData;
  /** The website a cancel_website or cancel_access order names. */
  websiteId?: string;
  /** 转移备案: the account the filing goes to (its account ID). */
  toAccountId?: string;
}

export interface OrderStart {
  data: OrderData;
  subjectId: string | null;
  targetWebsiteId: string | null;
  /** 转移备案: the receiving account. */
  counterpartyAccountId?: string;
}

/**
 * What must be asked outside any transaction before the order is created: MIIT's
 * record of the domain for a 新增接入 or a 认领 (a network call through the regulator bridge).
 */
export async function beforeStart(ctx: AppContext, input: OrderStartInput): Promise<RegulatorRecord | null> {
  if (input.type === "claim") return claimableRecord(ctx, input.data?.websites?.[0]?.domain);
  if (input.type !== "add_access") return null;
  const domain = domainKey(input.data?.websites?.[0]?.domain);
  if (!domain) throw new AppError("VALIDATION_FAILED", { field: "websites.0.domain", problem: "required" });
  const record = await refreshRegulatorRecord(ctx, domain);
  if (!record || record.status !== "filed") throw new AppError("DOMAIN_NOT_FILED", { domain });
  if (isHostedHere(record))
    throw new AppError("DOMAIN_FILED_HERE", { domain, websiteNumber: record.websiteNumber });
  return record;
}

export async function orderStart(
  ctx: AppContext,
  executor: Executor,
  accountId: string,
  input: OrderStartInput,
  record: RegulatorRecord | null = null,
): Promise<OrderStart> {
  if (input.type === "add_access") {
    if (!record) throw new AppError("DOMAIN_NOT_FILED", {});
    return addAccessStart(input, record);
  }
  if (input.type === "claim") {
    if (!record) throw new AppError("DOMAIN_NOT_FILED", {});
    await refuseHeldDomain(executor, accountId, record.domain);
    return { data: claimStartData(input.data, record), subjectId: null, targetWebsiteId: null };
  }
  if (ORDER_KIND_RULES[input.type].startsFrom === "empty") {
    return { data: input.data ?? {}, subjectId: null, targetWebsiteId: null };
  }
  const filing = await currentFiling(ctx, executor, accountId);
  if (!filing) throw new AppError("NO_FILED_SUBJECT", { type: input.type });
  switch (input.type) {
    case "change":
      return { data: input.data ?? filing.data, subjectId: filing.subjectId, targetWebsiteId: null };
    case "add_website":
      return {
        data: { subject: filing.data.subject, websites: input.data?.websites ?? [{}] },
        subjectId: filing.subjectId,
        targetWebsiteId: null,
      };
    case "cancel_subject":
      return { data: filing.data, subjectId: filing.subjectId, targetWebsiteId: null };
    case "transfer":
      return {
        data: filing.data,
        subjectId: filing.subjectId,
        targetWebsiteId: null,
        counterpartyAccountId: await checkTransferTarget(executor, accountId, input.toAccountId),
      };
    case "app":
      // The subject as filed; the app is the order's own data.
      return {
        data: { subject: filing.data.subject, app: input.data?.app ?? {} },
        subjectId: filing.subjectId,
        targetWebsiteId: null,
      };
    default: {
      const target = targetWebsite(filing, input.websiteId);
      return {
        data: { subject: filing.data.subject, websites: [target.website] },
        subjectId: filing.subjectId,
        targetWebsiteId: target.id,
      };
    }
  }
}

/**
 * 新增接入 (fact base §1.2): a website filed through another provider. MIIT's record
 * is read first; the order starts from what it publishes (subject and website
 * names), and the applicant completes the rest as it stands in the original filing.
 */
function addAccessStart(input: OrderStartInput, record: RegulatorRecord): OrderStart {
  const website = input.data?.websites?.[0] ?? {};
  const domain = domainKey(website.domain);
  return {
    data: {
      ...input.data,
      subject: { name: record.subjectName, ...input.data?.subject },
      websites: [{ name: record.name, ...website, domain }],
    },
    subjectId: null,
    targetWebsiteId: null,
  };
}

function targetWebsite(filing: CurrentFiling, websiteId: string | undefined) {
  const domain = Object.entries(filing.websiteIds).find(([, id]) => id === websiteId)?.[0];
  const website = (filing.data.websites ?? []).find((candidate) => domainKey(candidate.domain) === domain);
  if (!websiteId || !domain || !website) throw new AppError("WEBSITE_NOT_IN_FILING", { websiteId });
  return { id: websiteId, website };
}
