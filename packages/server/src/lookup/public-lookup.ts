import { normalizeHost } from "@openbeian/gate";
import { chinaDate, parseIcpNumber } from "@openbeian/core";
import { sql } from "kysely";
import { escapeLike } from "../audit/search.ts";
import type { AppContext } from "../platform/context.ts";

/**
 * The public lookup (issue 8): filings made through this provider, found by
 * domain (or any host under it), ICP number (subject or website) or subject name
 * (a Chinese substring or pinyin initials). The presenter shows only what MIIT's
 * own lookup publishes (subject name and nature, numbers, website name and domain,
 * approval date): no certificate, phone, address or e-mail.
 *
 * The verdict keeps apart what this provider can and cannot say: `filed` (found
 * here), `cancelled` (filed here once, cancelled since), `not_filed_here` (a well-formed
 * domain or number with no filing through this provider: it may be filed with
 * another one, MIIT's lookup tells), and `unknown` (nothing recognisable found).
 */
export type LookupKind = "domain" | "icp_number" | "subject_name";
export type LookupVerdict = "filed" | "cancelled" | "not_filed_here" | "unknown";

export const LOOKUP_LIMIT = 20;

export interface PublicFiling {
  subjectName: string;
  subjectNature: { zh: string; en: string };
  subjectNumber: string;
  websiteNumber: string;
  websiteName: string;
  domain: string;
  approvedOn: string;
  /** access_cancelled: still filed at MIIT, but no longer hosted through this provider (取消接入). */
  status: "filed" | "cancelled" | "access_cancelled";
}

export async function publicLookup(ctx: AppContext, rawQuery: string) {
  const query = rawQuery.trim().replace(/\s+/g, "");
  const base = ctx.db
    .selectFrom("website")
    .innerJoin("subject", "subject.id", "website.subject_id")
    .select([
      "subject.name as subject_name",
      "subject.type as subject_type",
      "subject.subject_number",
      "website.website_number",
      "website.name as website_name",
      "website.domain",
      "website.created_at",
      "website.status",
    ])
    .orderBy("website.website_number")
    .limit(LOOKUP_LIMIT);

  const number = parseIcpNumber(query);
  // A domain, a host under one, or a URL: its host, normalised as the gate does.
  const host = /^[^\s]+\.[^\s.]+$/.test(query)
    ? normalizeHost(query.replace(/^https?:\/\//i, "").split("/")[0])
    : null;
  let kind: LookupKind;
  let rows: Awaited<ReturnType<typeof base.execute>>;
  if (number) {
    kind = "icp_number";
    rows = await (
      number.service
        ? base.where("website.website_number", "=", query)
        : base.where("subject.subject_number", "=", number.subjectNumber)
    ).execute();
  } else if (host) {
    kind = "domain";
    rows = await base.where("website.domain", "in", parentDomains(host)).execute();
  } else {
    kind = "subject_name";
    if (!query) {
      rows = [];
    } else if (/^[a-z]+$/i.test(query)) {
      // Initials as a range on their index (LIKE 'x%' would not use it on both engines).
      const initials = query.toLowerCase();
      const next = initials.slice(0, -1) + String.fromCharCode(initials.charCodeAt(initials.length - 1) + 1);
      rows = await base
        .where("subject.name_initials", ">=", initials)
        .where("subject.name_initials", "<", next)
        .execute();
    } else {
      rows = await base
        .where(sql<boolean>`${sql.ref("subject.name")} like ${`%${escapeLike(query)}%`} escape '!'`)
        .execute();
    }
  }
  const items: PublicFiling[] = rows.map((row) => ({
    subjectName: row.subject_name,
    subjectNature:
      row.subject_type === "personal" ? { zh: "个人", en: "Individual" } : { zh: "单位", en: "Organisation" },
    subjectNumber: row.subject_number,
    websiteNumber: row.website_number,
    websiteName: row.website_name,
    domain: row.domain,
    approvedOn: chinaDate(new Date(row.created_at)),
    status: row.status,
  }));
  const verdict: LookupVerdict = items.some((item) => item.status === "filed")
    ? "filed"
    : items.some((item) => item.status === "access_cancelled")
      ? "not_filed_here"
      : items.length > 0
        ? "cancelled"
        : kind === "subject_name"
          ? "unknown"
          : "not_filed_here";
  return { query, kind, verdict, items };
}

/** A host and the domains above it (www.a.example.cn → www.a.example.cn, a.example.cn, example.cn). */
function parentDomains(host: string): string[] {
  const names: string[] = [];
  for (let name = host; name.includes("."); name = name.slice(name.indexOf(".") + 1)) names.push(name);
  return names;
}
