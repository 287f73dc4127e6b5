import { escapeHtml, SMS_MATRIX, type RegulatorOrderType } from "@openbeian/core";
/**
 * The two HTML pages of the simulated MIIT filing system (beian.miit.gov.cn
 * look-alike): the SMS verification page that filers use and the console where a
 * developer plays the provincial bureau. Both are single self-contained documents
 * (inline CSS and script, nothing fetched from elsewhere) so the simulator can
 * serve them from plain node:http without a build step.
 *
 * Everything a filer or a submission can influence reaches these pages through
 * JSON and is put into the DOM with textContent / createElement on the client;
 * the only server-side interpolation is the login error, which goes through
 * escapeHtml.
 */

type Lang = "zh" | "en";
type Dict = Record<string, Record<Lang, string>>;

const COMMON_TEXT = {
  siteTitle: {
    zh: "工业和信息化部政务服务平台 · ICP/IP地址/域名信息备案管理系统（模拟器）",
    en: "MIIT ICP filing system (simulator)",
  },
  simNotice: {
    zh: "本系统为开发测试用模拟器，并非工业和信息化部官方网站，请勿输入真实个人信息。",
    en: "Development simulator: this is not the real MIIT website. Do not enter real personal data.",
  },
  footer: {
    zh: "ICP备案管理系统模拟器 · 仅供开发与测试使用",
    en: "ICP filing system simulator · for development and testing only",
  },
  networkError: { zh: "网络错误，请稍后重试。", en: "Network error, please try again." },
  requestFailed: { zh: "请求失败（HTTP {status}）。", en: "Request failed (HTTP {status})." },
  errorCode: { zh: "错误代码：{code}", en: "Error code: {code}" },
} satisfies Dict;

const VERIFY_TEXT = {
  pageTitle: {
    zh: "短信核验 - ICP备案管理系统（模拟器）",
    en: "SMS verification - ICP filing system (simulator)",
  },
  heading: { zh: "短信核验", en: "SMS verification" },
  intro: {
    zh: "请填写接收验证码的手机号码、短信验证码及本人证件号码后六位，完成备案信息核验。",
    en: "Enter the mobile number that received the code, the 6-digit SMS code and the last 6 characters of your certificate number to verify the filing.",
  },
  mobileLabel: { zh: "手机号码", en: "Mobile number" },
  mobilePlaceholder: { zh: "请输入11位手机号码", en: "11-digit mobile number" },
  codeLabel: { zh: "短信验证码", en: "SMS code" },
  codePlaceholder: { zh: "请输入6位短信验证码", en: "6-digit code" },
  last6Label: { zh: "证件号码后六位", en: "Certificate number, last 6" },
  last6Placeholder: { zh: "如 12345X", en: "e.g. 12345X" },
  submit: { zh: "提交核验", en: "Submit" },
  resend: { zh: "重新发送验证码", en: "Resend code" },
  rulesTitle: { zh: "核验须知", en: "Please note" },
  ruleWindow: {
    zh: "验证码自发送之时起24小时内有效，逾期未完成核验的订单将退回接入服务商。",
    en: "Codes are valid for 24 hours from sending; orders not verified in time are returned to the filing provider.",
  },
  ruleWrong: {
    zh: "验证码累计输错5次，订单将退回接入服务商，需重新提交。",
    en: "After 5 wrong entries the order is returned to the filing provider and must be submitted again.",
  },
  ruleResend: {
    zh: "每人最多可重新发送2次验证码。",
    en: "Each person can have the code resent at most 2 times.",
  },
  errMobile: {
    zh: "请输入正确的11位手机号码（以1开头）。",
    en: "Enter a valid 11-digit mobile number (starting with 1).",
  },
  errCode: { zh: "请输入6位数字短信验证码。", en: "Enter the 6-digit SMS code." },
  errLast6: {
    zh: "请输入证件号码后六位（6位数字或字母，末位可为X）。",
    en: "Enter the last 6 characters of the certificate number (digits or letters, may end in X).",
  },
  submitting: { zh: "正在提交核验…", en: "Submitting…" },
  sending: { zh: "正在发送验证码…", en: "Sending a new code…" },
  verified: { zh: "核验成功", en: "Verification successful" },
  allVerified: {
    zh: "所有人员均已完成核验，订单已提交管局审核。",
    en: "Everyone has verified; the order has been submitted to the bureau for review.",
  },
  othersPending: {
    zh: "还需其他负责人完成核验。",
    en: "Other responsible persons still need to verify.",
  },
  orderLine: { zh: "订单号：{order}", en: "Order number: {order}" },
  resent: { zh: "验证码已重新发送，请注意查收短信。", en: "A new code has been sent by SMS." },
  verifyFailed: { zh: "核验未通过", en: "Verification failed" },
  resendFailed: { zh: "重新发送失败", en: "Could not resend the code" },
} satisfies Dict;

