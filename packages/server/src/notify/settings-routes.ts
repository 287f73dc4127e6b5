import { Type } from "@sinclair/typebox";
import { IdParams, openResponses, type App } from "../http/types.ts";
import { requireApplicant } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { ALL_EVENTS, EVENT_GROUPS, GROUP_IDS, MAX_RECIPIENTS, RECIPIENT_ROLES, ROLE_IDS } from "./events.ts";
import { getPreferences, savePreferences } from "./preferences.ts";
import { addRecipient, deleteRecipient, listRecipients, updateRecipient } from "./recipients.ts";

/**
 * 通知设置: the account's channel choices per event and its extra recipients.
 * Applicants only, each on their own account; another account's recipient is
 * "not found".
 */
export function registerNotificationSettingsRoutes(app: App, ctx: AppContext) {
  const tags = ["notifications"];
  const closed = { additionalProperties: false } as const;
  const Channel = Type.Object({ email: Type.Boolean(), sms: Type.Boolean() }, closed);
  // The events known when the app starts; an unknown key is refused by the schema.
  const Events = Type.Partial(
    Type.Object(Object.fromEntries(ALL_EVENTS.map((entry) => [entry.event, Channel])), closed),
  );
  const Phone = Type.String({ minLength: 11, maxLength: 20, pattern: "^[+0-9 -]+$" });
  const Group = Type.Union(GROUP_IDS.map((id) => Type.Literal(id)));
  const Groups = Type.Array(Group, { maxItems: GROUP_IDS.length });
  const Role = Type.Union(ROLE_IDS.map((role) => Type.Literal(role)));
  const RecipientFields = {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    role: Role,
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Phone, Type.Literal(""), Type.Null()])),
    emailGroups: Groups,
    smsGroups: Groups,
  };

  app.get(
    "/api/notification-preferences",
    {
      schema: {
        tags,
        summary: "Channels per notification event (in-app always; e-mail, SMS) and the account's mobile",
        response: openResponses,
      },
    },
    async (request) => getPreferences(ctx, requireApplicant(request).accountId),
  );

  app.put(
    "/api/notification-preferences",
    {
      schema: {
        tags,
        summary: "Change channels per event ({events: {<event>: {email, sms}}}) and the mobile for texts",
        body: Type.Object(
          { events: Type.Optional(Events), phone: Type.Optional(Type.Union([Phone, Type.Null()])) },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => savePreferences(ctx, requireApplicant(request), request.body),
  );

  app.get(
    "/api/recipients",
    {
      schema: {
        tags,
        summary: `Extra notification recipients (at most ${MAX_RECIPIENTS}), mobiles masked`,
        response: openResponses,
      },
    },
    async (request) => ({
      items: await listRecipients(ctx, requireApplicant(request).accountId),
      limit: MAX_RECIPIENTS,
      roles: Object.entries(RECIPIENT_ROLES).map(([id, label]) => ({ id, label })),
      groups: EVENT_GROUPS,
    }),
  );

  app.post(
    "/api/recipients",
    {
      schema: {
        tags,
        summary: "Add a recipient (name, role, e-mail and/or mobile, the event groups per channel)",
        body: Type.Object(RecipientFields, closed),
        response: openResponses,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addRecipient(ctx, requireApplicant(request), request.body)),
  );

  app.patch(
    "/api/recipients/:id",
    {
      schema: {
        tags,
        summary: "Change a recipient; a mobile left out stays as it is",
        params: IdParams,
        body: Type.Partial(Type.Object(RecipientFields, closed)),
        response: openResponses,
      },
    },
    async (request) => updateRecipient(ctx, requireApplicant(request), request.params.id, request.body),
  );

  app.delete(
    "/api/recipients/:id",
    { schema: { tags, summary: "Remove a recipient", params: IdParams, response: openResponses } },
    async (request, reply) => {
      await deleteRecipient(ctx, requireApplicant(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
