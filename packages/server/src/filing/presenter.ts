import {
  ORDER_KIND_RULES,
  EDITABLE_STATES,
  isFinal,
  EVENT_LABELS,
  nextStepFor,
  STATE_LABELS,
  allowedEvents,
  builtinCalendar,
  checkEnv,
  orderEta,
  precheck,
  type ActorKind,
  type WorkdayCalendar,
  type OrderEventType,
} from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { recordsOfOrder } from "../records/issue-records.ts";
import { carriesFilingAsItStands, precheckContextFor } from "./precheck-context.ts";
import { orderData, orderState, returnedFields } from "./order-rows.ts";

/** Actions a viewer may take: the transition table's events plus editing. */
export type OrderAction = OrderEventType | "edit";

export function actionsFor(row: FilingOrderTable, actor: ActorKind): OrderAction[] {
  const state = orderState(row);
  const actions: OrderAction[] = allowedEvents(state, actor, row.type);
  if (actor === "applicant" && EDITABLE_STATES.has(state)) actions.unshift("edit");
  return actions;
}

/** The list row: no personal data. */
export function presentOrderSummary(row: FilingOrderTable) {
  const state = orderState(row);
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    typeLabel: ORDER_KIND_RULES[row.type].label,
    /** What MIIT received it as (变更主体, 变更网站 …); null until the provider approves it. */
    regulatorType: row.regulator_type,
    targetWebsiteId: row.target_website_id,
    /** 转移备案: the account ID the filing goes to. */
    transferTo: row.counterparty_account_id,
    state,
    stateLabel: STATE_LABELS[state],
    version: row.version,
    subjectName: row.subject_name,
    provinceCode: row.province_code,
    domains: row.domains ? row.domains.split(",") : [],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    submittedAt: row.submitted_at === null ? null : iso(row.submitted_at),
    expiresAt: row.expires_at === null ? null : iso(row.expires_at),
  };
}

/** The full view of one order for its owner or a reviewer. */
export async function presentOrder(ctx: AppContext, row: FilingOrderTable, actor: ActorKind) {
  const state = orderState(row);
  const data = orderData(ctx, row);
  const timeline = await ctx.db
    .selectFrom("audit_log")
    .select(["at", "action", "actor_kind", "from_state", "to_state", "detail"])
    .where("entity", "=", "order")
    .where("entity_id", "=", row.id)
    // The review's own bookkeeping (claims, assignments, calls) is not the applicant's business.
    .$if(actor === "applicant", (query) => query.where("action", "not in", [...REVIEW_INTERNAL_ACTIONS]))
    .orderBy("id")
    .execute();
  // One context serves the pre-check and the ETA: the rules in force, the overrides, the calendar.
  const context = isFinal(state) ? null : await precheckContextFor(ctx, ctx.db, row, data);
  return {
    ...presentOrderSummary(row),
    data,
    // Orders on a filing show it as it stands (the pre-check loaded it), so owner and reviewer see old against new.
    filing: context?.filing ?? null,
    revision: row.revision,
    returnedFields: returnedFields(row),
    // The applicant sees them while editing; the reviewer sees what was submitted, warnings included.
    // The same rule as submission (precheckOrder): an order carrying the filing as it stands has none.
    problems: context && !carriesFilingAsItStands(row.type) ? precheck(data, context) : [],
    allowedActions: actionsFor(row, actor),
    nextStep: nextStepFor(state, row.type, row.regulator_type),
    // What MIIT holds for the domain a 新增接入 or 认领 names: the reviewer checks the order against it.
    miitRecord: row.type === "add_access" || row.type === "claim" ? await miitRecordOf(ctx, row) : null,
    records: await recordsOfOrder(ctx, row.id),
    eta: context
      ? etaOf(
          ctx,
          row,
          timeline,
          checkEnv(data, context).resolved.rules.bureauReviewWorkingDays,
          context.calendar ?? builtinCalendar,
        )
      : null,
    timeline: timeline.map((entry) => ({
      at: iso(entry.at),
      action: entry.action,
      label: labelOf(entry.action),
      actor: entry.actor_kind,
      fromState: entry.from_state,
      toState: entry.to_state,
      detail: JSON.parse(entry.detail) as unknown,
    })),
  };
}

async function miitRecordOf(ctx: AppContext, row: FilingOrderTable) {
  const domain = row.domains?.split(",")[0];
  if (!domain) return null;
  const record = await ctx.db
    .selectFrom("regulator_record")
    .selectAll()
    .where("domain", "=", domain)
    .executeTakeFirst();
  if (!record) return null;
  return {
    domain: record.domain,
    status: record.status,
    websiteNumber: record.website_number,
    websiteName: record.website_name,
    subjectNumber: record.subject_number,
    subjectName: record.subject_name,
    providers: JSON.parse(record.providers) as string[],
    checkedAt: iso(record.checked_at),
  };
}

/** The due dates of the remaining steps, from the order's own history and its province's review time. */
function etaOf(
  ctx: AppContext,
  row: FilingOrderTable,
  timeline: { at: number; action: string }[],
  bureauReviewWorkingDays: number,
  calendar: WorkdayCalendar,
) {
  const last = (action: string) => {
    const entry = timeline.filter((item) => item.action === action).at(-1);
    return entry ? new Date(entry.at) : undefined;
  };
  return orderEta({
    state: orderState(row),
    now: ctx.clock.now(),
    submittedAt: last("submit"),
    approvedAt: last("approve"),
    smsSentAt: last("sms_sent"),
    smsVerifiedAt: last("sms_verified"),
    bureauReviewWorkingDays,
    calendar,
    initialReviewWorkingDays: ctx.reviewSlaWorkingDays,
    kind: row.type,
    regulatorType: row.regulator_type,
  });
}

const OTHER_LABELS: Record<string, { zh: string; en: string }> = {
  create: { zh: "创建订单", en: "Order created" },
  edit: { zh: "修改信息", en: "Data edited" },
  claim: { zh: "领取审核", en: "Claimed for review" },
  release: { zh: "释放审核", en: "Released to the queue" },
  assign: { zh: "指派审核员", en: "Assigned to a reviewer" },
  call: { zh: "电话核实", en: "Phone call" },
};

/** Audit actions of the review's own workflow, shown to staff only. */
export const REVIEW_INTERNAL_ACTIONS: ReadonlySet<string> = new Set(["claim", "release", "assign", "call"]);

function labelOf(action: string) {
  return EVENT_LABELS[action as OrderEventType] ?? OTHER_LABELS[action] ?? { zh: action, en: action };
}

const iso = (ms: number) => new Date(ms).toISOString();