const OPERATOR_TEXT = {
  pageTitle: {
    zh: "管局审核操作台 - ICP备案管理系统（模拟器）",
    en: "Bureau operator console - ICP filing system (simulator)",
  },
  heading: { zh: "管局审核操作台", en: "Bureau operator console" },
  loginIntro: {
    zh: "请输入模拟器配置的操作员访问令牌。",
    en: "Enter the operator access token configured for the simulator.",
  },
  tokenLabel: { zh: "访问令牌", en: "Access token" },
  login: { zh: "登录", en: "Log in" },
  logout: { zh: "退出", en: "Log out" },
  phaseLabel: { zh: "阶段", en: "Phase" },
  phase_all: { zh: "全部", en: "All" },
  phase_awaiting_sms: { zh: "待发短信", en: "Awaiting SMS" },
  phase_sms_pending: { zh: "待短信核验", en: "SMS pending" },
  phase_bureau_review: { zh: "管局审核中", en: "Bureau review" },
  phase_approved: { zh: "已通过", en: "Approved" },
  phase_rejected: { zh: "已驳回", en: "Rejected" },
  phase_returned: { zh: "已退回", en: "Returned" },
  refresh: { zh: "刷新", en: "Refresh" },
  autoRefresh: { zh: "每5秒自动刷新", en: "Refreshes every 5 s" },
  autoRefreshPaused: {
    zh: "填写驳回理由期间暂停自动刷新",
    en: "Auto-refresh paused while a rejection is being written",
  },
  loadedAt: { zh: "更新于 {time}", en: "Updated {time}" },
  loading: { zh: "加载中…", en: "Loading…" },
  count: { zh: "共 {n} 条", en: "{n} orders" },
  empty: { zh: "暂无订单", en: "No orders" },
  col_order: { zh: "订单号", en: "Order number" },
  col_type: { zh: "类型 / 省份代码", en: "Type / province" },
  col_subject: { zh: "主体名称", en: "Subject" },
  col_websites: { zh: "网站", en: "Websites" },
  col_phase: { zh: "阶段", en: "Phase" },
  col_sms: { zh: "短信核验", en: "SMS verification" },
  col_times: { zh: "时间", en: "Times" },
  col_decision: { zh: "审核结果", en: "Decision" },
  col_actions: { zh: "操作", en: "Actions" },
  type_first_filing: { zh: "首次备案", en: "First filing" },
  type_add_website: { zh: "新增网站", en: "Add website" },
  type_add_access: { zh: "新增接入", en: "Add access" },
  type_change_filing: { zh: "变更备案（主体和网站）", en: "Change filing (subject and website)" },
  type_change_subject: { zh: "变更主体", en: "Change subject" },
  type_change_website: { zh: "变更网站", en: "Change website" },
  type_change_access: { zh: "变更接入", en: "Change access" },
  type_cancel_subject: { zh: "注销主体", en: "Cancel subject" },
  type_cancel_website: { zh: "注销网站", en: "Cancel website" },
  type_cancel_access: { zh: "取消接入", en: "Cancel access" },
  type_app: { zh: "APP备案", en: "App filing" },
  smsProgress: { zh: "{done}/{total} 已核验", en: "{done}/{total} verified" },
  role_subject_head: { zh: "主体负责人", en: "Subject head" },
  role_website_head: { zh: "网站负责人", en: "Website head" },
  smsPersonVerified: { zh: "已核验", en: "verified" },
  smsPersonPending: { zh: "未核验", en: "pending" },
  smsResends: { zh: "重发{n}次", en: "{n} resent" },
  receivedAt: { zh: "接收：", en: "Received: " },
  updatedAt: { zh: "更新：", en: "Updated: " },
  decisionDue: { zh: "预计审结：", en: "Decision due: " },
  decisionApproved: { zh: "审核通过", en: "Approved" },
  decisionRejected: { zh: "审核驳回", en: "Rejected" },
  subjectNumber: { zh: "主体备案号：{n}", en: "Subject number: {n}" },
  by_bureau: { zh: "管局", en: "Bureau" },
  by_operator: { zh: "操作员", en: "Operator" },
  approve: { zh: "通过", en: "Approve" },
  reject: { zh: "驳回", en: "Reject" },
  rejectTitle: { zh: "驳回理由（至少一条）", en: "Reasons for rejection (at least one)" },
  otherReason: { zh: "其他理由", en: "Other reason" },
  otherReasonPlaceholder: { zh: "可填写其他驳回理由", en: "Optional free-text reason" },
  confirmReject: { zh: "确认驳回", en: "Confirm rejection" },
  cancel: { zh: "取消", en: "Cancel" },
  reasonRequired: {
    zh: "请至少选择或填写一条驳回理由。",
    en: "Select or enter at least one reason.",
  },
  // The bureau writes its reasons in Chinese, so the zh text is what gets sent
  // whatever language the console shows; en is only a translation for the operator.
  reason_name: { zh: "网站名称不符合要求", en: "Website name does not meet the requirements" },
  reason_subject: { zh: "主体信息与证件不一致", en: "Subject details do not match the certificate" },
  reason_domain: {
    zh: "域名未实名或实名信息不一致",
    en: "Domain not under real-name registration, or the details differ",
  },
  reason_head: { zh: "网站负责人信息有误", en: "Website head details are wrong" },
  reason_conflict: { zh: "主办者冲突", en: "Sponsor conflict" },
  approvedNotice: { zh: "订单 {order} 已审核通过。", en: "Order {order} approved." },
  rejectedNotice: { zh: "订单 {order} 已驳回。", en: "Order {order} rejected." },
  decisionFailed: { zh: "操作失败", en: "Decision failed" },
  loadFailed: { zh: "订单列表加载失败", en: "Could not load the orders" },
  sessionExpired: {
    zh: "登录已失效，请重新登录。",
    en: "Your session has ended; please log in again.",
  },
  loginAgain: { zh: "重新登录", en: "Log in again" },
} satisfies Dict;

const PHASES = ["awaiting_sms", "sms_pending", "bureau_review", "approved", "rejected", "returned"] as const;
const ORDER_TYPES = Object.keys(SMS_MATRIX) as RegulatorOrderType[];
const REJECT_REASONS = [
  "reason_name",
  "reason_subject",
  "reason_domain",
  "reason_head",
  "reason_conflict",
] as const;

/** JSON inside a <script> element: a `<` could close the element, so it is escaped. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * Server-rendered text is the Chinese version, tagged with its key so the client
 * can swap it; the page therefore reads correctly in zh before any script runs.
 */
