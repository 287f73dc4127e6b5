import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "@openbeian/core";
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import type { App } from "../http/types.ts";
import type { AppContext } from "../platform/context.ts";

/**
 * `Idempotency-Key` on order creation and submission: an agency's retry after a
 * timeout must never file a second order. The first request with a key claims it
 * (a row keyed by account and key, so concurrent duplicates meet at the primary
 * key), runs, and stores its successful answer; a retry with the same request
 * gets that answer again; the same key with a different request is refused. An
 * error answer releases the key, so the corrected request can reuse it. Keys
 * are kept 24 hours.
 */
const IDEMPOTENT_ROUTES: ReadonlySet<string> = new Set(["POST /api/orders", "POST /api/orders/:id/submit"]);

/** For the routes' schemas: documents the header (and checks its length). */
export const IdempotencyHeaders = Type.Object({
  "idempotency-key": Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        "Any unique string per intended request; a retry with the same key returns the first answer",
    }),
  ),
});

const KEEP_MS = 24 * 60 * 60 * 1000;
/** A claim whose request never finished (its process died) is taken over after this long. */
const ABANDONED_MS = 60_000;
/** How long a duplicate waits for the first request's answer before 409 IDEMPOTENCY_IN_PROGRESS. */
const WAIT_MS = 10_000;
const POLL_MS = 50;

interface Claim {
  accountId: string;
  key: string;
}

const claims = new WeakMap<FastifyRequest, Claim>();

export function registerIdempotency(app: App, ctx: AppContext): void {
  // After validation and authentication: a malformed or unauthorised request claims nothing.
  app.addHook("preHandler", async (request, reply) => {
    const route = `${request.method} ${request.routeOptions.url}`;
    const key = request.headers["idempotency-key"];
    // The key's length was checked by the routes' IdempotencyHeaders schema.
    if (!IDEMPOTENT_ROUTES.has(route) || typeof key !== "string" || !request.viewer) return;
    // The body holds certificate and phone numbers: its hash is stored sealed (sameRequest).
    const requestHash = createHash("sha256")
      .update(JSON.stringify([route, request.params ?? null, request.body ?? null]))
      .digest("hex");
    const claim = { accountId: request.viewer.accountId, key };
    const stored = await claimKey(ctx, claim, route, requestHash);
    if (stored === "claimed") {
      claims.set(request, claim);
      return;
    }
    return reply
      .status(stored.status)
      .header("idempotency-replayed", "true")
      .type("application/json; charset=utf-8")
      .send(stored.body);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    const where = ctx.db
      .updateTable("idempotency_key")
      .where("account_id", "=", claim.accountId)
      .where("idem_key", "=", claim.key);
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === "string") {
      await where
        // Sealed: the answer to a created order carries its certificate and phone numbers.
        .set({
          status: "done",
          response_status: reply.statusCode,
          response_body: ctx.cipher.encrypt(payload),
        })
        .execute();
    } else {
      await ctx.db
        .deleteFrom("idempotency_key")
        .where("account_id", "=", claim.accountId)
        .where("idem_key", "=", claim.key)
        .where("status", "=", "pending")
        .execute();
    }
    return payload;
  });
}

async function claimKey(
  ctx: AppContext,
  claim: Claim,
  route: string,
  requestHash: string,
): Promise<"claimed" | { status: number; body: string }> {
  const giveUpAt = Date.now() + WAIT_MS;
  for (;;) {
    const now = ctx.clock.now().getTime();
    await ctx.db
      .deleteFrom("idempotency_key")
      .where("account_id", "=", claim.accountId)
      .where("expires_at", "<=", now)
      .execute();
    const inserted = await ctx.db
      .insertInto("idempotency_key")
      .values({
        account_id: claim.accountId,
        idem_key: claim.key,
        route,
        request_hash: ctx.cipher.encrypt(requestHash),
        status: "pending",
        response_status: null,
        response_body: null,
        created_at: now,
        expires_at: now + KEEP_MS,
      })
      .onConflict((conflict) => conflict.columns(["account_id", "idem_key"]).doNothing())
      .returning("idem_key")
      .execute();
    if (inserted.length === 1) return "claimed";

    const row = await ctx.db
      .selectFrom("idempotency_key")
      .selectAll()
      .where("account_id", "=", claim.accountId)
      .where("idem_key", "=", claim.key)
      .executeTakeFirst();
    if (!row) continue; // released or expired meanwhile: claim it now
    if (!sameRequest(ctx, row.request_hash, requestHash))
      throw new AppError("IDEMPOTENCY_KEY_REUSED", { route: row.route });
    if (row.status === "done" && row.response_status !== null && row.response_body !== null) {
      return { status: row.response_status, body: storedAnswer(ctx, row.response_body) };
    }
    if (now - row.created_at > ABANDONED_MS) {
      await ctx.db
        .deleteFrom("idempotency_key")
        .where("account_id", "=", claim.accountId)
        .where("idem_key", "=", claim.key)
        .where("created_at", "=", row.created_at)
        .where("status", "=", "pending")
        .execute();
      continue;
    }
    if (Date.now() > giveUpAt) throw new AppError("IDEMPOTENCY_IN_PROGRESS");
    await sleep(POLL_MS);
  }
}

/**
 * The request's hash is stored sealed, like its answer: a plain hash would let whoever reads
 * the table confirm a guess of the body. `beian keys rotate` reseals both. Rows claimed before
 * hashes were sealed (kept 24 hours) hold the hash as it was.
 */
function sameRequest(ctx: AppContext, stored: string, requestHash: string): boolean {
  return (ctx.cipher.isSealed(stored) ? ctx.cipher.decrypt(stored) : stored) === requestHash;
}

/** The stored answer; rows written before answers were sealed hold it as it was sent. */
function storedAnswer(ctx: AppContext, body: string): string {
  return ctx.cipher.isSealed(body) ? ctx.cipher.decrypt(body) : body;
}
