import type { LocalizedText } from "../text.ts";
import type { OrderKind } from "./order-kinds.ts";
import { isRegulatorOrderType, sendsSms } from "./sms-matrix.ts";
import type { OrderState } from "./states.ts";

/** What happens next, in words an applicant who has never filed understands. */
export const NEXT_STEP: Record<OrderState, LocalizedText> = {
  draft: {
    zh: "请完善备案信息并提交初审。订单45天内未提交将被自动清理。",
    en: "Complete the order and submit it for initial review. Orders untouched for 45 days are cleaned up.",
  },
  provider_review: {
    zh: "接入商初审中（约1个工作日），审核员可能致电核实，请保持电话畅通。",
    en: "Initial review by the provider (about 1 working day); a reviewer may call you.",
  },
  returned: {
    zh: "审核员退回了部分信息，请按提示修改标记的字段后重新提交。",
    en: "The reviewer returned some fields: fix the marked fields and submit again.",
  },
  resubmitted: {
    zh: "已重新提交，等待接入商审核。",
    en: "Resubmitted; waiting for the provider's review.",
  },
  provider_rejected: {
    zh: "初审未通过，请根据驳回原因修改后重新提交，或放弃订单。",
    en: "Initial review rejected the order: fix it per the reason and submit again, or abandon it.",
  },
  queued_for_bureau: {
    zh: "初审已通过，接入商将提交至管局；提交后约5分钟内您会收到工信部核验短信。",
    en: "Initial review passed; the provider submits to the bureau. MIIT will text you a code within about 5 minutes of that.",
  },
  sms_pending: {
    zh: "请在收到工信部短信后24小时内完成短信核验。",
    en: "Verify the MIIT SMS within 24 hours of receiving it.",
  },
  regulator_returned: {
    zh: "工信部短信核验未在24小时内完成或验证码错误5次，订单已退回接入商；接入商将重新提交，届时您会收到新的核验短信。",
    en: "The MIIT SMS was not verified within 24 hours or the code was wrong 5 times; the order is back with the provider, who will submit it again and you will get a new SMS.",
  },
  bureau_review: {
    zh: "管局审核中，一般不超过20个工作日（浙江30个工作日）。",
    en: "The provincial bureau is reviewing (up to 20 working days; Zhejiang 30).",
  },
  approved: {
    zh: "备案成功。请在网站首页底部悬挂备案号并链接至 https://beian.miit.gov.cn/ ，并在网站开通30日内办理公安联网备案。",
    en: "Filed. Show the number in the footer linked to https://beian.miit.gov.cn/ and file with the public security bureau within 30 days of opening.",
  },
  bureau_rejected: {
    zh: "管局驳回，请根据驳回原因修改后重新提交，订单将重新经过接入商初审。",
    en: "The bureau rejected the order: fix it per the reasons and submit again; it goes through initial review again.",
  },
  awaiting_acceptance: {
    zh: "转移备案已发出，等待接收账号确认接收（接收方须填写主体证件号码后6位）。接收前您可以撤销。",
    en: "The transfer is sent; the receiving account must accept it (with the last 6 characters of the subject's certificate number). You may withdraw it until then.",
  },
  declined: {
    zh: "接收账号拒绝了转移，备案仍在本账号下。",
    en: "The receiving account declined the transfer; the filing stays in this account.",
  },
  withdrawn: { zh: "订单已撤销，您可以新建备案订单。", en: "Withdrawn. You may start a new order." },
  abandoned: { zh: "订单已放弃，您可以新建备案订单。", en: "Abandoned. You may start a new order." },
  expired: {
    zh: "订单超过45天未更新已被清理，如需备案请新建订单。",
    en: "The order expired after 45 days without progress. Start a new order to file.",
  },
};

/**
 * Where a kind of order says something else than a first filing would: a claim is
 * checked by the provider against MIIT's record and ends there; a transfer waits on
 * the receiving account; additions, changes and cancellations end with another
 * result than a new number. The one source of these texts for the API and the portal.
 */
const CANCEL_DRAFT: LocalizedText = {
  zh: "请核对注销内容，确认无误后提交。订单45天内未提交将被自动清理。",
  en: "Check what is cancelled, then submit. Orders untouched for 45 days are cleaned up.",
};