function translator<D extends Dict>(dict: D) {
  const text = (key: keyof D & string, tag = "span", attributes = ""): string =>
    `<${tag} data-i18n="${key}"${attributes ? ` ${attributes}` : ""}>${escapeHtml(dict[key]?.zh ?? key)}</${tag}>`;
  const placeholder = (key: keyof D & string): string =>
    `placeholder="${escapeHtml(dict[key]?.zh ?? key)}" data-i18n-placeholder="${key}"`;
  return { text, placeholder };
}

const STYLES = `
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; }
body {
  min-height: 100vh; display: flex; flex-direction: column;
  font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
    "Helvetica Neue", Arial, sans-serif;
  font-size: 14px; line-height: 1.6; color: #303133; background: #eef1f5;
}
a { color: #1b4f9c; }
.topbar { background: linear-gradient(#1c4f98, #123a75); color: #fff; border-bottom: 3px solid #0b2a57; }
.topbar-inner, .sim-notice-inner, main, footer { width: 100%; max-width: 1000px; margin: 0 auto; padding: 0 20px; }
body.wide .topbar-inner, body.wide .sim-notice-inner, body.wide main, body.wide footer { max-width: 1600px; }
.topbar-inner { display: flex; align-items: center; justify-content: space-between; gap: 16px; min-height: 64px; flex-wrap: wrap; }
.site-title { margin: 0; font-size: 18px; font-weight: 600; letter-spacing: 0.5px; }
.topbar-tools { display: flex; align-items: center; gap: 16px; font-size: 13px; }
.topbar-tools a { color: #fff; text-decoration: none; padding: 2px 10px; border: 1px solid rgba(255, 255, 255, 0.5); border-radius: 2px; }
.topbar-tools a:hover { background: rgba(255, 255, 255, 0.15); }
.lang-switch { display: flex; align-items: center; gap: 2px; }
.lang-switch span { opacity: 0.6; }
.lang-switch button {
  font: inherit; color: #fff; background: none; border: 0; padding: 2px 6px; cursor: pointer; opacity: 0.75;
}
.lang-switch button[aria-pressed="true"] { opacity: 1; font-weight: 600; text-decoration: underline; text-underline-offset: 4px; }
.sim-notice { background: #fff8e6; border-bottom: 1px solid #f3d9a4; color: #8a5a00; font-size: 13px; }
.sim-notice-inner { padding-top: 6px; padding-bottom: 6px; }
main { flex: 1; padding-top: 24px; padding-bottom: 32px; }
.card { background: #fff; border: 1px solid #dcdfe6; border-radius: 2px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.05); padding: 24px 32px 32px; }
.card-title { margin: 0 0 16px; padding: 0 0 12px 12px; font-size: 18px; color: #1b3f73; border-bottom: 1px solid #e4e7ed; position: relative; }
.card-title::before { content: ""; position: absolute; left: 0; top: 4px; bottom: 16px; width: 4px; background: #1c4f98; }
.intro { margin: 0 0 20px; color: #606266; }
.field { display: grid; grid-template-columns: 200px minmax(0, 320px); column-gap: 12px; align-items: center; margin-bottom: 18px; }
.field label { text-align: right; color: #303133; }
.field label::before { content: "*"; color: #d93026; margin-right: 4px; }
.field-error { grid-column: 2; min-height: 0; color: #d93026; font-size: 12px; line-height: 1.5; margin-top: 4px; }
.field-error:empty { display: none; }
input[type="text"], input[type="password"], input[type="tel"], textarea, select {
  font: inherit; color: inherit; width: 100%; padding: 6px 10px; border: 1px solid #c0c4cc; border-radius: 2px; background: #fff;
}
input[type="text"], input[type="password"], input[type="tel"], select { height: 36px; }
input:focus, textarea:focus, select:focus { outline: none; border-color: #1c4f98; box-shadow: 0 0 0 2px rgba(28, 79, 152, 0.15); }
input.invalid { border-color: #d93026; }
.actions { display: flex; gap: 12px; flex-wrap: wrap; margin-left: 212px; }
.btn {
  font: inherit; display: inline-flex; align-items: center; justify-content: center; min-height: 34px; padding: 4px 18px;
  border: 1px solid #c0c4cc; border-radius: 2px; background: #fff; color: #303133; cursor: pointer; white-space: nowrap;
}
.btn:hover { border-color: #1c4f98; color: #1c4f98; }
.btn:disabled { opacity: 0.55; cursor: not-allowed; }
.btn-primary { background: #1c4f98; border-color: #1c4f98; color: #fff; }
.btn-primary:hover { background: #2a62b3; border-color: #2a62b3; color: #fff; }
.btn-danger { border-color: #e6a3a0; color: #c0392b; }
.btn-danger:hover { border-color: #c0392b; color: #c0392b; }
.btn-small { min-height: 28px; padding: 2px 12px; font-size: 13px; }
.status { margin: 20px 0 0; padding: 12px 16px; border: 1px solid; border-radius: 2px; }
.status[hidden] { display: none; }
#notice, #load-error { margin: 0 0 16px; }
.status strong { display: block; margin-bottom: 2px; }
.status-success { background: #f0f9eb; border-color: #c2e7b0; color: #2d6a1b; }
.status-error { background: #fef0f0; border-color: #fbc4c4; color: #b42318; }
.status-info { background: #ecf3fc; border-color: #b8d0ef; color: #1b4f9c; }
.rules { margin-top: 28px; padding: 14px 20px; background: #f7f8fa; border: 1px solid #e4e7ed; color: #606266; font-size: 13px; }
.rules h3 { margin: 0 0 6px; font-size: 14px; color: #303133; }
.rules ol { margin: 0; padding-left: 20px; }
.toolbar { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 16px; }
.toolbar label { color: #606266; }
.toolbar select { width: auto; min-width: 170px; }
.toolbar-meta { margin-left: auto; color: #909399; font-size: 12px; display: flex; gap: 14px; flex-wrap: wrap; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #e4e7ed; padding: 8px 10px; text-align: left; vertical-align: top; }
th { background: #f0f4fa; color: #303133; font-weight: 600; white-space: nowrap; }
tbody tr:hover td { background: #fafcff; }
td.empty { text-align: center; color: #909399; padding: 28px; }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
td.col-subject { min-width: 120px; }
td.col-websites { min-width: 120px; }
td.col-decision { min-width: 170px; }
.muted { color: #909399; }
.small { font-size: 12px; }
.nowrap { white-space: nowrap; }
.badge { display: inline-block; padding: 0 8px; border-radius: 2px; font-size: 12px; line-height: 22px; white-space: nowrap; border: 1px solid; }
.phase-awaiting_sms, .phase-unknown { background: #f4f4f5; border-color: #d3d4d6; color: #606266; }
.phase-sms_pending { background: #fdf6ec; border-color: #f5dab1; color: #a35f00; }
.phase-bureau_review { background: #ecf3fc; border-color: #b8d0ef; color: #1b4f9c; }
.phase-approved { background: #f0f9eb; border-color: #c2e7b0; color: #2d6a1b; }
.phase-rejected { background: #fef0f0; border-color: #fbc4c4; color: #b42318; }
.phase-returned { background: #fff4e5; border-color: #f7c98b; color: #9a4d00; }
.ok { color: #2d6a1b; }
.pending { color: #a35f00; }
.row-actions { display: flex; gap: 8px; }
td.col-actions .row-actions { flex-direction: column; align-items: stretch; }
.sms-person { margin-top: 4px; }
ul.plain { margin: 0; padding-left: 16px; }
tr.reject-row td { background: #fffafa; }
.reject-box h4 { margin: 0 0 8px; font-size: 14px; color: #b42318; }
.reject-reasons { display: flex; flex-wrap: wrap; gap: 4px 24px; margin-bottom: 10px; }
.reject-reasons label { display: flex; gap: 6px; align-items: baseline; cursor: pointer; }
.reject-box textarea { max-width: 640px; min-height: 60px; resize: vertical; display: block; margin: 4px 0 10px; }
.reject-error { color: #d93026; font-size: 12px; margin-bottom: 8px; }
.login-card { max-width: 520px; margin: 24px auto 0; }
.login-card .field { grid-template-columns: 120px minmax(0, 1fr); }
.login-card .actions { margin-left: 132px; }
footer { padding-top: 12px; padding-bottom: 20px; text-align: center; color: #909399; font-size: 12px; }
@media (max-width: 640px) {
  .field, .login-card .field { grid-template-columns: 1fr; }
  .field label { text-align: left; }
  .field-error { grid-column: 1; }
  .actions, .login-card .actions { margin-left: 0; }
  .card { padding: 20px 16px; }
}
`;

