import { createHash, randomBytes } from "node:crypto";
import {
  AppError,
  EDITABLE_STATES,
  SMS_MATRIX,
  STATE_LABELS,
  isRegulatorOrderType,
  maskPhone,
  type OrderData,
} from "@openbeian/core";
import QRCode from "qrcode";
import { writeAudit } from "../audit/audit-log.ts";
import { loadOrder, orderData, orderState } from "../filing/order-rows.ts";
import type { Viewer } from "../identity/viewer.ts";
import { uploadMaterial, type Upload } from "../materials/changes.ts";
import type { HandoffLinkTable } from "../platform/agency-schema.ts";
import type { AppContext } from "../platform/context.ts";
import { newId } from "../platform/ids.ts";
import type { FilingOrderTable } from "../platform/schema.ts";

/**
 * The real-person steps an agency cannot do for its customer, handed to the
 * person as a link (and its QR code) to open on their own phone without the
 * agency's login: the face check (人脸核验: upload the order's face photo, nothing
 * else) and MIIT's SMS verification (短信核验: who gets the text, when, and the
 * verification page). Each link is a random token for one purpose of one order,
 * stored hashed, valid 24 hours; creating and using one is audited. The token
 * travels in the URL's fragment (`/handoff#obh_…`), which browsers never send,
 * so it stays out of server and proxy logs; the page sends it in a header.
 */
const HANDOFF_TTL_MS = 24 * 60 * 60 * 1000;
const HANDOFF_PREFIX = "obh_";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export interface HandoffPerson {
  roles: string[];
  name: string | null;
  mobile: string | null;
}

/** Who MIIT texts for this order, once each (core's SMS_MATRIX, as the order page shows it). */
function smsPeople(order: FilingOrderTable, data: OrderData): HandoffPerson[] {
  const type = order.regulator_type ?? order.type;
  if (!isRegulatorOrderType(type)) return [];
  const rule = SMS_MATRIX[type];
  const people: {
    role: string;
    person: { name?: string; certificateNumber?: string; mobile?: string } | undefined;
  }[] = [];
  if (rule.subjectHead) people.push({ role: "subject_head", person: data.subject?.head });
  if (rule.websiteHeads) {
    if (type === "app") people.push({ role: "app_head", person: data.app?.head });
    else
      for (const website of data.websites ?? []) people.push({ role: "website_head", person: website.head });
  }
  const byPerson = new Map<string, HandoffPerson>();
  for (const { role, person } of people) {
    const key = person?.certificateNumber?.trim().toUpperCase() || `${role}:${person?.name ?? ""}`;
    const known = byPerson.get(key);
    if (known) {
      if (!known.roles.includes(role)) known.roles.push(role);
      continue;
    }
    byPerson.set(key, {
      roles: [role],
      name: person?.name ?? null,
      mobile: person?.mobile ? maskPhone(person.mobile) : null,
    });
  }
  // Nobody to text yet (a draft without the head's mobile): no link until there is.
  return [...byPerson.values()].filter((person) => person.mobile !== null);
}

/** 张三 → 张*; the page's reader is that person, and anyone else sees no more than this. */
const maskName = (name: string | null) =>
  name ? `${[...name][0] ?? ""}${"*".repeat([...name].length - 1)}` : null;

/**
 * `purposes` narrows the links to those steps (the wizard's face step asks for its own
 * link only, so no SMS link is made that nobody will see); by default every step ahead.
 */
