import { assessRisk, maskContact, type OrderData, type Risk, type RiskDomain } from "@openbeian/core";
import { orderData } from "../filing/order-rows.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { orderContacts, type ContactEntry } from "../records/contacts.ts";
import { chunked, mapLimited } from "./batch.ts";
import { MISSED_OUTCOMES } from "./calls.ts";

/** DNS lookups in flight at once when a queue page needs many. */
const DNS_CONCURRENCY = 32;

/**
 * Gathers the facts core's `assessRisk` weighs, for a page of orders at once: the decrypted
 * order data, one query for the servers behind their service codes, two for contacts shared
 * with other accounts (blind indexes of filed subjects' mobiles and of submitted orders'
 * mobiles and e-mails), one for missed calls, and the DNS answers (cached by the resolver).
 */
export async function loadRisks(
  ctx: AppContext,
  executor: Executor,
  rows: readonly FilingOrderTable[],
): Promise<Map<string, Risk>> {
  const result = new Map<string, Risk>();
  if (rows.length === 0) return result;
  const orders = rows.map((row) => {
    const data = orderData(ctx, row);
    return { row, data, contacts: orderContacts(ctx, data) };
  });

  const servers = await serversByCode(
    executor,
    orders.flatMap(({ data }) => serviceCodes(data)),
  );
  const shared = await sharedContacts(executor, orders);
  const missed = await missedCalls(
    executor,
    rows.map((row) => row.id),
  );
  const domains = [...new Set(orders.flatMap(({ data }) => websiteDomains(data)))];
  const answers = new Map(
    await mapLimited(domains, DNS_CONCURRENCY, async (domain) => {
      try {
        return [domain, await ctx.domainResolver.resolve4(domain)] as const;
      } catch {
        return [domain, null] as const;
      }
    }),
  );

  const now = ctx.clock.now();
  for (const { row, data, contacts } of orders) {
    const websites = data.websites ?? [];
    const riskDomains: RiskDomain[] = [];
    for (const website of websites) {
      const domain = normalizeDomain(website.domain);
      if (!domain) continue;
      riskDomains.push({
        domain,
        addresses: answers.get(domain) ?? null,
        serverIp: servers.get(website.serviceCode?.trim() ?? "")?.ip ?? null,
      });
    }
    const products = serviceCodes(data)
      .map((code) => servers.get(code)?.product)
      .filter((product): product is string => Boolean(product));
    result.set(
      row.id,
      assessRisk({
        now,
        ...(data.subject?.type === "organization" || data.subject?.type === "personal"
          ? { subjectType: data.subject.type }
          : {}),
        registeredOn: data.subject?.registeredOn,
        websiteCount: websites.length,
        domains: riskDomains,
        sharedContacts: contacts.map((contact) => ({
          kind: contact.kind,
          masked: maskContact(contact.kind, contact.value),
          others: shared.get(row.id)?.get(`${contact.kind}:${contact.hash}`) ?? 0,
        })),
        serverProducts: products,
        cheapProducts: ctx.riskCheapProducts,
        missedCalls: missed.get(row.id) ?? 0,
      }),
    );
  }
  return result;
}

function serviceCodes(data: OrderData): string[] {
  return (data.websites ?? []).map((website) => website.serviceCode?.trim() ?? "").filter(Boolean);
}

function normalizeDomain(domain: string | undefined): string {
  return (domain ?? "").trim().toLowerCase().replace(/\.$/, "");
}

function websiteDomains(data: OrderData): string[] {
  return (data.websites ?? []).map((website) => normalizeDomain(website.domain)).filter(Boolean);
}

async function serversByCode(executor: Executor, codes: string[]) {
  const servers = new Map<string, { ip: string | null; product: string }>();
  for (const chunk of chunked([...new Set(codes)])) {
    const rows = await executor
      .selectFrom("service_code")
      .innerJoin("server", "server.id", "service_code.server_id")
      .select(["service_code.code", "server.public_ip", "server.product"])
      .where("service_code.code", "in", chunk)
      .execute();
    for (const row of rows) servers.set(row.code, { ip: row.public_ip, product: row.product });
  }
  return servers;
}

/**
 * For each order, per contact (`kind:hash`), how many filed subjects and submitted orders of
 * OTHER accounts use it. The same account's earlier orders and its own subject do not count.
 */
async function sharedContacts(
  executor: Executor,
  orders: { row: FilingOrderTable; contacts: ContactEntry[] }[],
): Promise<Map<string, Map<string, number>>> {
  // Looked up under every key of the ring (during a key rotation rows may carry a previous
  // key's index) and counted under the current key's.
  const hashes = [
    ...new Set(orders.flatMap(({ contacts }) => contacts.flatMap((contact) => contact.hashes))),
  ];
  const mobileHashes = [
    ...new Set(
      orders.flatMap(({ contacts }) => contacts.filter((c) => c.kind === "mobile").flatMap((c) => c.hashes)),
    ),
  ];
  const current = new Map<string, string>(
    orders.flatMap(({ contacts }) =>
      contacts.flatMap((c) => c.hashes.map((hash) => [`${c.kind}:${hash}`, `${c.kind}:${c.hash}`] as const)),
    ),
  );
  /** `kind:hash` → the accounts and the thing (order or subject) using it. */
  const users = new Map<string, { accountId: string; ref: string }[]>();
  const note = (found: string, accountId: string, ref: string) => {
    const key = current.get(found) ?? found;
    const list = users.get(key) ?? [];
    list.push({ accountId, ref });
    users.set(key, list);
  };
  for (const chunk of chunked(hashes)) {
    const rows = await executor
      .selectFrom("order_contact")
      .innerJoin("filing_order", "filing_order.id", "order_contact.order_id")
      .select([
        "order_contact.hash",
        "order_contact.kind",
        "order_contact.order_id",
        "filing_order.account_id",
      ])
      .where("order_contact.hash", "in", chunk)
      .execute();
    for (const row of rows) note(`${row.kind}:${row.hash}`, row.account_id, `order:${row.order_id}`);
  }
  for (const chunk of chunked(mobileHashes)) {
    const rows = await executor
      .selectFrom("subject_contact")
      .innerJoin("subject", "subject.id", "subject_contact.subject_id")
      .select(["subject_contact.hash", "subject_contact.subject_id", "subject.account_id"])
      .where("subject_contact.hash", "in", chunk)
      .execute();
    for (const row of rows) note(`mobile:${row.hash}`, row.account_id, `subject:${row.subject_id}`);
  }
  const result = new Map<string, Map<string, number>>();
  for (const { row, contacts } of orders) {
    const counts = new Map<string, number>();
    for (const contact of contacts) {
      const key = `${contact.kind}:${contact.hash}`;
      const others = new Set(
        (users.get(key) ?? []).filter((use) => use.accountId !== row.account_id).map((use) => use.ref),
      );
      counts.set(key, others.size);
    }
    result.set(row.id, counts);
  }
  return result;
}

async function missedCalls(executor: Executor, orderIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const chunk of chunked(orderIds)) {
    const rows = await executor
      .selectFrom("review_call")
      .select(["order_id", (eb) => eb.fn.countAll<number | string>().as("missed")])
      .where("order_id", "in", chunk)
      .where("outcome", "in", [...MISSED_OUTCOMES])
      .groupBy("order_id")
      .execute();
    for (const row of rows) counts.set(row.order_id, Number(row.missed));
  }
  return counts;
}