/*
 * Shared browser runtime: language state, text lookup and a safe way to show
 * status boxes. The browser scripts are kept free of backslashes and "${" on
 * purpose, since inside a TypeScript template literal those would be
 * interpreted before the browser ever saw them.
 */
const RUNTIME_SCRIPT = `
(() => {
  "use strict";
  const TEXT = JSON.parse(document.getElementById("sim-text").textContent || "{}");
  const STORAGE_KEY = "sim-lang";
  const listeners = [];
  let lang = "zh";
  try {
    if (localStorage.getItem(STORAGE_KEY) === "en") lang = "en";
  } catch {
    // Storage can be unavailable (privacy settings); the page then stays in Chinese.
  }

  function t(key, vars) {
    const entry = TEXT[key];
    let text = entry ? entry[lang] : key;
    if (vars) {
      text = text.replace(/[{]([a-zA-Z]+)[}]/g, (match, name) => (name in vars ? String(vars[name]) : match));
    }
    return text;
  }

  // A message is either one of our keys or a {zh, en} pair from the server.
  function message(m) {
    if (!m) return "";
    if (m.key) return t(m.key, m.vars);
    if (m.text && typeof m.text === "object") {
      const value = typeof m.text[lang] === "string" ? m.text[lang] : m.text.zh || m.text.en;
      return typeof value === "string" ? value : "";
    }
    return "";
  }

  function apply() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach((node) => {
      node.textContent = t(node.dataset.i18n);
    });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    document.querySelectorAll("[data-lang]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    });
    listeners.forEach((listener) => listener(lang));
  }

  function setLang(next) {
    lang = next === "en" ? "en" : "zh";
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // See above: the choice then lasts only until the page is reloaded.
    }
    apply();
  }

  document.querySelectorAll("[data-lang]").forEach((button) => {
    button.addEventListener("click", () => setLang(button.dataset.lang));
  });

  async function request(url, init) {
    let response;
    try {
      response = await fetch(url, init);
    } catch {
      return { ok: false, status: 0, data: null };
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    return { ok: response.ok, status: response.status, data };
  }

  // Lines for a failed request, from the {code, message: {zh, en}} error shape when present.
  function apiError(result) {
    if (result.status === 0) return [{ key: "networkError" }];
    const data = result.data;
    const lines = [];
    if (data && data.message && typeof data.message === "object") lines.push({ text: data.message });
    else lines.push({ key: "requestFailed", vars: { status: result.status } });
    if (data && typeof data.code === "string") lines.push({ key: "errorCode", vars: { code: data.code } });
    return lines;
  }

  function renderStatus(container, status) {
    container.replaceChildren();
    container.hidden = !status;
    if (!status) return;
    container.className = "status status-" + status.kind;
    container.setAttribute("role", status.kind === "error" ? "alert" : "status");
    const title = document.createElement("strong");
    title.textContent = message(status.title);
    container.append(title);
    for (const line of status.lines || []) {
      if (!line) continue;
      const div = document.createElement("div");
      div.textContent = message(line);
      container.append(div);
    }
    if (status.link) {
      const link = document.createElement("a");
      link.href = status.link.href;
      link.textContent = message(status.link.label);
      container.append(link);
    }
  }

  window.sim = {
    t,
    textIn: (language, key) => (TEXT[key] ? TEXT[key][language] : key),
    message,
    request,
    apiError,
    renderStatus,
    lang: () => lang,
    onLang: (listener) => listeners.push(listener),
  };
  apply();
})();
`;

