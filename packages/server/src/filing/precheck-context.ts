import {
  ORDER_KIND_RULES,
  precheck,
  type OrderData,
  type OrderKind,
  type PrecheckContext,
  type Problem,
} from "@openbeian/core";
import { cachedCalendar } from "../calendar/cache.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { mobilesUsedElsewhere } from "../records/contacts.ts";
import { currentFiling, domainKey } from "../records/current-filing.ts";
import { filedRecords, isRowHostedHere } from "../records/regulator-records.ts";
import { toFacts } from "../resources/servers.ts";
import { activeOverrides } from "../rules/overrides.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { usableBy } from "./service-codes.ts";

/** The order the pre-check is for: its account, its id (materials) and its kind. */
export type PrecheckOrder = Pick<FilingOrderTable, "id" | "account_id" | "type">;

/**
 * Loads what the pre-check needs for one order of one account: its resources,
 * the records it must not collide with, the province overrides in force, the
 * working-day calendar and the materials uploaded so far.
 */
export async function precheckContextFor(
  ctx: AppContext,
  executor: Executor,
  order: PrecheckOrder,
  data: OrderData,
): Promise<PrecheckContext> {
  const { account_id: accountId, id: orderId, type: orderType } = order;
  const domains = await executor
    .selectFrom("domain")
    .selectAll()
    .where("account_id", "=", accountId)
    .execute();
  const codes = await executor
    .selectFrom("service_code")
    .innerJoin("server", "server.id", "service_code.server_id")
    .selectAll("server")
    .select([
      "service_code.code",
      "service_code.state",
      "service_code.order_id",
      "service_code.server_id",
      "service_code.granted_to_account_id",
    ])
    .where((eb) => usableBy(eb, accountId))
    .execute();
  const domainNames = (data.websites ?? []).map((website) => domainKey(website.domain)).filter(Boolean);
  const filed = domainNames.length
    ? await executor
        .selectFrom("website")
        .select("domain")
        .where("domain", "in", domainNames)
        .where("status", "=", "filed")
        .execute()
    : [];
  const heldHere = new Set(filed.map((row) => row.domain));
  // MIIT's records as last read (for a 新增接入 or a 认领): one read for both kinds of collision.
  const miit = await filedRecords(executor, domainNames);
  const certificate = data.subject?.certificateNumber?.trim();
  const subject = certificate
    ? await executor
        .selectFrom("subject")
        .select(["id", "account_id"])
        .where("certificate_hash", "in", ctx.cipher.blindIndexes(certificate))
        .executeTakeFirst()
    : undefined;
  const existingSites = subject
    ? await executor
        .selectFrom("website")
        .select("id")
        .where("subject_id", "=", subject.id)
        .where("status", "=", "filed")
        .execute()
    : [];
  const materials = await executor
    .selectFrom("material")
    .select("kind")
    .where("order_id", "=", orderId)
    .execute();
  const filing =
    ORDER_KIND_RULES[orderType].startsFrom === "filing"
      ? await currentFiling(ctx, executor, accountId)
      : null;
  return {
    today: ctx.clock.now(),
    orderType,
    filing: filing?.data ?? null,
    domains: domains.map((domain) => ({
      name: domain.name,
      holderName: domain.holder_name,
      holderCertificateNumber: ctx.cipher.decrypt(domain.holder_certificate_enc),
      realNameVerifiedAt:
        domain.real_name_verified_at === null ? null : new Date(domain.real_name_verified_at),
      expiresAt: new Date(domain.expires_at),
    })),
    serviceCodes: codes.map((code) => ({
      code: code.code,
      // A code this order already holds (bound or in filing) stays available to it;
      // one held by another order is taken.
      state: code.order_id === orderId ? "bound" : code.order_id ? "taken" : code.state,
      granted: code.granted_to_account_id === accountId,
      serverId: code.server_id,
      server: toFacts(code),
    })),
    records: {
      subject: subject ? (subject.account_id === accountId ? "this_account" : "other_account") : null,
      domains: {
        // Filed at MIIT through another provider (新增接入).
        ...Object.fromEntries(
          miit.filter((row) => !isRowHostedHere(row)).map((row) => [row.domain, "other_provider" as const]),
        ),
        // Filed with this provider at MIIT but held by no account here (认领).
        ...Object.fromEntries(
          miit
            .filter((row) => isRowHostedHere(row) && !heldHere.has(row.domain))
            .map((row) => [row.domain, "unclaimed" as const]),
        ),
        ...Object.fromEntries(filed.map((row) => [row.domain, "this_provider" as const])),
      },
      mobilesOfOtherSubjects: await mobilesUsedElsewhere(ctx, executor, data, subject?.id ?? null),
      existingSiteCount: existingSites.length,
    },
    ruleOverrides: await activeOverrides(executor),
    calendar: await cachedCalendar(ctx, executor),
    materials: materials.map((row) => row.kind),
  };
}

/** A cancellation or a transfer carries the filing as it stands: nothing of it is the applicant's to fix. */
export function carriesFilingAsItStands(kind: OrderKind): boolean {
  return kind.startsWith("cancel_") || kind === "transfer";
}

export async function precheckOrder(
  ctx: AppContext,
  executor: Executor,
  order: PrecheckOrder,
  data: OrderData,
): Promise<Problem[]> {
  if (carriesFilingAsItStands(order.type)) return [];
  return precheck(data, await precheckContextFor(ctx, executor, order, data));
}
