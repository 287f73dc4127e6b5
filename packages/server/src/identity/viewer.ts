import { AppError, type ActorKind } from "@openbeian/core";
import type { FastifyRequest } from "fastify";
import type { Role } from "../platform/schema.ts";

/** The signed-in user behind a request. */
export interface Viewer {
  userId: string;
  accountId: string;
  role: Role;
  email: string;
  displayName: string;
  csrfToken: string;
  /** Set when the request came with an API token instead of a session (agency/token-auth.ts). */
  apiToken?: { id: string; scopes: readonly string[] };
}

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

/** The user columns a viewer is built from, for a query that joins `app_user` (a session, an API token). */
export const VIEWER_USER_COLUMNS = [
  "app_user.id as user_id",
  "app_user.account_id",
  "app_user.role",
  "app_user.email",
  "app_user.display_name",
] as const;

export interface ViewerUserRow {
  user_id: string;
  account_id: string;
  role: Role;
  email: string;
  display_name: string;
}

export function viewerOf(row: ViewerUserRow, csrfToken: string): Viewer {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    role: row.role,
    email: row.email,
    displayName: row.display_name,
    csrfToken,
  };
}

export const STAFF_ROLES: ReadonlySet<Role> = new Set(["reviewer", "supervisor", "admin"]);

export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError("UNAUTHENTICATED");
  return request.viewer;
}

/** Applicants file; staff review. Each side's routes refuse the other. */
export function requireApplicant(request: FastifyRequest): Viewer {
  const viewer = requireViewer(request);
  if (viewer.role !== "applicant") throw new AppError("FORBIDDEN");
  return viewer;
}

export function requireStaff(request: FastifyRequest): Viewer {
  const viewer = requireViewer(request);
  if (!STAFF_ROLES.has(viewer.role)) throw new AppError("FORBIDDEN");
  return viewer;
}

/** Supervisors and administrators: dashboards and the audit log, not reviewers. */
export function requireSupervisor(request: FastifyRequest): Viewer {
  const viewer = requireViewer(request);
  if (viewer.role !== "supervisor" && viewer.role !== "admin") throw new AppError("FORBIDDEN");
  return viewer;
}

/** Administrators only: rules, calendars, platform settings. */
export function requireAdmin(request: FastifyRequest): Viewer {
  const viewer = requireViewer(request);
  if (viewer.role !== "admin") throw new AppError("FORBIDDEN");
  return viewer;
}

export function actorKindOf(viewer: Viewer): ActorKind {
  return STAFF_ROLES.has(viewer.role) ? "reviewer" : "applicant";
}