const VERIFY_SCRIPT = `
(() => {
  "use strict";
  const sim = window.sim;
  const form = document.getElementById("verify-form");
  const FIELDS = ["mobile", "code", "last6"];
  const ERROR_KEYS = { mobile: "errMobile", code: "errCode", last6: "errLast6" };
  // Certificates other than ID cards (passports, permits) can end in letters too.
  const PATTERNS = { mobile: /^1[0-9]{10}$/, code: /^[0-9]{6}$/, last6: /^[0-9A-Z]{6}$/ };
  const inputs = {};
  const errorNodes = {};
  for (const field of FIELDS) {
    inputs[field] = document.getElementById(field);
    errorNodes[field] = document.getElementById(field + "-error");
  }
  const statusNode = document.getElementById("status");
  const buttons = [document.getElementById("submit"), document.getElementById("resend")];
  const state = { errors: {}, status: null, busy: false };

  const params = new URLSearchParams(location.search);
  if (params.get("mobile")) inputs.mobile.value = params.get("mobile");
  if (params.get("last6")) inputs.last6.value = params.get("last6");

  function values() {
    return {
      mobile: inputs.mobile.value.replace(/[ -]/g, ""),
      code: inputs.code.value.trim(),
      last6: inputs.last6.value.trim().toUpperCase(),
    };
  }

  function orderLine(data) {
    return data.orderNumber ? { key: "orderLine", vars: { order: String(data.orderNumber) } } : null;
  }

  function render() {
    for (const field of FIELDS) {
      const invalid = Boolean(state.errors[field]);
      errorNodes[field].textContent = invalid ? sim.t(ERROR_KEYS[field]) : "";
      inputs[field].classList.toggle("invalid", invalid);
      inputs[field].setAttribute("aria-invalid", String(invalid));
    }
    sim.renderStatus(statusNode, state.status);
    for (const button of buttons) button.disabled = state.busy;
  }

  function check(fields) {
    const current = values();
    state.errors = {};
    for (const field of fields) if (!PATTERNS[field].test(current[field])) state.errors[field] = true;
    const firstInvalid = fields.find((field) => state.errors[field]);
    if (firstInvalid) {
      state.status = null;
      render();
      inputs[firstInvalid].focus();
      return null;
    }
    return current;
  }

  // Once a field was flagged, re-check it as the person types so the message goes away.
  for (const field of FIELDS) {
    inputs[field].addEventListener("input", () => {
      if (!state.errors[field]) return;
      if (PATTERNS[field].test(values()[field])) {
        delete state.errors[field];
        render();
      }
    });
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (state.busy) return;
    const current = check(FIELDS);
    if (!current) return;
    state.busy = true;
    state.status = { kind: "info", title: { key: "submitting" } };
    render();
    const result = await sim.request("/api/sms/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mobile: current.mobile, code: current.code, certificateLast6: current.last6 }),
    });
    state.busy = false;
    if (result.ok && result.data) {
      const everyone = result.data.outcome === "all_verified";
      state.status = {
        kind: "success",
        title: { key: "verified" },
        lines: [{ key: everyone ? "allVerified" : "othersPending" }, orderLine(result.data)],
      };
      render();
    } else {
      state.status = { kind: "error", title: { key: "verifyFailed" }, lines: sim.apiError(result) };
      render();
      inputs.code.select();
    }
  });

  document.getElementById("resend").addEventListener("click", async () => {
    if (state.busy) return;
    const current = check(["mobile", "last6"]);
    if (!current) return;
    state.busy = true;
    state.status = { kind: "info", title: { key: "sending" } };
    render();
    const result = await sim.request("/api/sms/resend", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mobile: current.mobile, certificateLast6: current.last6 }),
    });
    state.busy = false;
    state.status =
      result.ok && result.data
        ? {
            kind: "success",
            title: { key: "resent" },
            lines: [orderLine(result.data)],
          }
        : { kind: "error", title: { key: "resendFailed" }, lines: sim.apiError(result) };
    render();
  });

  sim.onLang(render);
  render();
})();
`;

