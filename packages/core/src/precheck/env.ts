import type { WorkdayCalendar } from "../calendar/workdays.ts";
import type { OrderData, Person, Website } from "../filing/order-data.ts";
import { normalizeDomain } from "../validators/domain.ts";
import type { ResolvedProvinceRules } from "../rules/resolve.ts";
import type { ProblemCollector } from "./collector.ts";
import type { PrecheckContext } from "./context.ts";

/** What every group of checks works with. */
export interface CheckEnv {
  order: OrderData;
  context: PrecheckContext;
  out: ProblemCollector;
  /** Two-digit code of the filing province, when the order names a valid division. */
  province: string | undefined;
  /** Resolved rules of that province (national defaults until a province is chosen). */
  resolved: ResolvedProvinceRules;
  calendar: WorkdayCalendar;
  personal: boolean;
  /** The heads of the order with their field paths: the subject head first. */
  heads: { at: string; person: Person | undefined }[];
}

/** Cites the fact-base rows behind a resolved rule value. */
export function sourceOf(
  env: CheckEnv,
  rule: keyof ResolvedProvinceRules["sources"],
  fallback: string,
): string {
  const sources = env.resolved.sources[rule];
  return sources && sources.length > 0 ? sources.join(", ") : fallback;
}

/**
 * The filed website with this domain, when the order acts on a filing that holds
 * it (a change); what it already holds was checked when it was filed.
 */
export function filedWebsite(env: CheckEnv, domain: string | undefined): Website | undefined {
  const filing = env.context.filing;
  if (!filing || env.context.orderType !== "change" || !domain) return undefined;
  const wanted = domainKey(domain);
  return (filing.websites ?? []).find((website) => website.domain && domainKey(website.domain) === wanted);
}

const domainKey = (domain: string) => normalizeDomain(domain) ?? domain.trim().toLowerCase();
