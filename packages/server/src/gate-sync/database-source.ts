import type { ChangeStatus, GateChange, GateSource } from "@openbeian/gate";
import { ORDER_STATES, type OrderKind, type OrderState } from "@openbeian/core";
import pg from "pg";
import type { Db, Engine } from "../platform/db.ts";
import { GATE_CHANNEL } from "./change-log.ts";
import { LIVE_STATUS_ORDER, gateStatus, liveWebsites, orderDomains, type GateStatus } from "./gate-status.ts";

/**
 * The gate's view of the platform database: the records for the initial load
 * (websites page by page in domain order, so 5 million rows never sit in memory
 * at once, then the orders in progress), the change log, and on PostgreSQL a
 * dedicated LISTEN connection (a pooled one could be handed to someone else).
 */
export interface DatabaseGateSourceOptions {
  db: Db;
  engine: Engine;
  /** The PostgreSQL URL, for the LISTEN connection. */
  url?: string;
  /** The PostgreSQL schema; notifications from other schemas are ignored. */
  schema?: string;
  pageSize?: number;
}

type Record = {
  domain: string;
  status: ChangeStatus;
  reason: GateChange["reason"];
  orderState: string | null;
};

export function databaseGateSource(options: DatabaseGateSourceOptions): GateSource {
  const { db } = options;
  const pageSize = options.pageSize ?? 50_000;
  const toRecord = (domain: string, status: GateStatus): Record => ({
    domain,
    status: status.status,
    reason: status.reason,
    orderState: status.order_state,
  });

  const source: GateSource = {
    async currentSeq() {
      const row = await db
        .selectFrom("counter")
        .select("value")
        .where("name", "=", "gate_change")
        .executeTakeFirst();
      return Number(row?.value ?? 0);
    },

    async records(onPage) {
      for (let after = ""; ;) {
        // One row per domain, its live record's status (a domain may have been cancelled and filed
        // again): the rank of LIVE_STATUS_ORDER.
        const rows = await db
          .selectFrom("website")
          .select((eb) => [
            "domain",
            eb.fn
              .min(
                eb
                  .case()
                  .when("status", "=", "filed")
                  .then(0)
                  .when("status", "=", "access_cancelled")
                  .then(1)
                  .else(2)
                  .end(),
              )
              .as("rank"),
          ])
          .where("domain", ">", after)
          .groupBy("domain")
          .orderBy("domain")
          .limit(pageSize)
          .execute();
        onPage(
          rows.map((row) =>
            toRecord(
              row.domain,
              gateStatus({ status: LIVE_STATUS_ORDER[Number(row.rank)] ?? "cancelled" }, null),
            ),
          ),
        );
        if (rows.length < pageSize) break;
        after = rows.at(-1)!.domain;
      }
      // Orders in progress are few (one per account at most): their domains in one go.
      const orders = await db
        .selectFrom("filing_order")
        .select(["domains", "state", "type"])
        .where("active_account_id", "is not", null)
        .execute();
      const pending = new Map<string, { state: OrderState; type: OrderKind }>();
      for (const order of orders) {
        if (!isOrderState(order.state)) continue;
        for (const domain of orderDomains(order.domains))
          pending.set(domain, { state: order.state, type: order.type });
      }
      const names = [...pending.keys()];
      for (let start = 0; start < names.length; start += 500) {
        const chunk = names.slice(start, start + 500);
        const websites = await db
          .selectFrom("website")
          .select(["domain", "status"])
          .where("domain", "in", chunk)
          .execute();
        const byDomain = liveWebsites(websites);
        onPage(
          chunk.map((domain) => {
            const order = pending.get(domain)!;
            return toRecord(domain, gateStatus(byDomain.get(domain), order.state, order.type));
          }),
        );
      }
    },

    async changesSince(seq, limit) {
      const rows = await db
        .selectFrom("gate_change")
        .select(["seq", "domain", "status", "reason", "order_state"])
        .where("seq", ">", seq)
        .orderBy("seq")
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        seq: Number(row.seq),
        domain: row.domain,
        status: row.status,
        reason: row.reason,
        orderState: row.order_state,
      }));
    },
  };
  if (options.engine === "postgres" && options.url) {
    const { url, schema } = options;
    source.listen = async (onSignal, onLost) => {
      const client = new pg.Client({ connectionString: url, application_name: "openbeian-gate" });
      let closing = false;
      const lost = (error: unknown) => {
        if (closing) return;
        closing = true;
        client.end().catch(() => {});
        onLost(error);
      };
      client.on("error", lost);
      client.on("end", () => lost(new Error("LISTEN connection ended")));
      client.on("notification", (message) => {
        if (!schema || message.payload === schema) onSignal();
      });
      await client.connect();
      await client.query(`LISTEN ${GATE_CHANNEL}`);
      return async () => {
        closing = true;
        await client.end();
      };
    };
  }
  return source;
}

function isOrderState(state: string): state is OrderState {
  return (ORDER_STATES as readonly string[]).includes(state);
}