export async function createHandoffLinks(
  ctx: AppContext,
  viewer: Viewer,
  orderId: string,
  baseUrl: string,
  purposes: readonly HandoffLinkTable["purpose"][] = ["face_check", "sms_verification"],
) {
  const order = await loadOrder(ctx.db, orderId, { accountId: viewer.accountId });
  const wanted: { purpose: HandoffLinkTable["purpose"]; person: HandoffPerson | null }[] = [];
  // The face photo is a material: it can be taken only while the order can still be edited.
  if (purposes.includes("face_check") && EDITABLE_STATES.has(orderState(order)))
    wanted.push({ purpose: "face_check", person: null });
  if (purposes.includes("sms_verification"))
    for (const person of smsPeople(order, orderData(ctx, order)))
      wanted.push({ purpose: "sms_verification", person });
  const now = ctx.clock.now().getTime();
  const links = wanted.map(({ purpose, person }) => {
    const token = HANDOFF_PREFIX + randomBytes(32).toString("base64url");
    const row: HandoffLinkTable = {
      id: newId(),
      token_hash: hash(token),
      account_id: viewer.accountId,
      order_id: order.id,
      purpose,
      person: person ? JSON.stringify(person) : null,
      created_by: viewer.userId,
      created_at: now,
      expires_at: now + HANDOFF_TTL_MS,
      used_at: null,
      revoked_at: null,
    };
    return { row, token, person };
  });
  await ctx.db.transaction().execute(async (trx) => {
    for (const { row } of links) {
      await trx.insertInto("handoff_link").values(row).execute();
      await writeAudit(trx, {
        at: now,
        actorKind: "applicant",
        actorUserId: viewer.userId,
        accountId: viewer.accountId,
        entity: "handoff_link",
        entityId: row.id,
        action: "create",
        detail: { orderId: order.id, purpose: row.purpose, expiresAt: row.expires_at },
      });
    }
  });
  return Promise.all(
    links.map(async ({ row, token, person }) => {
      const url = `${baseUrl.replace(/\/+$/, "")}/handoff#${token}`;
      return {
        id: row.id,
        purpose: row.purpose,
        person,
        url,
        qrSvg: await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
        expiresAt: new Date(row.expires_at).toISOString(),
      };
    }),
  );
}

/** The link behind a token, or HANDOFF_LINK_INVALID (unknown or expired). */
export async function resolveHandoff(ctx: AppContext, token: string | undefined) {
  if (!token?.startsWith(HANDOFF_PREFIX) || token.length > 100) throw new AppError("HANDOFF_LINK_INVALID");
  const row = await ctx.db
    .selectFrom("handoff_link")
    .selectAll()
    .where("token_hash", "=", hash(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.expires_at <= ctx.clock.now().getTime()) {
    throw new AppError("HANDOFF_LINK_INVALID");
  }
  const order = await loadOrder(ctx.db, row.order_id, { accountId: row.account_id });
  return { row, order };
}

/** What the person's page shows: the step, the order's number and state, nothing of anyone else. */
export async function presentHandoff(ctx: AppContext, row: HandoffLinkTable, order: FilingOrderTable) {
  const state = orderState(order);
  const person = row.person ? (JSON.parse(row.person) as HandoffPerson) : null;
  const face = await ctx.db
    .selectFrom("material")
    .select("created_at")
    .where("order_id", "=", order.id)
    .where("kind", "=", "face_capture")
    .executeTakeFirst();
  return {
    purpose: row.purpose,
    orderNumber: order.number,
    state,
    stateLabel: STATE_LABELS[state],
    expiresAt: new Date(row.expires_at).toISOString(),
    person: person ? { ...person, name: maskName(person.name) } : null,
    faceCaptured: face !== undefined,
    canUpload: row.purpose === "face_check" && EDITABLE_STATES.has(state),
    smsPending: state === "sms_pending",
    verifyUrl: ctx.regulatorPublicUrl ? `${ctx.regulatorPublicUrl.replace(/\/+$/, "")}/sms` : null,
  };
}

/** The face photo through a face-check link: that kind only, on that order only, as the link's creator. */
export async function uploadThroughHandoff(ctx: AppContext, row: HandoffLinkTable, upload: Upload) {
  if (row.purpose !== "face_check") throw new AppError("FORBIDDEN");
  const creator: Viewer = {
    userId: row.created_by,
    accountId: row.account_id,
    role: "applicant",
    email: "",
    displayName: "",
    csrfToken: "",
  };
  const material = await uploadMaterial(ctx, creator, row.order_id, { ...upload, kind: "face_capture" });
  const now = ctx.clock.now().getTime();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("handoff_link").set({ used_at: now }).where("id", "=", row.id).execute();
    await writeAudit(trx, {
      at: now,
      actorKind: "applicant",
      actorUserId: row.created_by,
      accountId: row.account_id,
      entity: "handoff_link",
      entityId: row.id,
      action: "use",
      detail: { orderId: row.order_id, purpose: row.purpose, materialId: material.id },
    });
  });
  return material;
}
