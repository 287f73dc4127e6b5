import {
  checkContentForSubject,
  missingPreApprovalFinding,
  requiredPreApprovals,
} from "../rules/pre-approval.ts";
import { checkWebsiteName } from "../rules/website-name.ts";
import { sourceOf, type CheckEnv } from "./env.ts";

/** Websites: names, content, pre-approvals and the province caps (fact base §3.3, §4.4–§4.6, §7). */
export function checkWebsites(env: CheckEnv): void {
  const { out } = env;
  const subject = env.order.subject ?? {};
  const websites = env.order.websites ?? [];
  const subjectType = env.personal ? "personal" : "organization";
  if (websites.length === 0) {
    out.add(
      "website.required",
      "websites",
      { zh: "请填写网站信息", en: "Add the website" },
      "fact-base §3.3",
    );
  }
  checkCaps(env, websites.length);
  const names = new Map<string, number>();
  websites.forEach((website, index) => {
    const at = `websites.${index}`;
    const held = (website.preApprovals ?? []).map((item) => item.industry);
    if (out.required(`${at}.name`, website.name)) {
      for (const finding of checkWebsiteName(website.name ?? "", { subjectType, preApprovals: held })) {
        out.addFinding(finding, `${at}.name`);
      }
      const name = website.name?.trim() ?? "";
      if (env.resolved.rules.uniqueSiteNamesPerSubject && names.has(name)) {
        out.add(
          "website.name_duplicate",
          `${at}.name`,
          { zh: "同一主体下的网站名称不能相同", en: "Websites of one subject need different names" },
          sourceOf(env, "uniqueSiteNamesPerSubject", "Q-SN"),
        );
      }
      names.set(name, index);
    }
    out.required(`${at}.serviceContent`, website.serviceContent);
    if (website.remark !== undefined && env.personal && website.remark.trim().length < 20) {
      out.add(
        "website.remark_too_short",
        `${at}.remark`,
        {
          zh: "个人网站备注需如实描述网站内容，不少于20字",
          en: "Describe the website's real content in at least 20 characters",
        },
        "fact-base §3.3 [WX-APPLY]",
      );
    } else if (env.personal) {
      out.required(`${at}.remark`, website.remark);
    }
    const content = {
      serviceContent: website.serviceContent,
      remark: website.remark,
      subjectType,
      subjectName: subject.name,
      preApprovals: held,
      rules: env.resolved.rules,
    } as const;
    for (const finding of checkContentForSubject(content)) out.addFinding(finding, `${at}.serviceContent`);
    for (const industry of requiredPreApprovals({ ...content, name: website.name })) {
      if (held.includes(industry)) continue;
      const finding = missingPreApprovalFinding(industry, "content");
      if (finding) out.addFinding(finding, `${at}.preApprovals`);
    }
    (website.preApprovals ?? []).forEach((item, itemIndex) => {
      out.required(`${at}.preApprovals.${itemIndex}.approvalNumber`, item.approvalNumber);
    });
  });
}

function checkCaps(env: CheckEnv, siteCount: number) {
  const { out } = env;
  // A change holds the filing's own websites and cannot add any: the caps count new websites.
  if (env.context.orderType === "change") return;
  const rules = env.resolved.rules;
  const kind = env.personal ? "personal" : "organisation";
  const perOrder = rules.maxSitesPerOrder[kind];
  if (perOrder !== undefined && siteCount > perOrder) {
    out.add(
      "websites.too_many_in_order",
      "websites",
      {
        zh: `${env.personal ? "个人" : "单位"}备案每个订单最多填写${perOrder}个网站`,
        en: `A ${env.personal ? "personal" : "organisation"} order may hold at most ${perOrder} website(s)`,
      },
      sourceOf(env, "maxSitesPerOrder", "T-SITE"),
    );
  }
  const perDomainOrder = rules.maxDomainsPerOrder[kind];
  if (perDomainOrder !== undefined && siteCount > perDomainOrder) {
    out.add(
      "websites.too_many_domains",
      "websites",
      {
        zh: `该省每个订单最多新增${perDomainOrder}个域名`,
        en: `This province allows at most ${perDomainOrder} new domains per order`,
      },
      sourceOf(env, "maxDomainsPerOrder", "H-PROV"),
    );
  }
  const perSubject = rules.maxSitesPerSubject[kind];
  const existing = env.context.records.existingSiteCount;
  if (perSubject !== undefined && existing + siteCount > perSubject) {
    out.add(
      "websites.subject_cap",
      "websites",
      {
        zh: `每个主体最多备案${perSubject}个网站（已有${existing}个）`,
        en: `A subject may file at most ${perSubject} websites (${existing} on file)`,
      },
      sourceOf(env, "maxSitesPerSubject", "H-RULES"),
    );
  }
  const capAboveExisting = rules.oneDomainPerOrderAboveExistingSites[kind];
  if (capAboveExisting !== undefined && existing > capAboveExisting && siteCount > 1) {
    out.add(
      "websites.one_per_order",
      "websites",
      {
        zh: `已备案网站超过${capAboveExisting}个时，每次只能新增一个域名`,
        en: `With more than ${capAboveExisting} websites on file, add one domain per order`,
      },
      sourceOf(env, "oneDomainPerOrderAboveExistingSites", "H-PROV"),
    );
  }
}