const OPERATOR_SCRIPT = `
(() => {
  "use strict";
  const sim = window.sim;
  // Known values only select dictionary keys; anything else from the data is shown raw.
  const { phases: PHASES, orderTypes: ORDER_TYPES, reasons: REASONS } = JSON.parse(
    document.getElementById("sim-config").textContent || "{}",
  );
  const COLUMN_COUNT = document.querySelectorAll("#orders thead th").length;
  const REFRESH_MS = 5000;

  const select = document.getElementById("phase");
  const body = document.getElementById("orders-body");
  const noticeNode = document.getElementById("notice");
  const loadErrorNode = document.getElementById("load-error");
  const countNode = document.getElementById("count");
  const loadedNode = document.getElementById("loaded-at");
  const refreshHint = document.getElementById("refresh-hint");

  const state = {
    phase: "",
    items: null,
    loading: false,
    loadedAt: null,
    loadError: null,
    notice: null,
    seq: 0,
    busy: null,
    rejecting: null,
    draft: { reasons: [], text: "", missing: false },
  };

  const initialPhase = new URLSearchParams(location.search).get("phase");
  if (initialPhase && PHASES.includes(initialPhase)) state.phase = initialPhase;
  select.value = state.phase;

  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function str(value) {
    return value === null || value === undefined || value === "" ? "—" : String(value);
  }

  function formatTime(value) {
    if (!value) return "—";
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    return date.toLocaleString(sim.lang() === "zh" ? "zh-CN" : "en-GB", { hour12: false });
  }

  function phaseBadge(phase) {
    const known = PHASES.includes(phase);
    return el("span", "badge phase-" + (known ? phase : "unknown"), known ? sim.t("phase_" + phase) : str(phase));
  }

  function websitesCell(websites) {
    if (!Array.isArray(websites) || websites.length === 0) return "—";
    return el(
      "div",
      null,
      ...websites.map((site) =>
        el("div", null, str(site && site.name), el("div", "muted mono", str(site && site.domain))),
      ),
    );
  }

  function smsCell(sms) {
    if (!Array.isArray(sms)) return "—";
    const done = sms.filter((person) => person && person.verified === true).length;
    const cell = el("div", null, el("div", "nowrap", sim.t("smsProgress", { done, total: sms.length })));
    for (const person of sms) {
      if (!person) continue;
      const role = person.role === "subject_head" || person.role === "website_head"
        ? sim.t("role_" + person.role)
        : str(person.role);
      const status = el(
        "div",
        null,
        person.verified === true
          ? el("span", "ok", "✓ " + sim.t("smsPersonVerified"))
          : el("span", "pending", sim.t("smsPersonPending")),
      );
      if (Number(person.resends) > 0) status.append(el("span", "muted", " · " + sim.t("smsResends", { n: person.resends })));
      cell.append(el("div", "sms-person small", el("div", null, el("span", "mono nowrap", str(person.mobileMasked)), " ", el("span", "nowrap", role)), status));
    }
    return cell;
  }

  function timesCell(item) {
    const cell = el(
      "div",
      "small",
      el("div", null, sim.t("receivedAt"), el("span", "nowrap", formatTime(item.receivedAt))),
      el("div", null, sim.t("updatedAt"), el("span", "nowrap", formatTime(item.updatedAt))),
    );
    if (item.decisionAt && !item.decision) {
      cell.append(el("div", "muted", sim.t("decisionDue"), el("span", "nowrap", formatTime(item.decisionAt))));
    }
    return cell;
  }

  function decisionCell(decision) {
    if (!decision || typeof decision !== "object") return "—";
    const approved = decision.approved === true;
    const cell = el(
      "div",
      null,
      el("span", "badge " + (approved ? "phase-approved" : "phase-rejected"),
        sim.t(approved ? "decisionApproved" : "decisionRejected")),
    );
    if (approved) {
      if (decision.subjectNumber) cell.append(el("div", "small", sim.t("subjectNumber", { n: decision.subjectNumber })));
      const services = decision.serviceNumbers && typeof decision.serviceNumbers === "object" ? decision.serviceNumbers : {};
      for (const [service, number] of Object.entries(services)) {
        cell.append(el("div", "small", el("span", "mono", str(service)), " → " + str(number)));
      }
    } else if (Array.isArray(decision.reasons) && decision.reasons.length > 0) {
      cell.append(el("ul", "plain small", ...decision.reasons.map((reason) => el("li", null, str(reason)))));
    }
    const by = decision.by === "bureau" || decision.by === "operator" ? sim.t("by_" + decision.by) : str(decision.by);
    cell.append(el("div", "small muted", by + " · " + formatTime(decision.at)));
    return cell;
  }

  function button(labelKey, className, onClick, disabled) {
    const node = el("button", "btn btn-small " + className, sim.t(labelKey));
    node.type = "button";
    node.disabled = disabled;
    node.addEventListener("click", onClick);
    return node;
  }

  function actionsCell(item) {
    if (item.phase !== "bureau_review") return el("span", "muted", "—");
    const order = String(item.orderNumber);
    const busy = state.busy !== null;
    return el(
      "div",
      "row-actions",
      button("approve", "btn-primary", () => decide(order, { approve: true }), busy),
      button("reject", "btn-danger", () => openReject(order), busy || state.rejecting === order),
    );
  }

  function orderRow(item) {
    const typeKey = "type_" + item.orderType;
    return el(
      "tr",
      null,
      el("td", "mono nowrap", str(item.orderNumber)),
      el(
        "td",
        null,
        el("div", "nowrap", ORDER_TYPES.includes(item.orderType) ? sim.t(typeKey) : str(item.orderType)),
        el("div", "mono muted", str(item.province)),
      ),
      el("td", "col-subject", str(item.subjectName)),
      el("td", "col-websites", websitesCell(item.websites)),
      el("td", null, phaseBadge(item.phase)),
      el("td", null, smsCell(item.sms)),
      el("td", null, timesCell(item)),
      el("td", "col-decision", decisionCell(item.decision)),
      el("td", "col-actions", actionsCell(item)),
    );
  }

  function rejectRow(order) {
    const draft = state.draft;
    const missing = draft.missing ? el("div", "reject-error", sim.t("reasonRequired")) : null;
    // Editing clears the "at least one reason" hint in place: a re-render would take the focus away.
    const edited = () => {
      draft.missing = false;
      if (missing) missing.hidden = true;
    };
    const reasons = el("div", "reject-reasons");
    for (const key of REASONS) {
      const box = el("input");
      box.type = "checkbox";
      box.value = key;
      box.checked = draft.reasons.includes(key);
      box.addEventListener("change", () => {
        draft.reasons = REASONS.filter((reason) =>
          reason === key ? box.checked : draft.reasons.includes(reason),
        );
        edited();
      });
      reasons.append(el("label", null, box, el("span", null, sim.t(key))));
    }
    const textarea = el("textarea");
    textarea.id = "reject-other";
    textarea.value = draft.text;
    textarea.placeholder = sim.t("otherReasonPlaceholder");
    textarea.addEventListener("input", () => {
      draft.text = textarea.value;
      edited();
    });
    const otherLabel = el("label", "small muted", sim.t("otherReason"));
    otherLabel.htmlFor = textarea.id;
    const busy = state.busy !== null;
    const box = el(
      "div",
      "reject-box",
      el("h4", null, sim.t("rejectTitle") + " · " + order),
      reasons,
      otherLabel,
      textarea,
      missing,
      el(
        "div",
        "row-actions",
        button("confirmReject", "btn-danger", () => confirmReject(order), busy),
        button("cancel", "", closeReject, busy),
      ),
    );
    const cell = el("td", null, box);
    cell.colSpan = COLUMN_COUNT;
    return el("tr", "reject-row", cell);
  }

  function render() {
    const items = state.items || [];
    // A decision from elsewhere (the bureau's own timer) can move the order on while the box is open.
    if (state.rejecting !== null && state.items !== null &&
        !items.some((item) => item && String(item.orderNumber) === state.rejecting && item.phase === "bureau_review")) {
      state.rejecting = null;
    }
    const rows = [];
    if (state.items === null) {
      const cell = el("td", "empty", state.loading ? sim.t("loading") : "—");
      cell.colSpan = COLUMN_COUNT;
      rows.push(el("tr", null, cell));
    } else if (items.length === 0) {
      const cell = el("td", "empty", sim.t("empty"));
      cell.colSpan = COLUMN_COUNT;
      rows.push(el("tr", null, cell));
    }
    for (const item of items) {
      if (!item || typeof item !== "object") continue;
      rows.push(orderRow(item));
      if (state.rejecting !== null && String(item.orderNumber) === state.rejecting) rows.push(rejectRow(state.rejecting));
    }
    body.replaceChildren(...rows);
    sim.renderStatus(noticeNode, state.notice);
    sim.renderStatus(loadErrorNode, state.loadError);
    countNode.textContent = state.items === null ? "" : sim.t("count", { n: items.length });
    loadedNode.textContent = state.loading
      ? sim.t("loading")
      : state.loadedAt ? sim.t("loadedAt", { time: formatTime(state.loadedAt) }) : "";
    refreshHint.textContent = sim.t(state.rejecting !== null ? "autoRefreshPaused" : "autoRefresh");
  }

  async function load() {
    const seq = ++state.seq;
    state.loading = true;
    render();
    const url = "/api/orders?phase=" + encodeURIComponent(state.phase);
    const result = await sim.request(url, { headers: { "x-requested-with": "fetch" }, credentials: "same-origin" });
    // A newer load (say, after the filter changed) wins over a slower older one.
    if (seq !== state.seq) return;
    state.loading = false;
    if (result.ok && result.data && Array.isArray(result.data.items)) {
      state.items = result.data.items;
      state.loadedAt = new Date().toISOString();
      state.loadError = null;
    } else if (result.status === 401 || result.status === 403) {
      state.loadError = {
        kind: "error",
        title: { key: "sessionExpired" },
        link: { href: "/operator", label: { key: "loginAgain" } },
      };
    } else {
      state.loadError = { kind: "error", title: { key: "loadFailed" }, lines: sim.apiError(result) };
    }
    render();
  }

  async function decide(order, decision) {
    if (state.busy !== null) return;
    state.busy = order;
    render();
    const result = await sim.request("/api/orders/" + encodeURIComponent(order) + "/decision", {
      method: "POST",
      headers: { "content-type": "application/json", "x-requested-with": "fetch" },
      credentials: "same-origin",
      body: JSON.stringify(decision),
    });
    state.busy = null;
    if (result.ok) {
      const number = result.data && result.data.orderNumber ? String(result.data.orderNumber) : order;
      state.notice = {
        kind: "success",
        title: { key: decision.approve ? "approvedNotice" : "rejectedNotice", vars: { order: number } },
      };
      if (state.rejecting === order) state.rejecting = null;
    } else {
      state.notice = { kind: "error", title: { key: "decisionFailed" }, lines: sim.apiError(result) };
    }
    await load();
  }

  function openReject(order) {
    state.rejecting = order;
    state.draft = { reasons: [], text: "", missing: false };
    render();
  }

  function closeReject() {
    state.rejecting = null;
    render();
  }

  function confirmReject(order) {
    // Templates go out in Chinese, as a bureau writes them; free text as typed.
    const reasons = state.draft.reasons.map((key) => sim.textIn("zh", key));
    const other = state.draft.text.trim();
    if (other) reasons.push(other);
    if (reasons.length === 0) {
      state.draft.missing = true;
      render();
      return;
    }
    state.draft.missing = false;
    decide(order, { approve: false, reasons });
  }

  select.addEventListener("change", () => {
    state.phase = select.value;
    state.items = null;
    const url = new URL(location.href);
    if (state.phase) url.searchParams.set("phase", state.phase);
    else url.searchParams.delete("phase");
    history.replaceState(null, "", url);
    load();
  });
  document.getElementById("refresh").addEventListener("click", () => load());

  setInterval(() => {
    if (document.hidden || state.loading || state.busy !== null || state.rejecting !== null) return;
    load();
  }, REFRESH_MS);

  sim.onLang(render);
  load();
})();
`;

