import { Type } from "@sinclair/typebox";
import { IdParams, openResponses, type App } from "../http/types.ts";
import { PasswordSchema } from "../identity/routes.ts";
import { requireAdmin } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import {
  STAFF_ROLE_NAMES,
  changeStaffRole,
  createStaff,
  disableStaff,
  enableStaff,
  listStaff,
} from "./staff.ts";

const closed = { additionalProperties: false } as const;
const RoleSchema = Type.Union(STAFF_ROLE_NAMES.map((role) => Type.Literal(role)));

/** The provider's staff, for administrators only; every change is audited. */
export function registerStaffRoutes(app: App, ctx: AppContext) {
  const tags = ["admin"];

  app.get(
    "/api/admin/staff",
    { schema: { tags, summary: "Reviewers, supervisors and administrators", response: openResponses } },
    async (request) => {
      requireAdmin(request);
      return { items: await listStaff(ctx) };
    },
  );

  app.post(
    "/api/admin/staff",
    {
      schema: {
        tags,
        summary: "Create a staff user of the provider (password rules as at sign-up)",
        body: Type.Object(
          {
            email: Type.String({ format: "email", maxLength: 254 }),
            displayName: Type.String({ minLength: 1, maxLength: 64 }),
            role: RoleSchema,
            password: PasswordSchema,
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request, reply) => {
      const admin = requireAdmin(request);
      return reply.status(201).send(await createStaff(ctx, admin, request.body));
    },
  );

  app.post(
    "/api/admin/staff/:id/role",
    {
      schema: {
        tags,
        summary: "Change a staff member's role (not one's own)",
        params: IdParams,
        body: Type.Object({ role: RoleSchema }, closed),
        response: openResponses,
      },
    },
    async (request) => changeStaffRole(ctx, requireAdmin(request), request.params.id, request.body.role),
  );

  app.post(
    "/api/admin/staff/:id/disable",
    {
      schema: {
        tags,
        summary: "Disable a staff member (not oneself): login refused, sessions ended",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => disableStaff(ctx, requireAdmin(request), request.params.id),
  );

  app.post(
    "/api/admin/staff/:id/enable",
    {
      schema: {
        tags,
        summary: "Enable a disabled staff member again",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => enableStaff(ctx, requireAdmin(request), request.params.id),
  );
}
