import type { StaffRole } from "../../src/admin/staff.ts";
import type { TokenScope } from "../../src/agency/scopes.ts";
import type { RecipientInput } from "../../src/notify/recipients.ts";
import type { RawRequest } from "./client.ts";
import { uploadForm } from "./upload-fixtures.ts";

/**
 * Who may call each route, and how the authorisation matrix makes a valid request
 * to it (authorisation-matrix.test.ts). Every route in `app.routeTable` needs an
 * entry here, keyed `METHOD url`; the matrix fails naming a route without one.
 *
 * Requests are valid for the schema (validation runs before any handler, so an
 * invalid body would hide the authorisation check) and, where they would change
 * something for good, aimed so that an allowed caller meets a state or version
 * check instead: STALE versions, orders past the step, resources made per call.
 */

/** Who may call a route; staff roles are minimums (an admin may do what a reviewer may). */
export type Access = "public" | "signedIn" | "applicant" | StaffRole | "regulator" | "handoff";
/** What an API token needs for the route; "session": no token may call it. */
export type TokenNeed = TokenScope | "session";

export interface OrderRef {
  id: string;
  number: string;
}

/** One applicant account's things, as requests name them. */
export interface Party {
  accountId: string;
  /** The account's applicant user. */
  user: User;
  /** The subject's certificate number (a resident ID). */
  certificateNumber: string;
  /** An order in initial review: a change of the account's filing. */
  order: OrderRef;
  /** The first filing, approved by the bureau, with its materials and website. */
  filed: OrderRef;
  materialId: string;
  domain: string;
  domainId: string;
  serverId: string;
  /** A service code of the account's own, unused. */
  serviceCode: string;
  websiteId: string;
  recipientId: string;
  webhookId: string;
  deliveryId: string;
  /** A transfer of another account's filing sent to this account. */
  incomingTransferId: string;
  /** A hand-off link of `order` that nobody uses, to be revoked. */
  spareLinkId: string;
  /** Things no other request uses, to delete: a new one once the last was deleted. */
  spare: { webhook(): Promise<string>; recipient(): Promise<string> };
}

/** Things that belong to a user rather than an account. */
export interface User {
  id: string;
  email: string;
  password: string;
  /** A notification of the user's account. */
  notificationId: string;
  /** An API token of the user's that no caller uses (revoking twice changes nothing). */
  spareTokenId: string;
}

export interface Fixtures {
  a: Party;
  b: Party;
  /** The provider's own order in review: an applicant user in the staff's account filed it. */
  provider: { accountId: string; order: OrderRef; materialId: string };
  staff: Record<StaffRole, User>;
  /** A reviewer whose role the administrator changes, disables and enables. */
  spareStaffId: string;
  overrideId: string;
  /** A third applicant account, to grant a service code to. */
  granteeEmail: string;
  photo: Buffer;
}

/**
 * Whose things a request names: `data` is the account (the caller's own, B's for
 * "another account's data", the provider's own for the own-account rule; staff
 * work on A's); `user` is the calling user (B's for "another account's data"), for
 * routes on a user's own things.
 */
export interface Target {
  data: Party;
  user: User;
  fx: Fixtures;
}

export interface Req {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  form?: RawRequest;
  headers?: Record<string, string>;
}

export type Build = (target: Target) => Req | Promise<Req>;

export interface RouteAccess {
  access: Access;
  token: TokenNeed;
  request?: Build;
  /** Names one account's resource: another account's is "not found" (404), never 403. */
  scoped?: true;
  /** On an order of the staff member's own account: refused (REVIEW_OWN_ACCOUNT) or allowed (reading). */
  ownAccount?: "refused" | "allowed";
  /** A change that needs no CSRF header (it makes the session, or carries its own credential). */
  csrfExempt?: true;
  /** Ends the calling session ("this") or all of the user's ("all"): run with a session of its own. */
  endsSession?: "this" | "all";
  /** Answers per item (bulk actions): the first item's error, judged like a whole answer's. */
  itemError?: (body: BulkAnswer) => ItemError | undefined;
}

export interface ItemError {
  code: string;
  message?: { zh?: unknown; en?: unknown };
}
export interface BulkAnswer {
  results?: { error?: ItemError }[];
}

