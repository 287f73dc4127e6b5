import type { LocalizedText } from "../text.ts";

/**
 * Server eligibility for filing (fact base §6 and the seed): a mainland-China
 * region, a subscription (包年包月) of 3 months or more (auto-renewal counts),
 * and a public IP. Each eligible server yields five single-use service codes.
 */
export const SERVICE_CODES_PER_SERVER = 5;
export const MIN_SUBSCRIPTION_MONTHS = 3;

export const REGIONS = [
  { id: "cn-beijing", zh: "华北2（北京）", en: "China North 2 (Beijing)", mainland: true },
  { id: "cn-shanghai", zh: "华东2（上海）", en: "China East 2 (Shanghai)", mainland: true },
  { id: "cn-hangzhou", zh: "华东1（杭州）", en: "China East 1 (Hangzhou)", mainland: true },
  { id: "cn-shenzhen", zh: "华南1（深圳）", en: "China South 1 (Shenzhen)", mainland: true },
  { id: "cn-chengdu", zh: "西南1（成都）", en: "China Southwest 1 (Chengdu)", mainland: true },
  { id: "cn-hongkong", zh: "中国香港", en: "Hong Kong (China)", mainland: false },
  { id: "ap-singapore", zh: "新加坡", en: "Singapore", mainland: false },
] as const;

export type RegionId = (typeof REGIONS)[number]["id"];
export type BillingType = "subscription" | "pay_as_you_go";

export interface ServerFacts {
  region: string;
  billingType: BillingType;
  /** Start of the current paid period. */
  paidFrom: Date;
  paidUntil: Date;
  autoRenew: boolean;
  publicIp: string | null;
}

export interface EligibilityReason {
  code: "not_mainland" | "not_subscription" | "too_short" | "no_public_ip" | "expired";
  message: LocalizedText;
}

export function serverEligibility(server: ServerFacts, now: Date): EligibilityReason[] {
  const reasons: EligibilityReason[] = [];
  const region = REGIONS.find((candidate) => candidate.id === server.region);
  if (!region?.mainland) {
    reasons.push({
      code: "not_mainland",
      message: {
        zh: "服务器不在中国内地地域，无法用于备案",
        en: "The server is not in a mainland-China region",
      },
    });
  }
  if (server.billingType !== "subscription") {
    reasons.push({
      code: "not_subscription",
      message: { zh: "按量付费的服务器不支持备案", en: "Pay-as-you-go servers cannot be used for filing" },
    });
  }
  const threeMonthsLater = addMonths(server.paidFrom, MIN_SUBSCRIPTION_MONTHS);
  if (server.billingType === "subscription" && server.paidUntil < threeMonthsLater && !server.autoRenew) {
    reasons.push({
      code: "too_short",
      message: {
        zh: "包年包月时长需不少于3个月（含自动续费）",
        en: "The subscription must cover at least 3 months (auto-renewal counts)",
      },
    });
  }
  if (!server.publicIp) {
    reasons.push({
      code: "no_public_ip",
      message: { zh: "服务器未分配公网IP", en: "The server has no public IP address" },
    });
  }
  if (server.paidUntil.getTime() <= now.getTime()) {
    reasons.push({ code: "expired", message: { zh: "服务器已到期", en: "The server has expired" } });
  }
  return reasons;
}

/** Calendar months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
