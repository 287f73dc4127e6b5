import type { WorkdayCalendar } from "../calendar/workdays.ts";
import type { OrderKind } from "../filing/order-kinds.ts";
import type { OrderData } from "../filing/order-data.ts";
import type { DomainRecord, SubjectRecord } from "../filing/order-type.ts";
import type { ServerFacts } from "../resources/eligibility.ts";
import type { ProvinceRuleRow } from "../rules/province-rules.ts";

/**
 * Everything the pre-check needs besides the order: plain data the caller loads
 * (the server from its database, the browser from the API). The engine does no I/O.
 */
export interface PrecheckDomain {
  /** ASCII, lower case (as `normalizeDomain` gives it). */
  name: string;
  holderName: string;
  /** The holder's certificate number, when the registrar gave it. */
  holderCertificateNumber?: string;
  realNameVerifiedAt: Date | null;
  expiresAt: Date;
}

export interface PrecheckServiceCode {
  code: string;
  /** "taken" when another order holds it. */
  state: "unused" | "bound" | "in_filing" | "used" | "void" | "taken";
  /** Granted by another account rather than owned. */
  granted?: boolean;
  serverId: string;
  server: ServerFacts;
}

export interface PrecheckRecords {
  /** Where the subject's certificate is already filed (fact base §1.2). */
  subject: SubjectRecord;
  /** Where each of the order's domains is already filed, by ASCII name; absent = nowhere. */
  domains: Record<string, DomainRecord>;
  /** Mobile numbers already used by other filed subjects (one mobile, one subject: §3.2). */
  mobilesOfOtherSubjects: string[];
  /** Websites the subject already has on file. */
  existingSiteCount: number;
}

export interface PrecheckContext {
  today: Date;
  /** The order's kind; a first filing when absent. */
  orderType: OrderKind;
  /**
   * The filing as it stands, for orders that act on one (change, add website):
   * a change is judged against it, and what it already holds is not checked again.
   */
  filing?: OrderData | null;
  domains: PrecheckDomain[];
  serviceCodes: PrecheckServiceCode[];
  records: PrecheckRecords;
  /** Province rule rows in force; defaults to the shipped ALL_PROVINCE_RULE_ROWS. */
  ruleRows?: readonly ProvinceRuleRow[];
  /** Admin overrides (source "admin"). */
  ruleOverrides?: readonly ProvinceRuleRow[];
  /** Working-day calendar; defaults to the built-in one. */
  calendar?: WorkdayCalendar;
  /** Material kinds already uploaded; when absent, missing materials are not reported. */
  materials?: readonly string[];
}

export function emptyRecords(): PrecheckRecords {
  return { subject: null, domains: {}, mobilesOfOtherSubjects: [], existingSiteCount: 0 };
}
