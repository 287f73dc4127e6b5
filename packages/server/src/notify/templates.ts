import type { LocalizedText } from "@openbeian/core";

/** Values a notification may mention. Never personal data beyond what the owner already knows. */
export interface TemplateParams {
  orderNumber: string;
  reasons?: string[];
  subjectNumber?: string;
  websiteNumbers?: string[];
  daysLeft?: number;
  expiresOn?: string;
  domain?: string;
  /** What the filing watch found, by name. */
  item?: LocalizedText;
  /** The order's kind (首次备案, 变更备案 …) when it is not a first filing. */
  kind?: LocalizedText;
  /** APP备案: the app's number. */
  appNumber?: string;
}

export interface Rendered {
  title: LocalizedText;
  body: LocalizedText;
}

type Template = (params: TemplateParams) => Rendered;

const list = (items: string[] | undefined) => (items && items.length > 0 ? items.join("；") : "—");

/** zh/en texts for every notification the filing lifecycle sends. */
export const TEMPLATES = {
  "order.submit": (p) => ({
    title: { zh: `备案订单 ${p.orderNumber} 已提交初审`, en: `Order ${p.orderNumber} submitted for review` },
    body: {
      zh: "您的备案订单已提交，接入商将在约1个工作日内完成初审，期间审核员可能致电核实，请保持电话畅通。",
      en: "Your order is in initial review (about 1 working day). A reviewer may call you to confirm the details.",
    },
  }),
  "order.withdraw": (p) => ({
    title: { zh: `备案订单 ${p.orderNumber} 已撤销`, en: `Order ${p.orderNumber} withdrawn` },
    body: {
      zh: "订单已撤销，备案服务码已释放。",
      en: "The order was withdrawn and its service code released.",
    },
  }),
  "order.abandon": (p) => ({
    title: { zh: `备案订单 ${p.orderNumber} 已放弃`, en: `Order ${p.orderNumber} abandoned` },
    body: {
      zh: "订单已放弃，备案服务码已释放。",
      en: "The order was abandoned and its service code released.",
    },
  }),
  "order.approve": (p) => ({
    title: { zh: `备案订单 ${p.orderNumber} 初审通过`, en: `Order ${p.orderNumber} passed initial review` },
    body: {
      zh: "初审已通过，订单将提交至管局。提交后约5分钟内您会收到工信部的核验短信，请在24小时内完成短信核验。",
      en: "Initial review passed; the order goes to the bureau. MIIT will text you a code within about 5 minutes: verify it within 24 hours.",
    },
  }),
  "order.return": (p) => ({
    title: { zh: `备案订单 ${p.orderNumber} 需要修改`, en: `Order ${p.orderNumber} needs changes` },
    body: {
      zh: `审核员退回了以下内容，请修改后重新提交：${list(p.reasons)}`,
      en: `The reviewer returned these items; fix them and submit again: ${list(p.reasons)}`,
    },
  }),
  "order.reject": (p) => ({
    title: {
      zh: `备案订单 ${p.orderNumber} 初审驳回`,
      en: `Order ${p.orderNumber} rejected in initial review`,
    },
    body: { zh: `驳回原因：${list(p.reasons)}`, en: `Reason: ${list(p.reasons)}` },
  }),
  "order.sms_sent": (p) => ({
    title: { zh: `请完成工信部短信核验（${p.orderNumber}）`, en: `Verify the MIIT SMS (${p.orderNumber})` },
    body: {
      zh: "订单已提交管局，工信部已发送核验短信。请在24小时内登录工信部备案系统完成短信核验，超时订单将被退回。",
      en: "The order is with the bureau and MIIT has sent the verification SMS. Verify it within 24 hours or the order is returned.",
    },
  }),
  "order.sms_verified": (p) => ({
    title: {
      zh: `短信核验通过，管局审核中（${p.orderNumber}）`,
      en: `SMS verified; bureau review (${p.orderNumber})`,
    },
    body: {
      zh: "管局审核时间一般不超过20个工作日，请耐心等待。",
      en: "The bureau reviews within 20 working days.",
    },
  }),
  "order.sms_timed_out": (p) => ({
    title: { zh: `短信核验超时（${p.orderNumber}）`, en: `SMS verification timed out (${p.orderNumber})` },
    body: {
      zh: "未在24小时内完成短信核验，订单已退回接入商，接入商将重新提交并再次发送短信。",
      en: "The SMS was not verified within 24 hours; the provider will resubmit and a new SMS will follow.",
    },
  }),
  "order.sms_failed": (p) => ({
    title: { zh: `短信核验失败（${p.orderNumber}）`, en: `SMS verification failed (${p.orderNumber})` },
    body: {
      zh: "短信核验连续失败，订单已退回接入商，请核对手机号码与证件号码。",
      en: "Verification failed repeatedly; the order went back to the provider. Check the mobile and certificate numbers.",
    },
  }),
  "order.bureau_received": (p) => ({
    title: { zh: `已提交管局审核（${p.orderNumber}）`, en: `With the bureau (${p.orderNumber})` },
    body: {
      zh: "此类订单无需短信核验，已直接进入管局审核，一般1至5个工作日内办结，最长不超过20个工作日。",
      en: "This kind of order needs no SMS verification and went straight to the bureau; it usually finishes in 1–5 working days, at most 20.",
    },
  }),
  "order.bureau_approved": (p) =>
    p.appNumber
      ? {
          title: { zh: `App备案成功：${p.appNumber}`, en: `App filed: ${p.appNumber}` },
          body: {
            zh: `您的App已通过管局审核，App备案号：${p.appNumber}。请在App的“设置/关于”等页面展示备案号并链接至 https://beian.miit.gov.cn/ ，应用商店上架时也须填写。`,
            en: `Your app is approved, number ${p.appNumber}. Show it in the app's settings or about page linked to https://beian.miit.gov.cn/, and give it to the app stores.`,
          },
        }
      : p.kind && !p.websiteNumbers
        ? {
            title: {
              zh: `${p.kind.zh}已办结（${p.orderNumber}）`,
              en: `${p.kind.en} done (${p.orderNumber})`,
            },
            body: {
              zh: `您的${p.kind.zh}订单 ${p.orderNumber} 已通过管局审核，备案信息已更新。注销的备案号不再使用，相关域名将无法在本平台访问。`,
              en: `Your ${p.kind.en.toLowerCase()} order ${p.orderNumber} is approved by the bureau and the filing is updated. Cancelled numbers are gone for good and their domains are no longer served here.`,
            },
          }
        : filedTemplate(p),
  "order.bureau_rejected": (p) => ({
    title: { zh: `管局驳回（${p.orderNumber}）`, en: `Rejected by the bureau (${p.orderNumber})` },
    body: {
      zh: `驳回原因：${list(p.reasons)}。请修改后重新提交，订单将重新经过接入商初审。`,
      en: `Reasons: ${list(p.reasons)}. Fix them and submit again; the order goes through initial review again.`,
    },
  }),
  "order.expire": (p) => ({
    title: { zh: `备案订单 ${p.orderNumber} 已过期`, en: `Order ${p.orderNumber} expired` },
    body: {
      zh: "订单超过45天未更新，已被自动清理，备案服务码已释放。如需备案请重新提交。",
      en: "The order was not updated for 45 days and was cleaned up; its service code was released.",
    },
  }),
  // 认领备案: the provider's approval finishes it (MIIT already holds the filing).
  "order.approve.claim": (p) => ({
    title: { zh: `认领备案 ${p.orderNumber} 已通过`, en: `Claim ${p.orderNumber} approved` },
    body: {
      zh: "接入商已核对您的认领信息与工信部备案记录，备案已归入本账号，备案号不变。请确认网站首页底部悬挂备案号并链接至 https://beian.miit.gov.cn/ 。",
      en: "The provider checked your claim against MIIT's record; the filing is now in this account with its numbers unchanged. Make sure the footer shows the number linked to https://beian.miit.gov.cn/.",
    },
  }),
  // 转移备案: goes to the receiving account, not to a reviewer.
  "order.submit.transfer": (p) => ({
    title: { zh: `转移备案 ${p.orderNumber} 已发出`, en: `Transfer ${p.orderNumber} sent` },
    body: {
      zh: "转移备案已发给接收账号，对方确认接收后备案即归入其账号。对方接收前您可以撤销。",
      en: "The transfer was sent to the receiving account; the filing moves once it accepts. You may withdraw it until then.",
    },
  }),
  "order.accept_transfer": (p) => ({
    title: { zh: `转移备案 ${p.orderNumber} 已完成`, en: `Transfer ${p.orderNumber} completed` },
    body: {
      zh: "接收账号已确认接收，备案（主体、网站及App）已转移至对方账号，备案号不变。",
      en: "The receiving account accepted: the filing (subject, websites and apps) is now in that account, numbers unchanged.",
    },
  }),
  "order.decline_transfer": (p) => ({
    title: { zh: `转移备案 ${p.orderNumber} 被拒绝`, en: `Transfer ${p.orderNumber} declined` },
    body: {
      zh: "接收账号拒绝了转移，备案仍在本账号下。",
      en: "The receiving account declined the transfer; the filing stays in this account.",
    },
  }),
  "transfer.incoming": (p) => ({
    title: {
      zh: `有一个备案转移待您接收（${p.orderNumber}）`,
      en: `A filing transfer awaits you (${p.orderNumber})`,
    },
    body: {
      zh: "另一个账号将其备案转移给本账号。请在“我的网站”中查看并接收（需填写主体证件号码后6位），或拒绝。",
      en: "Another account is transferring its filing to this account. Review it under My websites and accept (with the last 6 characters of the subject's certificate number) or decline.",
    },
  }),
  "transfer.received": (p) => ({
    title: {
      zh: `备案已转入本账号（${p.orderNumber}）`,
      en: `Filing transferred into this account (${p.orderNumber})`,
    },
    body: {
      zh: "备案已转入本账号，您可以在“我的网站”中管理网站、办理变更或新增网站。",
      en: "The filing is now in this account: manage its websites, changes and additions under My websites.",
    },
  }),
  "order.reminder": (p) => ({
    title: {
      zh: `备案订单 ${p.orderNumber} 将在${p.daysLeft ?? ""}天后过期`,
      en: `Order ${p.orderNumber} expires in ${p.daysLeft ?? ""} days`,
    },
    body: {
      zh: `订单将于 ${p.expiresOn ?? ""} 过期并被自动清理，请及时完善并提交。`,
      en: `The order will be cleaned up on ${p.expiresOn ?? ""}; complete and submit it before then.`,
    },
  }),
  "website.psb_reminder": (p) => ({
    title: {
      zh: `请在${p.daysLeft ?? ""}天内办理公安联网备案（${p.domain ?? ""}）`,
      en: `Public-security filing due in ${p.daysLeft ?? ""} days (${p.domain ?? ""})`,
    },
    body: {
      zh: `网站 ${p.domain ?? ""}（${list(p.websiteNumbers)}）须在开通之日起30日内、即 ${p.expiresOn ?? ""} 前，在全国互联网安全管理服务平台（https://beian.mps.gov.cn）办理公安联网备案，并将公安备案号悬挂在网站底部。办理所需的接入信息见“我的网站”。已办理的请登记公安备案号。`,
      en: `The site ${p.domain ?? ""} (${list(p.websiteNumbers)}) must be filed with the public security bureau at https://beian.mps.gov.cn within 30 days of opening, by ${p.expiresOn ?? ""}, and show the number in its footer. The access data the form asks for is under "My websites". Already filed? Record the number there.`,
    },
  }),
  "website.psb_overdue": (p) => ({
    title: {
      zh: `公安联网备案已逾期（${p.domain ?? ""}）`,
      en: `Public-security filing overdue (${p.domain ?? ""})`,
    },
    body: {
      zh: `网站 ${p.domain ?? ""} 的公安联网备案期限（${p.expiresOn ?? ""}）已过。未按期备案可能被警告或暂停联网（最长6个月），请尽快在 https://beian.mps.gov.cn 办理并登记公安备案号。`,
      en: `The public-security filing of ${p.domain ?? ""} was due on ${p.expiresOn ?? ""}. Late filing risks a warning or suspension for up to 6 months: file at https://beian.mps.gov.cn now and record the number.`,
    },
  }),
  "watch.expiring": (p) => ({
    title: {
      zh: `${p.item?.zh ?? ""}即将到期（${p.domain ?? ""}）`,
      en: `${p.item?.en ?? ""} expires soon (${p.domain ?? ""})`,
    },
    body: {
      zh: `已备案网站 ${p.domain ?? ""} 的${p.item?.zh ?? ""}将于 ${p.expiresOn ?? ""} 到期。到期后备案信息不准确，可能被核查注销，请及时续期并办理备案变更。`,
      en: `The ${p.item?.en ?? ""} of the filed site ${p.domain ?? ""} expires on ${p.expiresOn ?? ""}. An out-of-date filing may be cancelled in a check: renew it and file a change.`,
    },
  }),
  "watch.expired": (p) => ({
    title: {
      zh: `${p.item?.zh ?? ""}已过期（${p.domain ?? ""}）`,
      en: `${p.item?.en ?? ""} has expired (${p.domain ?? ""})`,
    },
    body: {
      zh: `已备案网站 ${p.domain ?? ""} 的${p.item?.zh ?? ""}已于 ${p.expiresOn ?? ""} 过期，备案信息已不准确，请尽快续期并办理备案变更。`,
      en: `The ${p.item?.en ?? ""} of the filed site ${p.domain ?? ""} expired on ${p.expiresOn ?? ""}; the filing is out of date. Renew it and file a change.`,
    },
  }),
  "watch.footer_failed": (p) => ({
    title: {
      zh: `网站页脚备案号不合规（${p.domain ?? ""}）`,
      en: `The site's footer is not compliant (${p.domain ?? ""})`,
    },
    body: {
      zh: `已备案网站 ${p.domain ?? ""}（${p.orderNumber ?? ""}）的首页页脚检查未通过：${p.item?.zh ?? ""}。按规定须在首页底部显示备案号并链接至 https://beian.miit.gov.cn/，否则可处五千元以上一万元以下罚款。请在 ${p.expiresOn ?? ""} 前修改页脚，并在“我的网站”中重新检测。`,
      en: `The footer check of the filed site ${p.domain ?? ""} (${p.orderNumber ?? ""}) failed: ${p.item?.en ?? ""}. The filing number must be shown at the bottom of the home page, linked to https://beian.miit.gov.cn/ (fines of 5,000–10,000 yuan otherwise). Fix the footer by ${p.expiresOn ?? ""} and check it again under "My websites".`,
    },
  }),
  "watch.access_inaccurate": (p) => ({
    title: {
      zh: `域名未解析到本接入商（${p.domain ?? ""}）`,
      en: `Domain not pointing at this provider (${p.domain ?? ""})`,
    },
    body: {
      zh: `已备案域名 ${p.domain ?? ""} 当前未解析到本接入商的服务器，属于接入信息不准确。请在 ${p.expiresOn ?? ""} 前恢复解析，否则将取消接入；没有其他接入商时，备案将成为空壳网站并被管局注销。`,
      en: `The filed domain ${p.domain ?? ""} does not point at this provider's servers. Point it back by ${p.expiresOn ?? ""}, or access will be cancelled; without another provider the filing becomes a shell and the bureau cancels it.`,
    },
  }),
} satisfies Record<string, Template>;

/** Every notification event: a key of TEMPLATES. */
export type TemplateKey = keyof typeof TEMPLATES;

export function render(template: string, params: TemplateParams): Rendered {
  const build = (TEMPLATES as Record<string, Template | undefined>)[template];
  if (!build) throw new Error(`no notification template "${template}"`);
  return build(params);
}

/** A bureau approval that issued numbers: the numbers, the footer and the public-security duty. */
function filedTemplate(p: TemplateParams): Rendered {
  return {
    title: { zh: `备案成功：${p.subjectNumber ?? ""}`, en: `Filed: ${p.subjectNumber ?? ""}` },
    body: {
      zh: `您的备案已通过管局审核。网站备案号：${list(p.websiteNumbers)}。请在网站首页底部悬挂备案号并链接至 https://beian.miit.gov.cn/ ，并在网站开通之日起30日内办理公安联网备案。`,
      en: `Your filing is approved. Website numbers: ${list(p.websiteNumbers)}. Show the number in the footer linked to https://beian.miit.gov.cn/ and file with the public security bureau within 30 days of opening.`,
    },
  };
}
