import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS, FINAL_STATES, type OrderState } from "@openbeian/core";
import fc from "fast-check";
import { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { uploadStandardMaterials } from "./support/materials.ts";

/**
 * Random sequences of everything the applicant, the reviewer, the regulator and
 * the clock can do, through the real API and database. After every step: at most
 * one order in progress per account, versions only increase, one audit record per
 * change, nothing leaves a final state, and no request ends in a 5xx.
 */
type Who = 0 | 1;
type Action =
  | { kind: "create"; who: Who }
  | { kind: "edit"; who: Who; variant: number }
  | { kind: "applicant"; who: Who; event: "submit" | "withdraw" | "abandon" }
  | { kind: "review"; who: Who; event: "approve" | "return" | "reject" }
  | {
      kind: "regulator";
      who: Who;
      event:
        "sms_sent" | "sms_verified" | "sms_timed_out" | "sms_failed" | "bureau_approved" | "bureau_rejected";
    }
  | { kind: "stale"; who: Who }
  | { kind: "forward"; who: Who }
  | { kind: "time"; days: number };

const who = fc.constantFrom<Who>(0, 1);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("create" as const), who }) },
  // The happy path's next step, weighted so that runs reach the bureau and beyond.
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("forward" as const), who }) },
  fc.record({ kind: fc.constant("edit" as const), who, variant: fc.integer({ min: 0, max: 3 }) }),
  fc.record({
    kind: fc.constant("applicant" as const),
    who,
    event: fc.constantFrom("submit" as const, "withdraw" as const, "abandon" as const),
  }),
  fc.record({
    kind: fc.constant("review" as const),
    who,
    event: fc.constantFrom("approve" as const, "return" as const, "reject" as const),
  }),
  fc.record({
    kind: fc.constant("regulator" as const),
    who,
    event: fc.constantFrom(
      "sms_sent" as const,
      "sms_verified" as const,
      "sms_timed_out" as const,
      "sms_failed" as const,
      "bureau_approved" as const,
      "bureau_rejected" as const,
    ),
  }),
  fc.record({ kind: fc.constant("stale" as const), who }),
  fc.record({ kind: fc.constant("time" as const), days: fc.integer({ min: 1, max: 50 }) }),
);

const forward = (count: number): Action[] =>
  Array.from({ length: count }, () => ({ kind: "forward", who: 0 }));

/** Runs that always come first, so every part of the lifecycle is visited whatever the seed. */
const EXAMPLES: [Action[]][] = [
  [[{ kind: "create", who: 0 }, ...forward(6), { kind: "create", who: 0 }, { kind: "forward", who: 0 }]],
  [
    [
      { kind: "create", who: 1 },
      { kind: "forward", who: 1 },
      { kind: "review", who: 1, event: "return" },
      { kind: "edit", who: 1, variant: 0 },
      { kind: "forward", who: 1 },
      { kind: "forward", who: 1 },
      { kind: "forward", who: 1 },
      { kind: "regulator", who: 1, event: "sms_timed_out" },
      { kind: "forward", who: 1 },
      { kind: "forward", who: 1 },
      { kind: "regulator", who: 1, event: "bureau_rejected" },
      { kind: "applicant", who: 1, event: "abandon" },
    ],
  ],
  [
    [
      { kind: "create", who: 0 },
      { kind: "time", days: 44 },
      { kind: "stale", who: 0 },
      { kind: "time", days: 2 },
    ],
  ],
];

type WithoutWho<T> = T extends unknown ? Omit<T, "who"> : never;

const NEXT_ON_HAPPY_PATH: Partial<Record<OrderState, WithoutWho<Action>>> = {
  draft: { kind: "applicant", event: "submit" },
  returned: { kind: "applicant", event: "submit" },
  provider_rejected: { kind: "applicant", event: "submit" },
  bureau_rejected: { kind: "applicant", event: "submit" },
  provider_review: { kind: "review", event: "approve" },
  resubmitted: { kind: "review", event: "approve" },
  queued_for_bureau: { kind: "regulator", event: "sms_sent" },
  sms_pending: { kind: "regulator", event: "sms_verified" },
  bureau_review: { kind: "regulator", event: "bureau_approved" },
};

