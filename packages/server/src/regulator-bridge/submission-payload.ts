import {
  AppError,
  changeScope,
  regulatorChangeType,
  removedDomains,
  type OrderData,
  type RegulatorOrderType,
} from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { currentFiling, domainKey } from "../records/current-filing.ts";
import { filedElsewhere } from "../records/regulator-records.ts";

/**
 * What MIIT receives for an order: the type it knows the order as (a change's
 * scope decides between 变更主体, 变更网站, 变更接入 and both, and with it who
 * verifies by SMS) and the data, with the numbers on file for orders that act on
 * an existing filing.
 */
export interface RegulatorSubmission {
  orderType: RegulatorOrderType;
  payload: OrderData & {
    /** The filing's numbers as MIIT holds them (not for a first filing). */
    filed?: { subjectNumber: string; websiteNumbers: Record<string, string> };
    /** A change's removed domains, whose numbers it cancels. */
    removedDomains?: string[];
  };
}

export async function regulatorSubmission(
  ctx: AppContext,
  executor: Executor,
  order: FilingOrderTable,
  data: OrderData,
): Promise<RegulatorSubmission> {
  if (order.type === "first_filing") return { orderType: "first_filing", payload: data };
  if (order.type === "add_access") {
    // The filing as MIIT holds it, through another provider: its numbers, read when the order began.
    const domains = (data.websites ?? []).map((website) => domainKey(website.domain));
    const records = await filedElsewhere(executor, domains);
    const first = [...records.values()][0];
    const filed = {
      subjectNumber: first?.subject_number ?? "",
      websiteNumbers: Object.fromEntries([...records].map(([domain, row]) => [domain, row.website_number])),
    };
    return { orderType: "add_access", payload: { ...data, filed } };
  }
  const filing = await currentFiling(ctx, executor, order.account_id);
  if (!filing) throw new AppError("NO_FILED_SUBJECT", { orderId: order.id });
  const filed = { subjectNumber: filing.subjectNumber, websiteNumbers: filing.websiteNumbers };
  switch (order.type) {
    case "change": {
      const type = regulatorChangeType(changeScope(filing.data, data));
      if (!type) throw new AppError("VALIDATION_FAILED", { field: "data", problem: "nothing changed" });
      return {
        orderType: type,
        payload: { ...data, filed, removedDomains: removedDomains(filing.data, data) },
      };
    }
    case "add_website":
    case "app":
    case "cancel_subject":
    case "cancel_website":
    case "cancel_access":
      return { orderType: order.type, payload: { ...data, filed } };
    default:
      throw new AppError("ORDER_KIND_NOT_AVAILABLE", { type: order.type });
  }
}