const KIND_NEXT_STEP: Partial<Record<OrderKind, Partial<Record<OrderState, LocalizedText>>>> = {
  claim: {
    draft: {
      zh: "请按原备案信息完善主体与网站信息、上传证件后提交，接入商将核对工信部备案记录。",
      en: "Complete the subject and website as originally filed, upload the documents and submit; the provider checks them against MIIT's record.",
    },
    provider_review: {
      zh: "接入商核对认领信息与工信部备案记录中（约1–2个工作日），通过后备案即归入本账号。",
      en: "The provider is checking the claim against MIIT's record (about 1–2 working days); the filing then joins this account.",
    },
    approved: {
      zh: "认领完成，备案已归入本账号，备案号不变。",
      en: "Claimed: the filing is in this account, numbers unchanged.",
    },
  },
  transfer: {
    draft: {
      zh: "请核对接收账号后发出转移；发出后等待对方接收。",
      en: "Check the receiving account and send the transfer; then it waits for them to accept.",
    },
    approved: {
      zh: "转移完成：主体及其网站、App已归入接收账号，备案号和接入不变。",
      en: "Transferred: the subject, its websites and apps are in the receiving account; numbers and access unchanged.",
    },
  },
  add_website: {
    approved: {
      zh: "新增网站已备案。请在网站首页底部悬挂备案号，并在网站开通30日内办理公安联网备案。",
      en: "The new website is filed. Show the number in the footer and file with the public security bureau within 30 days of opening.",
    },
  },
  add_access: {
    approved: {
      zh: "新增接入完成，备案号不变；网站已可通过本接入商访问。",
      en: "Access added; the number is unchanged and the site is served here.",
    },
  },
  change: {
    approved: {
      zh: "变更已生效：备案信息已按本订单更新，备案号不变。",
      en: "The change is in force: the filing now holds this order's data; the numbers stay.",
    },
  },
  cancel_subject: {
    draft: CANCEL_DRAFT,
    approved: {
      zh: "主体及其下网站的备案已注销，备案号不再有效，相关域名在本平台已被拦截。",
      en: "The subject and its websites are cancelled; the numbers are void and the domains are blocked here.",
    },
  },
  cancel_website: {
    draft: CANCEL_DRAFT,
    approved: {
      zh: "网站备案已注销，备案号不再有效，该域名在本平台已被拦截。",
      en: "The website's filing is cancelled; its number is void and the domain is blocked here.",
    },
  },
  cancel_access: {
    draft: CANCEL_DRAFT,
    approved: {
      zh: "已取消接入：本平台不再为该网站提供接入服务。备案号仍在工信部，如无其他接入商将由管局注销。",
      en: "Access cancelled: this platform no longer hosts the website. The number stays with MIIT; without another provider the bureau cancels it.",
    },
  },
  app: {
    approved: {
      zh: "APP备案成功，请在App的“设置/关于”页面展示APP备案号并链接至 https://beian.miit.gov.cn/ ，应用商店上架时也会展示。",
      en: "The app is filed: show its number under Settings/About linked to https://beian.miit.gov.cn/; app stores show it too.",
    },
  },
};

/** An order MIIT receives without asking anyone to verify by SMS (取消接入, 注销网站, 变更接入). */
const QUEUED_NO_SMS: LocalizedText = {
  zh: "初审已通过，接入商将直接报送管局（此类申请无需短信核验）。",
  en: "Initial review passed; the provider sends it straight to the bureau (no SMS verification for it).",
};

/**
 * The next step of an order in its kind's own words. `regulatorType` is what MIIT
 * receives it as (a change's scope decides it; otherwise the kind itself).
 */
export function nextStepFor(
  state: OrderState,
  kind: OrderKind = "first_filing",
  regulatorType: string | null = null,
): LocalizedText {
  if (state === "queued_for_bureau" && kind !== "first_filing") {
    const type = regulatorType ?? kind;
    if (isRegulatorOrderType(type) && !sendsSms(type)) return QUEUED_NO_SMS;
  }
  return KIND_NEXT_STEP[kind]?.[state] ?? NEXT_STEP[state];
}
