import { DAY_MS } from "../clock.ts";
import { SERVICE_CODES_PER_SERVER, serverEligibility } from "../resources/eligibility.ts";
import { filedWebsite, type CheckEnv } from "./env.ts";

/** Server and service code of each website (fact base §6 and the seed). */
export function checkAccess(env: CheckEnv): void {
  const { out, context } = env;
  const perServer = new Map<string, number>();
  for (const code of context.serviceCodes)
    perServer.set(code.serverId, (perServer.get(code.serverId) ?? 0) + 1);
  (env.order.websites ?? []).forEach((website, index) => {
    const field = `websites.${index}.serviceCode`;
    if (!out.required(field, website.serviceCode)) return;
    // Still hosted where it was filed: its code was used then and stays with it.
    if (filedWebsite(env, website.domain)?.serviceCode === website.serviceCode) return;
    const code = context.serviceCodes.find((candidate) => candidate.code === website.serviceCode?.trim());
    if (!code) {
      out.add(
        "service_code.not_found",
        field,
        {
          zh: "备案服务码不存在，或既不属于本账号也未授权给本账号",
          en: "The service code does not exist, or is neither yours nor granted to you",
        },
        "fact-base §6 [A-BSN]",
      );
      return;
    }
    if (!["unused", "bound"].includes(code.state)) {
      out.add(
        "service_code.unavailable",
        field,
        {
          zh:
            code.state === "used"
              ? "备案服务码已使用，每个服务码只能使用一次"
              : "备案服务码已失效或正被其他订单使用",
          en:
            code.state === "used"
              ? "The service code was used; each code works once"
              : "The service code is void or held by another order",
        },
        "fact-base §6 [A-BSN] [T-CODE]",
      );
    }
    for (const reason of serverEligibility(code.server, context.today)) {
      out.add(`server.${reason.code}`, field, reason.message, "fact-base §6, seed");
    }
    // The subscription must still have 3 months to run, counting auto-renewal (seed).
    const left = code.server.paidUntil.getTime() - context.today.getTime();
    if (!code.server.autoRenew && left > 0 && left < 90 * DAY_MS) {
      out.add(
        "server.expiring",
        field,
        {
          zh: "服务器剩余时长不足3个月，请先续费或开启自动续费（审核期间服务器到期会导致备案失败）",
          en: "Less than 3 months left on the server: renew or turn on auto-renewal (an expiry during review breaks the filing)",
        },
        "fact-base §6.4 [T-REV], seed",
      );
    }
    if ((perServer.get(code.serverId) ?? 0) > SERVICE_CODES_PER_SERVER) {
      out.add(
        "server.too_many_codes",
        field,
        { zh: "每台服务器最多5个备案服务码", en: "A server yields at most 5 service codes" },
        "fact-base §6 [H-PREP] [T-CODE]",
      );
    }
  });
}