interface LayoutOptions {
  dict: Dict;
  main: string;
  scripts: string[];
  /** Extra links shown in the header, left of the language switch. */
  headerLinks?: string;
  wide?: boolean;
  /** Extra JSON blocks, by element id, for page scripts. */
  data?: Record<string, unknown>;
}

function layout(options: LayoutOptions): string {
  const dict: Dict = { ...COMMON_TEXT, ...options.dict };
  const { text } = translator(dict);
  const data = Object.entries(options.data ?? {})
    .map(
      ([id, value]) =>
        `<script type="application/json" id="${escapeHtml(id)}">${jsonForScript(value)}</script>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
${text("pageTitle", "title")}
<style>${STYLES}</style>
</head>
<body${options.wide ? ' class="wide"' : ""}>
<header class="topbar">
  <div class="topbar-inner">
    ${text("siteTitle", "h1", 'class="site-title"')}
    <div class="topbar-tools">
      ${options.headerLinks ?? ""}
      <div class="lang-switch" role="group" aria-label="语言 / Language">
        <button type="button" data-lang="zh" aria-pressed="true">中文</button><span>/</span><button type="button" data-lang="en" aria-pressed="false">English</button>
      </div>
    </div>
  </div>
</header>
<div class="sim-notice" role="note"><div class="sim-notice-inner">${text("simNotice")}</div></div>
<main>
${options.main}
</main>
<footer>${text("footer")}</footer>
<script type="application/json" id="sim-text">${jsonForScript(dict)}</script>
${data}
<script>${RUNTIME_SCRIPT}</script>
${options.scripts.map((script) => `<script>${script}</script>`).join("\n")}
</body>
</html>
`;
}

/** The filer-facing SMS verification page (短信核验). */
export function smsVerifyPage(): string {
  const { text, placeholder } = translator({ ...COMMON_TEXT, ...VERIFY_TEXT });
  const field = (
    id: string,
    label: keyof typeof VERIFY_TEXT,
    hint: keyof typeof VERIFY_TEXT,
    attributes: string,
  ) => `
    <div class="field">
      ${text(label, "label", `for="${id}"`)}
      <input id="${id}" name="${id}" ${placeholder(hint)} aria-describedby="${id}-error" ${attributes}>
      <div class="field-error" id="${id}-error" aria-live="polite"></div>
    </div>`;
  const main = `
<section class="card">
  ${text("heading", "h2", 'class="card-title"')}
  ${text("intro", "p", 'class="intro"')}
  <form id="verify-form" novalidate>
    ${field("mobile", "mobileLabel", "mobilePlaceholder", 'type="tel" inputmode="numeric" maxlength="13" autocomplete="tel"')}
    ${field("code", "codeLabel", "codePlaceholder", 'type="text" inputmode="numeric" maxlength="6" autocomplete="one-time-code"')}
    ${field("last6", "last6Label", "last6Placeholder", 'type="text" maxlength="6" autocomplete="off" spellcheck="false"')}
    <div class="actions">
      <button type="submit" id="submit" class="btn btn-primary">${text("submit")}</button>
      <button type="button" id="resend" class="btn">${text("resend")}</button>
    </div>
  </form>
  <div id="status" class="status" hidden></div>
  <div class="rules">
    ${text("rulesTitle", "h3")}
    <ol>
      ${text("ruleWindow", "li")}
      ${text("ruleWrong", "li")}
      ${text("ruleResend", "li")}
    </ol>
  </div>
</section>`;
  return layout({ dict: VERIFY_TEXT, main, scripts: [VERIFY_SCRIPT] });
}

/**
 * The bureau operator console (管局审核操作台): a token login form, or the order
 * list with approve / reject for orders under bureau review.
 */
export function operatorPage(options: { authenticated: boolean; error?: string }): string {
  const { text } = translator({ ...COMMON_TEXT, ...OPERATOR_TEXT });
  if (!options.authenticated) {
    const error = options.error
      ? `<div class="status status-error" role="alert">${escapeHtml(options.error)}</div>`
      : "";
    const main = `
<section class="card login-card">
  ${text("heading", "h2", 'class="card-title"')}
  ${text("loginIntro", "p", 'class="intro"')}
  <form method="post" action="/operator/login">
    <div class="field">
      ${text("tokenLabel", "label", 'for="token"')}
      <input type="password" id="token" name="token" autocomplete="current-password" required autofocus>
    </div>
    <div class="actions">
      <button type="submit" class="btn btn-primary">${text("login")}</button>
    </div>
  </form>
  ${error}
</section>`;
    return layout({ dict: OPERATOR_TEXT, main, scripts: [] });
  }

  const phaseOptions = [
    text("phase_all", "option", 'value=""'),
    ...PHASES.map((phase) => text(`phase_${phase}` as const, "option", `value="${phase}"`)),
  ].join("");
  const columns = [
    "col_order",
    "col_type",
    "col_subject",
    "col_websites",
    "col_phase",
    "col_sms",
    "col_times",
    "col_decision",
    "col_actions",
  ] as const;
  const main = `
<section class="card">
  ${text("heading", "h2", 'class="card-title"')}
  <div class="toolbar">
    ${text("phaseLabel", "label", 'for="phase"')}
    <select id="phase">${phaseOptions}</select>
    <button type="button" id="refresh" class="btn">${text("refresh")}</button>
    <div class="toolbar-meta">
      <span id="count"></span>
      <span id="loaded-at"></span>
      ${text("autoRefresh", "span", 'id="refresh-hint"')}
    </div>
  </div>
  <div id="notice" class="status" hidden></div>
  <div id="load-error" class="status" hidden></div>
  <div class="table-wrap">
    <table id="orders">
      <thead><tr>${columns.map((key) => text(key, "th", 'scope="col"')).join("")}</tr></thead>
      <tbody id="orders-body"></tbody>
    </table>
  </div>
</section>`;
  return layout({
    dict: OPERATOR_TEXT,
    main,
    wide: true,
    headerLinks: `<a href="/operator/logout">${text("logout")}</a>`,
    scripts: [OPERATOR_SCRIPT],
    data: { "sim-config": { phases: PHASES, orderTypes: ORDER_TYPES, reasons: REJECT_REASONS } },
  });
}
