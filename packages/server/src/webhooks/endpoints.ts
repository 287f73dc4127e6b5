import { AppError } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { WebhookEndpointTable } from "../platform/agency-schema.ts";
import { newId } from "../platform/ids.ts";
import { newWebhookSecret } from "./signature.ts";
import { checkWebhookUrl } from "./url-guard.ts";

/**
 * An account's webhook endpoints. The signing secret is generated here, shown
 * when created or rotated, and kept encrypted (it must be read back to sign).
 * Another account's endpoint is "not found".
 */
const MAX_ENDPOINTS = 10;

export interface EndpointInput {
  url: string;
  events?: string[];
  description?: string;
}

export interface EndpointChange {
  url?: string;
  events?: string[];
  description?: string;
  active?: boolean;
  rotateSecret?: boolean;
}

export function presentEndpoint(row: WebhookEndpointTable) {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    description: row.description,
    active: row.active === 1,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function listEndpoints(ctx: AppContext, viewer: Viewer) {
  return ctx.db
    .selectFrom("webhook_endpoint")
    .selectAll()
    .where("account_id", "=", viewer.accountId)
    .orderBy("id")
    .execute();
}

export async function findEndpoint(ctx: AppContext, viewer: Viewer, id: string) {
  const row = await ctx.db
    .selectFrom("webhook_endpoint")
    .selectAll()
    .where("id", "=", id)
    .where("account_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

export async function createEndpoint(ctx: AppContext, viewer: Viewer, input: EndpointInput) {
  const url = checkWebhookUrl(input.url, ctx.webhookAllowPrivate);
  const now = ctx.clock.now().getTime();
  const secret = newWebhookSecret();
  const row: WebhookEndpointTable = {
    id: newId(),
    account_id: viewer.accountId,
    url,
    secret_enc: ctx.cipher.encrypt(secret),
    events: JSON.stringify(input.events?.length ? [...new Set(input.events)] : ["*"]),
    description: input.description ?? "",
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom("webhook_endpoint")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("account_id", "=", viewer.accountId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ENDPOINTS) throw new AppError("WEBHOOK_LIMIT_REACHED", { max: MAX_ENDPOINTS });
    await trx.insertInto("webhook_endpoint").values(row).execute();
    await audit(trx, viewer, row.id, "create", now, { url: row.url, events: JSON.parse(row.events) });
  });
  return { row, secret };
}

export async function updateEndpoint(ctx: AppContext, viewer: Viewer, id: string, change: EndpointChange) {
  const row = await findEndpoint(ctx, viewer, id);
  const now = ctx.clock.now().getTime();
  const secret = change.rotateSecret ? newWebhookSecret() : null;
  const next: WebhookEndpointTable = {
    ...row,
    ...(change.url !== undefined ? { url: checkWebhookUrl(change.url, ctx.webhookAllowPrivate) } : {}),
    ...(change.events !== undefined
      ? { events: JSON.stringify(change.events.length ? [...new Set(change.events)] : ["*"]) }
      : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
    ...(change.active !== undefined ? { active: change.active ? 1 : 0 } : {}),
    ...(secret ? { secret_enc: ctx.cipher.encrypt(secret) } : {}),
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("webhook_endpoint")
      .set({
        url: next.url,
        events: next.events,
        description: next.description,
        active: next.active,
        secret_enc: next.secret_enc,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    await audit(trx, viewer, id, "update", now, {
      url: next.url,
      events: JSON.parse(next.events),
      active: next.active === 1,
      rotatedSecret: secret !== null,
    });
  });
  return { row: next, secret };
}

/** Deletes the endpoint and its delivery log; queued attempts then find nothing to send. */
export async function deleteEndpoint(ctx: AppContext, viewer: Viewer, id: string): Promise<void> {
  await findEndpoint(ctx, viewer, id);
  const now = ctx.clock.now().getTime();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("webhook_delivery").where("endpoint_id", "=", id).execute();
    await trx.deleteFrom("webhook_endpoint").where("id", "=", id).execute();
    await audit(trx, viewer, id, "delete", now, {});
  });
}

function audit(
  trx: Parameters<typeof writeAudit>[0],
  viewer: Viewer,
  id: string,
  action: string,
  at: number,
  detail: Record<string, unknown>,
) {
  return writeAudit(trx, {
    at,
    actorKind: "applicant",
    actorUserId: viewer.userId,
    accountId: viewer.accountId,
    entity: "webhook_endpoint",
    entityId: id,
    action,
    detail,
  });
}