for (const engine of engines()) {
  describe(`invariants under random action sequences (${engine})`, () => {
    let platform: TestPlatform;
    let reviewer: ApiClient;
    let regulator: ApiClient;
    let sequence = 0;

    before(async () => {
      platform = await startTestPlatform(engine, { sessionTtlMs: 3650 * DAY_MS });
      reviewer = await staffClient(platform);
      regulator = new ApiClient(platform.app);
    });
    after(() => platform.close());

    const reached = new Set<OrderState>();

    test("hold after every step", { timeout: 240_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40 }), async (actions) => {
          const applicants = [
            await readyApplicant(platform, "张三"),
            await readyApplicant(platform, "张三"),
          ] as const;
          const seen = new Map<string, { version: number; state: OrderState }>();
          for (const step of actions) {
            const status = await perform(step, applicants);
            assert.ok(status < 500, `${JSON.stringify(step)} answered ${status}`);
            await checkInvariants(applicants, seen);
          }
        }),
        { numRuns: engine === "sqlite" ? 60 : 30, examples: EXAMPLES },
      );
      // The runs must have explored the lifecycle, not idled in drafts.
      for (const state of [
        "provider_review",
        "returned",
        "queued_for_bureau",
        "sms_pending",
        "bureau_review",
        "approved",
      ] as const) {
        assert.ok(reached.has(state), `no run reached ${state}`);
      }
    });

    const latestOrder = async (applicant: ReadyApplicant) => {
      const list = await applicant.client.get("/api/orders");
      const summary = list.body.items[0];
      return summary ? (await applicant.client.get(`/api/orders/${summary.id}`)).body : null;
    };

    async function perform(
      step: Action,
      applicants: readonly [ReadyApplicant, ReadyApplicant],
    ): Promise<number> {
      if (step.kind === "time") {
        platform.clock.advance(step.days * DAY_MS);
        await platform.worker.runDue();
        await platform.worker.runDue();
        return 200;
      }
      const applicant = applicants[step.who];
      if (step.kind === "create") {
        const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
        // The photos an order needs before it may be submitted; uploads do not move the order.
        if (created.status === 201) await uploadStandardMaterials(applicant.client, created.body.id);
        return created.status;
      }
      const order = await latestOrder(applicant);
      if (!order) return 200;
      if (step.kind === "forward") {
        const next = NEXT_ON_HAPPY_PATH[order.state as OrderState];
        return next ? perform({ ...next, who: step.who } as Action, applicants) : 200;
      }
      switch (step.kind) {
        case "edit": {
          const data = structuredClone(order.data);
          const website = data.websites?.[0];
          if (website) {
            if (step.variant === 0)
              website.remark = `个人技术博客，记录编程学习笔记与读书心得，第${++sequence}版。`;
            if (step.variant === 1) website.name = `张三的编程笔记${sequence++}`;
            if (step.variant === 2) website.head.mobile = "12345";
            if (step.variant === 3) website.head.mobile = applicant.mobile;
          }
          return (
            await applicant.client.put(`/api/orders/${order.id}/data`, { version: order.version, data })
          ).status;
        }
        case "applicant":
          return (
            await applicant.client.post(`/api/orders/${order.id}/${step.event}`, {
              version: order.version,
              acknowledgeWarnings: true,
            })
          ).status;
        case "stale":
          return (
            await applicant.client.post(`/api/orders/${order.id}/withdraw`, {
              version: Math.max(1, order.version - 1),
            })
          ).status;
        case "review": {
          const body =
            step.event === "approve"
              ? { version: order.version }
              : step.event === "return"
                ? {
                    version: order.version,
                    fields: [{ field: "websites.0.remark", reason: "请补充网站栏目" }],
                  }
                : { version: order.version, reason: "信息不真实" };
          return (await reviewer.post(`/api/review/orders/${order.id}/${step.event}`, body)).status;
        }
        case "regulator": {
          const serial = String(++sequence).padStart(6, "0");
          const subjectNumber = `浙ICP备2026${serial}号`;
          const event =
            step.event === "sms_failed"
              ? { type: "sms_failed", attempts: 5 }
              : step.event === "bureau_approved"
                ? {
                    type: "bureau_approved",
                    numbers: { subjectNumber, websiteNumbers: { [applicant.domain]: `${subjectNumber}-1` } },
                  }
                : step.event === "bureau_rejected"
                  ? { type: "bureau_rejected", reasons: ["网站名称与内容不符"] }
                  : { type: step.event };
          const response = await regulator.request(
            "POST",
            "/api/internal/regulator/events",
            { messageId: `m-${serial}`, orderNumber: order.number, event },
            { authorization: `Bearer ${platform.regulatorToken}` },
          );
          return response.status;
        }
      }
    }

    async function checkInvariants(
      applicants: readonly ReadyApplicant[],
      seen: Map<string, { version: number; state: OrderState }>,
    ) {
      for (const applicant of applicants) {
        const orders = (await applicant.client.get("/api/orders")).body.items as {
          id: string;
          state: OrderState;
          version: number;
        }[];
        assert.ok(
          orders.filter((order) => !FINAL_STATES.has(order.state)).length <= 1,
          "at most one order in progress",
        );
        for (const order of orders) {
          const before = seen.get(order.id);
          if (before) {
            assert.ok(order.version >= before.version, "versions never decrease");
            if (FINAL_STATES.has(before.state))
              assert.deepEqual({ version: order.version, state: order.state }, before, "final is final");
          }
          seen.set(order.id, { version: order.version, state: order.state });
          reached.add(order.state);
          const audits = await platform.ctx.db
            .selectFrom("audit_log")
            .select("id")
            .where("entity_id", "=", order.id)
            .execute();
          assert.equal(audits.length, order.version, "one audit record per change");
        }
      }
    }
  });
}
