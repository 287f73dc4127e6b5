import { verifyAuditChain } from "../../src/audit/verify-chain.ts";
import { FieldCipher } from "../../src/platform/crypto.ts";
import type { Db } from "../../src/platform/db.ts";
import { LocalFileStorage } from "../../src/platform/storage.ts";
import { sealedFileBinding } from "../../src/materials/sealed-files.ts";
import type { Ledger } from "./ledger.ts";
import { chunks, groupBy, isOneToN, key } from "./row-tally.ts";

/**
 * What must hold in the database after crashes and races, read straight from
 * the tables: the acknowledged changes, the numbers, the materials' bytes. (The
 * orders' own consistency: order-consistency.ts; jobs and deadlines:
 * job-consistency.ts.) Each check returns the problems it found (empty: it
 * holds) and a few counts for the report.
 */

/** Every acknowledged change is in the database with its audit record. */
export async function checkAcknowledged(db: Db, ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  const orderIds = [...new Set(ledger.acks.map((ack) => ack.orderId))];
  if (orderIds.length === 0) return problems;
  const audits = new Map<string, string | null>();
  for (const chunk of chunks(orderIds)) {
    const rows = await db
      .selectFrom("audit_log")
      .select(["entity_id", "action", "version", "to_state"])
      .where("entity", "=", "order")
      .where("entity_id", "in", chunk)
      .execute();
    for (const row of rows) audits.set(key(row.entity_id, row.action, Number(row.version)), row.to_state);
  }
  const materialIds = ledger.acks.flatMap((ack) => (ack.kind === "upload" ? [ack.materialId] : []));
  const materialAudits = new Set<string>();
  for (const chunk of chunks(materialIds)) {
    const rows = await db
      .selectFrom("audit_log")
      .select("entity_id")
      .where("entity", "=", "material")
      .where("entity_id", "in", chunk)
      .where("action", "in", ["upload", "replace"])
      .execute();
    for (const row of rows) materialAudits.add(row.entity_id);
  }
  const messageIds = ledger.acks.flatMap((ack) => (ack.kind === "regulator" ? [ack.messageId] : []));
  const messages = new Set<string>();
  for (const chunk of chunks(messageIds)) {
    const rows = await db
      .selectFrom("regulator_message")
      .select("message_id")
      .where("message_id", "in", chunk)
      .execute();
    for (const row of rows) messages.add(row.message_id);
  }
  const numbers = new Set<string>();
  for (const chunk of chunks(orderIds)) {
    const rows = await db
      .selectFrom("filing_order")
      .select(["id", "number"])
      .where("id", "in", chunk)
      .execute();
    for (const row of rows) numbers.add(key(row.id, row.number));
  }
  for (const ack of ledger.acks) {
    if (ack.kind === "upload") {
      if (!materialAudits.has(ack.materialId))
        problems.push(`upload ${ack.materialId} of ${ack.orderId}: no audit record`);
    } else if (ack.kind === "create") {
      if (!numbers.has(key(ack.orderId, ack.number)))
        problems.push(`created order ${ack.orderId} ${ack.number}: missing`);
      if (!audits.has(key(ack.orderId, "create", 1)))
        problems.push(`created order ${ack.orderId}: no audit record`);
    } else if (ack.kind === "regulator") {
      if (!messages.has(ack.messageId)) problems.push(`regulator message ${ack.messageId}: not recorded`);
      const applied = audits.get(key(ack.orderId, ack.event, ack.version));
      if (!ack.duplicate && applied !== ack.state)
        problems.push(
          `${ack.event} on ${ack.orderId} (v${ack.version} → ${ack.state}): audit says ${applied}`,
        );
    } else {
      const applied = audits.get(key(ack.orderId, ack.kind, ack.version));
      if (applied !== ack.state)
        problems.push(
          `${ack.kind} on ${ack.orderId} (v${ack.version} → ${ack.state}): audit says ${applied}`,
        );
    }
  }
  return problems;
}

/** The numbers the platform hands out: order numbers, the audit chain, the gate's change log. */
export async function checkNumbers(db: Db) {
  const problems: string[] = [];
  const counters = new Map(
    (await db.selectFrom("counter").select(["name", "value"]).execute()).map((row) => [
      row.name,
      Number(row.value),
    ]),
  );
  const numbers = (await db.selectFrom("filing_order").select("number").execute()).map((row) => row.number);
  const sequence = numbers.map((number) => Number(/(\d{6})$/.exec(number)?.[1])).sort((a, b) => a - b);
  if (new Set(numbers).size !== numbers.length) problems.push("order numbers repeat");
  if (!isOneToN(sequence, counters.get("order_number") ?? 0))
    problems.push(`order numbers are not 1…${counters.get("order_number")}: gaps or repeats`);
  const chain = await verifyAuditChain(db);
  if (!chain.ok) problems.push(`audit chain: ${JSON.stringify(chain.firstProblem)}`);
  const gate = (await db.selectFrom("gate_change").select("seq").orderBy("seq").execute()).map((row) =>
    Number(row.seq),
  );
  if (!isOneToN(gate, counters.get("gate_change") ?? 0))
    problems.push("the gate's change log has gaps or repeats");
  const subjects = (await db.selectFrom("subject").select("subject_number").execute()).map(
    (row) => row.subject_number,
  );
  const websites = (await db.selectFrom("website").select("website_number").execute()).map(
    (row) => row.website_number,
  );
  if (new Set(subjects).size !== subjects.length || new Set(websites).size !== websites.length)
    problems.push("ICP numbers recorded twice");
  const serviceCodes = (await db.selectFrom("service_code").select("code").execute()).map((row) => row.code);
  if (new Set(serviceCodes).size !== serviceCodes.length) problems.push("service codes repeat");
  return {
    problems,
    orders: numbers.length,
    auditRecords: chain.records,
    gateChanges: gate.length,
    icpNumbers: subjects.length + websites.length,
    serviceCodes: serviceCodes.length,
  };
}

/** The numbers the bureau issued for each acknowledged approval are the ones on record, and only those. */
export async function checkIssuedNumbers(db: Db, ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  const websites = await db.selectFrom("website").select(["order_id", "domain", "website_number"]).execute();
  const byOrder = groupBy(websites, (row) => row.order_id);
  for (const ack of ledger.acks) {
    if (ack.kind !== "regulator" || ack.duplicate || !ack.numbers) continue;
    const recorded = (byOrder.get(ack.orderId) ?? [])
      .map((row) => `${row.domain}=${row.website_number}`)
      .join(",");
    const issued = Object.entries(ack.numbers.websiteNumbers)
      .map(([domain, number]) => `${domain}=${number}`)
      .join(",");
    if (recorded !== issued) problems.push(`${ack.orderId}: issued ${issued}, on record ${recorded}`);
  }
  return problems;
}

/** Every committed material has its bytes at rest, sealed for it and readable with the data key. */
export async function checkMaterials(
  db: Db,
  filesDir: string,
  dataKey: string,
): Promise<{ problems: string[]; materials: number }> {
  const storage = new LocalFileStorage(filesDir);
  const cipher = new FieldCipher(Buffer.from(dataKey, "base64"));
  const rows = await db.selectFrom("material").select(["id", "storage_key"]).execute();
  const problems: string[] = [];
  for (const row of rows) {
    try {
      cipher.decryptBytes(await storage.get(row.storage_key), sealedFileBinding(row.id, "original"));
    } catch (error) {
      problems.push(`material ${row.id}: ${(error as Error).message}`);
    }
  }
  return { problems, materials: rows.length };
}