/** A version long gone: the state machine answers 409 after the authorisation checks, and nothing changes. */
const STALE = 999_999;
let made = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++made}`;

/** An extra notification recipient, as the fixtures add one and the matrix adds more. */
export const RECIPIENT: RecipientInput = {
  name: "王五",
  role: "technical",
  email: "wang.wu@example.cn",
  emailGroups: ["order"],
  smsGroups: [],
};

const order: Build = ({ data }) => ({ params: { id: data.order.id } });
const filed: Build = ({ data }) => ({ params: { id: data.filed.id } });
const material: Build = ({ data }) => ({ params: { id: data.filed.id, materialId: data.materialId } });
const website: Build = ({ data }) => ({ params: { id: data.websiteId } });
const webhook: Build = ({ data }) => ({ params: { id: data.webhookId } });
const photoUpload =
  (kind: string): Build =>
  ({ fx }) => ({ form: uploadForm(kind, fx.photo, `${kind}.jpg`) });

const docs = { access: "public", token: "read" } as const;
const applicantRead = { access: "applicant", token: "read" } as const;
const applicantFile = { access: "applicant", token: "file" } as const;
const staffRead = { access: "reviewer", token: "read" } as const;
const staffReview = { access: "reviewer", token: "review" } as const;

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // The documentation, probes and metrics: anyone.
  "GET /api/docs": docs,
  "GET /api/docs/static/index.html": docs,
  "GET /api/docs/static/swagger-initializer.js": docs,
  "GET /api/docs/json": docs,
  "GET /api/docs/yaml": docs,
  "GET /api/docs/static/*": { ...docs, request: () => ({ params: { "*": "index.css" } }) },
  "GET /api/openapi.json": docs,
  "GET /healthz": docs,
  "GET /metrics": docs,

  // Identity: signing up and in make a new session (and end the browser's previous one).
  "POST /api/auth/signup": {
    access: "public",
    token: "session",
    csrfExempt: true,
    endsSession: "this",
    request: () => ({
      body: {
        email: `${unique("signup")}@example.cn`,
        password: "Passw0rd!2026",
        displayName: "新用户",
        accountType: "personal",
      },
    }),
  },
  "POST /api/auth/login": {
    access: "public",
    token: "session",
    csrfExempt: true,
    endsSession: "this",
    request: ({ fx }) => ({ body: { email: fx.staff.reviewer.email, password: fx.staff.reviewer.password } }),
  },
  "POST /api/auth/logout": { access: "signedIn", token: "session", endsSession: "this" },
  "POST /api/auth/logout-all": { access: "signedIn", token: "session", endsSession: "all" },
  "GET /api/session": { access: "signedIn", token: "read" },
  "POST /api/auth/password-reset": {
    access: "public",
    token: "session",
    csrfExempt: true,
    request: () => ({ body: { email: `${unique("nobody")}@example.cn` } }),
  },
  "POST /api/auth/password-reset/confirm": {
    access: "public",
    token: "session",
    csrfExempt: true,
    request: () => ({ body: { token: "not-a-reset-token", password: "N3w-Passw0rd!2026" } }),
  },
  "GET /api/account": { access: "signedIn", token: "read" },
  "GET /api/account/identity": applicantRead,
  "PUT /api/account/identity": {
    access: "applicant",
    token: "session",
    request: ({ data }) => ({ body: { name: "张三", certificateNumber: data.certificateNumber } }),
  },

  // The applicant's resources.
  "GET /api/domains": applicantRead,
  "POST /api/domains": {
    ...applicantFile,
    request: ({ data }) => ({
      body: {
        name: `${unique("matrix")}.cn`,
        holderName: "张三",
        holderCertificateNumber: data.certificateNumber,
        realNameVerifiedAt: "2026-02-01T00:00:00.000Z",
        expiresAt: "2027-03-01T00:00:00.000Z",
      },
    }),
  },
  "GET /api/domains/:id": {
    ...applicantRead,
    scoped: true,
    request: ({ data }) => ({ params: { id: data.domainId } }),
  },
  "GET /api/servers": applicantRead,
  "POST /api/servers": {
    ...applicantFile,
    request: () => ({
      body: {
        instanceId: unique("i-matrix"),
        region: "cn-hangzhou",
        product: "ecs.e-c1m2.large",
        billingType: "subscription",
        paidFrom: "2026-03-01T00:00:00.000Z",
        paidUntil: "2027-03-01T00:00:00.000Z",
        autoRenew: false,
        publicIp: null,
      },
    }),
  },
  "GET /api/servers/:id": {
    ...applicantRead,
    scoped: true,
    request: ({ data }) => ({ params: { id: data.serverId } }),
  },
  "GET /api/service-codes": applicantRead,
  "POST /api/service-codes/:code/grant": {
    ...applicantFile,
    scoped: true,
    request: ({ data, fx }) => ({ params: { code: data.serviceCode }, body: { email: fx.granteeEmail } }),
  },
  "POST /api/service-codes/:code/revoke-grant": {
    ...applicantFile,
    scoped: true,
    request: ({ data }) => ({ params: { code: data.serviceCode }, body: {} }),
  },

  // Orders: the account's own; another account's are "not found".
  "GET /api/orders": applicantRead,
  // The account has an order in progress already: 409 ACTIVE_ORDER_EXISTS, after the checks.
  "POST /api/orders": { ...applicantFile, request: () => ({ body: {} }) },
  "GET /api/orders/:id": { ...applicantRead, scoped: true, request: order },
  "GET /api/orders/:id/precheck-context": { ...applicantRead, scoped: true, request: order },
  "GET /api/orders/:id/sms": { ...applicantRead, scoped: true, request: filed },
  "PUT /api/orders/:id/data": {
    ...applicantFile,
    scoped: true,
    request: (target) => ({ ...order(target), body: { version: STALE, data: {} } }),
  },
  "POST /api/orders/:id/submit": {
    ...applicantFile,
    scoped: true,
    request: (target) => ({ ...order(target), body: { version: STALE } }),
  },
  "POST /api/orders/:id/withdraw": {
    ...applicantFile,
    scoped: true,
    request: (target) => ({ ...order(target), body: { version: STALE } }),
  },
  "POST /api/orders/:id/abandon": {
    ...applicantFile,
    scoped: true,
    request: (target) => ({ ...order(target), body: { version: STALE } }),
  },
  "GET /api/transfers/incoming": applicantRead,
  "POST /api/transfers/:id/accept": {
    ...applicantFile,
    scoped: true,
    // A wrong certificate tail: the proof is checked only once the transfer is found as the caller's.
    request: ({ data }) => ({ params: { id: data.incomingTransferId }, body: { certificateTail: "000000" } }),
  },
  "POST /api/transfers/:id/decline": {
    ...applicantFile,
    scoped: true,
    request: ({ data }) => ({ params: { id: data.incomingTransferId }, body: {} }),
  },

  // Materials and the forms to sign.
  "POST /api/orders/:id/materials": {
    ...applicantFile,
    scoped: true,
    request: async (target) => ({ ...(await order(target)), ...(await photoUpload("id_front")(target)) }),
  },
  "GET /api/orders/:id/materials": { ...applicantRead, scoped: true, request: filed },
  "GET /api/orders/:id/materials/:materialId": { ...applicantRead, scoped: true, request: material },
  // The approved filing's materials are kept: 409, never deleted.
  "DELETE /api/orders/:id/materials/:materialId": { ...applicantFile, scoped: true, request: material },
  "GET /api/orders/:id/documents/:document": {
    ...applicantRead,
    scoped: true,
    request: ({ data }) => ({ params: { id: data.order.id, document: "commitment-letter.pdf" } }),
  },

  // Hand-off links: made and revoked by the applicant, used with the link's token alone.
  "POST /api/orders/:id/handoff-links": { ...applicantFile, scoped: true, request: order },
  "GET /api/orders/:id/handoff-links": { ...applicantRead, scoped: true, request: order },
  "DELETE /api/orders/:id/handoff-links/:linkId": {
    ...applicantFile,
    scoped: true,
    request: ({ data }) => ({ params: { id: data.order.id, linkId: data.spareLinkId } }),
  },
  "GET /api/handoff": { access: "handoff", token: "read" },
  "POST /api/handoff/face-capture": {
    access: "handoff",
    token: "session",
    csrfExempt: true,
    request: photoUpload("face_capture"),
  },

  // The initial review: staff only; decisions never on the staff's own account.
  "GET /api/review/orders": staffRead,
  "GET /api/review/orders/:id": { ...staffRead, ownAccount: "allowed", request: order },
  "GET /api/review/orders/:id/revisions": { ...staffRead, ownAccount: "allowed", request: order },
  "GET /api/review/orders/:id/regulator-messages": { ...staffRead, ownAccount: "allowed", request: order },
  "POST /api/review/orders/:id/approve": {
    ...staffReview,
    ownAccount: "refused",
    request: (target) => ({ ...order(target), body: { version: STALE } }),
  },
  "POST /api/review/orders/:id/return": {
    ...staffReview,
    ownAccount: "refused",
    request: (target) => ({
      ...order(target),
      body: { version: STALE, fields: [{ field: "subject.address", reason: "地址不完整" }] },
    }),
  },
  "POST /api/review/orders/:id/reject": {
    ...staffReview,
    ownAccount: "refused",
    request: (target) => ({ ...order(target), body: { version: STALE, reason: "材料不实" } }),
  },
  "GET /api/review/staff": staffRead,
  "POST /api/review/orders/:id/claim": { ...staffReview, ownAccount: "refused", request: order },
  "POST /api/review/orders/:id/release": { ...staffReview, request: order },
  "POST /api/review/orders/:id/assign": {
    access: "supervisor",
    token: "review",
    ownAccount: "refused",
    request: (target) => ({ ...order(target), body: { userId: target.fx.staff.reviewer.id } }),
  },
  "GET /api/review/orders/:id/calls": { ...staffRead, ownAccount: "allowed", request: order },
  "POST /api/review/orders/:id/calls": {
    ...staffReview,
    ownAccount: "refused",
    request: (target) => ({ ...order(target), body: { outcome: "answered" } }),
  },
  "GET /api/review/reason-templates": {
    ...staffRead,
    ownAccount: "allowed",
    request: ({ data }) => ({ query: { orderId: data.order.id } }),
  },
  // The approved filing: each item meets the state machine (409) unless refused first.
  "POST /api/review/bulk": {
    ...staffReview,
    ownAccount: "refused",
    request: ({ data }) => ({ body: { action: "approve", orderIds: [data.filed.id] } }),
    itemError: (body) => body.results?.[0]?.error,
  },
  "GET /api/review/orders/:id/materials": { ...staffRead, ownAccount: "allowed", request: filed },
  "GET /api/review/orders/:id/materials/:materialId": {
    ...staffRead,
    ownAccount: "allowed",
    request: material,
  },
  "GET /api/review/orders/:id/audit": { ...staffRead, ownAccount: "allowed", request: order },
  "GET /api/review/stats": { access: "supervisor", token: "read" },
  "GET /api/audit": { access: "supervisor", token: "read" },
  "GET /api/audit/export": { access: "supervisor", token: "read" },
  "GET /api/review/watch": staffRead,
  "GET /api/review/watch/export": staffRead,
  "GET /api/review/footer-campaigns": staffRead,
  "POST /api/review/footer-campaigns": { access: "supervisor", token: "review" },
  "POST /api/review/websites/:id/footer-check": { ...staffReview, request: website },
  "GET /api/review/webhook-deliveries": staffRead,
  "POST /api/review/webhook-deliveries/:id/redeliver": {
    ...staffReview,
    request: ({ data }) => ({ params: { id: data.deliveryId } }),
  },

  // The regulator bridge's reports: its bearer token only. An approved order: the event is a 409.
  "POST /api/internal/regulator/events": {
    access: "regulator",
    token: "session",
    csrfExempt: true,
    request: ({ data }) => ({
      body: { messageId: unique("matrix"), orderNumber: data.filed.number, event: { type: "sms_sent" } },
    }),
  },
  "POST /api/internal/sms": {
    access: "regulator",
    token: "session",
    request: ({ data }) => ({
      body: {
        messageId: unique("matrix-sms"),
        orderNumber: data.filed.number,
        mobile: "13800138000",
        text: "【工信部】您的验证码为123456",
      },
    }),
  },

  // Notifications and their settings.
  "GET /api/notifications": { access: "signedIn", token: "read" },
  "POST /api/notifications/:id/read": {
    access: "signedIn",
    token: "session",
    scoped: true,
    request: ({ user }) => ({ params: { id: user.notificationId }, body: {} }),
  },
  "GET /api/dev/mailbox": staffRead,
  "GET /api/dev/sms": staffRead,
  "GET /api/notification-preferences": applicantRead,
  "PUT /api/notification-preferences": {
    access: "applicant",
    token: "session",
    request: () => ({ body: {} }),
  },
  "GET /api/recipients": applicantRead,
  "POST /api/recipients": {
    access: "applicant",
    token: "session",
    request: () => ({
      body: RECIPIENT,
    }),
  },
  "PATCH /api/recipients/:id": {
    access: "applicant",
    token: "session",
    scoped: true,
    request: ({ data }) => ({ params: { id: data.recipientId }, body: { name: "王五五" } }),
  },
  "DELETE /api/recipients/:id": {
    access: "applicant",
    token: "session",
    scoped: true,
    request: async ({ data }) => ({ params: { id: await data.spare.recipient() } }),
  },

  // Administration.
  "GET /api/admin/province-rules/:province": {
    access: "admin",
    token: "read",
    request: () => ({ params: { province: "33" } }),
  },
  "POST /api/admin/province-rules/overrides": {
    access: "admin",
    token: "session",
    request: () => ({
      body: { province: "33", rule: "minAge", value: 18, reason: "矩阵测试", effectiveFrom: "2099-01-01" },
    }),
  },
  "POST /api/admin/province-rules/overrides/:id/revoke": {
    access: "admin",
    token: "session",
    request: ({ fx }) => ({ params: { id: fx.overrideId }, body: { reason: "矩阵测试" } }),
  },
  "GET /api/admin/staff": { access: "admin", token: "read" },
  "POST /api/admin/staff": {
    access: "admin",
    token: "session",
    request: () => ({
      body: {
        email: `${unique("staff")}@example.cn`,
        displayName: "新审核员",
        role: "reviewer",
        password: "Reviewer!2026",
      },
    }),
  },
  "POST /api/admin/staff/:id/role": {
    access: "admin",
    token: "session",
    request: ({ fx }) => ({ params: { id: fx.spareStaffId }, body: { role: "reviewer" } }),
  },
  "POST /api/admin/staff/:id/disable": {
    access: "admin",
    token: "session",
    request: ({ fx }) => ({ params: { id: fx.spareStaffId } }),
  },
  "POST /api/admin/staff/:id/enable": {
    access: "admin",
    token: "session",
    request: ({ fx }) => ({ params: { id: fx.spareStaffId } }),
  },

  // The filing as it stands, websites, the public-security filing, footers, the watch.
  "GET /api/filing": applicantRead,
  "GET /api/apps": applicantRead,
  "GET /api/websites": applicantRead,
  "PUT /api/websites/:id/opening-day": {
    ...applicantFile,
    scoped: true,
    request: (target) => ({ ...website(target), body: { openedOn: "2026-03-01" } }),
  },
  "PUT /api/websites/:id/psb-number": {
    ...applicantFile,
    scoped: true,
    request: (target) => ({ ...website(target), body: { psbNumber: "浙公网安备33010602011234号" } }),
  },
  "POST /api/websites/:id/footer-check": { ...applicantFile, scoped: true, request: website },
  "GET /api/public/filings": {
    access: "public",
    token: "read",
    request: ({ data }) => ({ query: { q: data.domain } }),
  },
  "GET /api/watch": applicantRead,

  // API tokens: managed with a session only, each user's (staff) or account's (applicants) own.
  "GET /api/tokens": { access: "signedIn", token: "session" },
  "POST /api/tokens": {
    access: "signedIn",
    token: "session",
    request: () => ({ body: { name: unique("token"), scopes: ["read"] } }),
  },
  "DELETE /api/tokens/:id": {
    access: "signedIn",
    token: "session",
    scoped: true,
    request: ({ user }) => ({ params: { id: user.spareTokenId } }),
  },

  // Webhooks: the account's endpoints and deliveries.
  "GET /api/webhooks": applicantRead,
  "POST /api/webhooks": { ...applicantFile, request: () => ({ body: { url: "http://127.0.0.1:9/matrix" } }) },
  "PATCH /api/webhooks/:id": {
    ...applicantFile,
    scoped: true,
    request: (target) => ({ ...webhook(target), body: { description: "矩阵测试" } }),
  },
  "DELETE /api/webhooks/:id": {
    ...applicantFile,
    scoped: true,
    request: async ({ data }) => ({ params: { id: await data.spare.webhook() } }),
  },
  "GET /api/webhooks/:id/deliveries": { ...applicantRead, scoped: true, request: webhook },
  "POST /api/webhooks/:id/test": { ...applicantFile, scoped: true, request: webhook },
  "POST /api/webhooks/deliveries/:id/redeliver": {
    ...applicantFile,
    scoped: true,
    request: ({ data }) => ({ params: { id: data.deliveryId } }),
  },
};
