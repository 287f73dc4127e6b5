import { AppError, maskPhone } from "@openbeian/core";
import { Type } from "@sinclair/typebox";
import { openResponses, IdParams, type App } from "../http/types.ts";
import { requireStaff, requireViewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";

/** The in-app inbox, and (for staff) the development mailbox and SMS gateway. */
export function registerNotificationRoutes(app: App, ctx: AppContext) {
  const tags = ["notifications"];
  app.get(
    "/api/notifications",
    { schema: { tags, summary: "Your in-app notifications (站内消息)", response: openResponses } },
    async (request) => {
      const viewer = requireViewer(request);
      const rows = await ctx.db
        .selectFrom("notification")
        .selectAll()
        .where("account_id", "=", viewer.accountId)
        .orderBy("id", "desc")
        .limit(100)
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          orderId: row.order_id,
          template: row.template,
          title: { zh: row.title_zh, en: row.title_en },
          body: { zh: row.body_zh, en: row.body_en },
          createdAt: new Date(row.created_at).toISOString(),
          read: row.read_at !== null,
        })),
      };
    },
  );

  app.post(
    "/api/notifications/:id/read",
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: openResponses,
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const result = await ctx.db
        .updateTable("notification")
        .set({ read_at: ctx.clock.now().getTime() })
        .where("id", "=", request.params.id)
        .where("account_id", "=", viewer.accountId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError("NOT_FOUND");
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/dev/mailbox",
    {
      schema: {
        tags,
        summary: "Development mailbox: e-mails the platform would send (staff only)",
        querystring: Type.Object(
          { to: Type.Optional(Type.String({ maxLength: 254 })) },
          { additionalProperties: false },
        ),
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      // With a real SMTP server there is no development mailbox to read (nor anything old in it to leak).
      if (ctx.mail.name !== "dev-mailbox") throw new AppError("NOT_FOUND");
      let query = ctx.db.selectFrom("dev_mail").selectAll().orderBy("id", "desc").limit(200);
      if (request.query.to) query = query.where("to_address", "=", request.query.to.toLowerCase());
      const rows = await query.execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          to: row.to_address,
          subject: row.subject,
          body: row.body,
          createdAt: new Date(row.created_at).toISOString(),
        })),
      };
    },
  );

  app.get(
    "/api/dev/sms",
    {
      schema: {
        tags,
        summary: "Development SMS gateway: texts the platform would send, mobiles masked (staff only)",
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      if (ctx.sms.name !== "dev-sms") throw new AppError("NOT_FOUND");
      const rows = await ctx.db.selectFrom("dev_sms").selectAll().orderBy("id", "desc").limit(200).execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          phoneMasked: maskPhone(ctx.cipher.decrypt(row.phone_enc)),
          templateCode: row.template_code,
          text: ctx.cipher.decrypt(row.text_enc),
          createdAt: new Date(row.created_at).toISOString(),
        })),
      };
    },
  );
}
