import { AppError, ORDER_KIND_RULES, type OrderData, type OrderKind } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { currentFiling, domainKey, type CurrentFiling } from "../records/current-filing.ts";

/**
 * Where a new order of each kind starts (fact base §1.2): a first filing from what
 * the applicant typed; a change from the filing as it stands; an added website
 * under the filed subject; a cancellation from the filing or the one website it
 * names. Kinds not built yet are refused with a clear error.
 */
export interface OrderStartInput {
  type: OrderKind;
  data?: OrderData;
  /** The website a cancel_website or cancel_access order names. */
  websiteId?: string;
}

export interface OrderStart {
  data: OrderData;
  subjectId: string | null;
  targetWebsiteId: string | null;
}

const BUILT: ReadonlySet<OrderKind> = new Set([
  "first_filing",
  "add_website",
  "change",
  "cancel_subject",
  "cancel_website",
  "cancel_access",
]);

export async function orderStart(
  ctx: AppContext,
  executor: Executor,
  accountId: string,
  input: OrderStartInput,
): Promise<OrderStart> {
  if (!BUILT.has(input.type)) throw new AppError("ORDER_KIND_NOT_AVAILABLE", { type: input.type });
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

function targetWebsite(filing: CurrentFiling, websiteId: string | undefined) {
  const domain = Object.entries(filing.websiteIds).find(([, id]) => id === websiteId)?.[0];
  const website = (filing.data.websites ?? []).find((candidate) => domainKey(candidate.domain) === domain);
  if (!websiteId || !domain || !website) throw new AppError("WEBSITE_NOT_IN_FILING", { websiteId });
  return { id: websiteId, website };
}
