import { DAY_MS, makeResidentId } from "@openbeian/core";
import { createUser } from "../identity/accounts.ts";
import type { AppContext } from "../platform/context.ts";
import { addDomain } from "../resources/domains.ts";
import { addServer } from "../resources/servers.ts";

/** Demo logins printed by `beian start`. Demo mode only: never in production. */
export const DEMO_PASSWORD = "Demo@2026";
export const DEMO_USERS = {
  applicant: "zhang.san@demo.openbeian.cn",
  reviewer: "reviewer@demo.openbeian.cn",
  supervisor: "supervisor@demo.openbeian.cn",
  admin: "admin@demo.openbeian.cn",
} as const;

/**
 * Demo data: the provider's staff, and an applicant (张三, Hangzhou) with a
 * real-name verified domain and an eligible server with its five service codes,
 * ready to file. Running it twice changes nothing.
 */
export async function seedDemo(ctx: AppContext): Promise<{ created: boolean }> {
  const existing = await ctx.db
    .selectFrom("app_user")
    .select("id")
    .where("email", "=", DEMO_USERS.admin)
    .executeTakeFirst();
  if (existing) return { created: false };

  const provider = await createUser(ctx, {
    email: DEMO_USERS.admin,
    password: DEMO_PASSWORD,
    displayName: "平台管理员",
    accountType: "organization",
    role: "admin",
    accountKind: "provider",
  });
  for (const [role, name] of [
    ["reviewer", "审核员 李四"],
    ["supervisor", "审核主管 王五"],
  ] as const) {
    await createUser(ctx, {
      email: DEMO_USERS[role],
      password: DEMO_PASSWORD,
      displayName: name,
      accountType: "organization",
      role,
      accountKind: "provider",
      accountId: provider.accountId,
    });
  }

  const applicant = await createUser(ctx, {
    email: DEMO_USERS.applicant,
    password: DEMO_PASSWORD,
    displayName: "张三",
    accountType: "personal",
    role: "applicant",
    accountKind: "customer",
  });
  const now = ctx.clock.now().getTime();
  await addDomain(ctx, applicant.accountId, {
    name: "zhangsan-blog.cn",
    holderName: "张三",
    holderCertificateNumber: makeResidentId("330106", "1990-03-07", "123"),
    realNameVerifiedAt: new Date(now - 10 * DAY_MS).toISOString(),
    expiresAt: new Date(now + 365 * DAY_MS).toISOString(),
  });
  await addServer(ctx, applicant.accountId, {
    instanceId: "i-bp1demo0000zhangsan",
    region: "cn-hangzhou",
    product: "ecs.e-c1m2.large",
    billingType: "subscription",
    paidFrom: new Date(now - DAY_MS).toISOString(),
    paidUntil: new Date(now + 364 * DAY_MS).toISOString(),
    autoRenew: true,
    publicIp: "47.96.10.20",
  });
  return { created: true };
}
