import type { LocalizedText, Problem } from "@openbeian/core";

/**
 * Why the home page could not be read, as problems beside the core's footer problems.
 * A bureau reviewer who cannot open the home page rejects just the same (fact base
 * §1.3: existing sites "must be reachable"), so each is an error, except a truncated
 * page, which is still analysed. Codes are a contract: add, never rename or reuse.
 */
export const FETCH_PROBLEMS = {
  FOOTER_URL_INVALID: {
    severity: "error",
    zh: "网址无效：须为 http:// 或 https:// 开头的完整网址",
    en: "Invalid URL: give a full http:// or https:// address",
  },
  FOOTER_FETCH_TIMEOUT: {
    severity: "error",
    zh: "首页在限定时间内没有完成响应",
    en: "The home page did not answer in time",
  },
  FOOTER_REDIRECT_LOOP: {
    severity: "error",
    zh: "首页的跳转形成循环，访问者永远打不开页面",
    en: "The home page redirects in a loop: visitors never reach a page",
  },
  FOOTER_TOO_MANY_REDIRECTS: {
    severity: "error",
    zh: "首页跳转次数过多",
    en: "The home page redirects too many times",
  },
  FOOTER_REDIRECT_INVALID: {
    severity: "error",
    zh: "首页跳转到了无效的地址（不是 http/https 网址）",
    en: "The home page redirects to an address that is not an http(s) URL",
  },
  FOOTER_HTTP_STATUS: {
    severity: "error",
    zh: "首页返回了错误状态码，访问者看不到正常页面",
    en: "The home page answers with an error status: visitors do not see the page",
  },
  FOOTER_TLS_ERROR: {
    severity: "error",
    zh: "HTTPS证书无效（自签名、过期、域名不符或证书链不完整），浏览器会拦截访问",
    en: "The HTTPS certificate is not valid (self-signed, expired, wrong name or incomplete chain): browsers block the page",
  },
  FOOTER_DNS_FAILED: {
    severity: "error",
    zh: "域名无法解析，请检查DNS解析记录",
    en: "The domain name does not resolve: check its DNS records",
  },
  FOOTER_UNREACHABLE: {
    severity: "error",
    zh: "无法连接到网站服务器",
    en: "The web server cannot be reached",
  },
  FOOTER_BAD_RESPONSE: {
    severity: "error",
    zh: "网站返回的内容无法读取（HTTP响应或压缩数据有误）",
    en: "The site's answer cannot be read (a broken HTTP response or compressed body)",
  },
  FOOTER_NOT_HTML: {
    severity: "error",
    zh: "首页返回的不是网页（HTML）",
    en: "The home page is not an HTML page",
  },
  FOOTER_PAGE_TRUNCATED: {
    severity: "warning",
    zh: "页面过大，只检查了前面的部分；页脚若在其后则无法看到",
    en: "The page is too large: only its beginning was checked, and a footer after that is not seen",
  },
  FOOTER_CHECK_FAILED: {
    severity: "error",
    zh: "检查时发生内部错误",
    en: "The check failed with an internal error",
  },
} as const satisfies Record<string, { severity: Problem["severity"] } & LocalizedText>;

export type FetchProblemCode = keyof typeof FETCH_PROBLEMS;

const SOURCE = "fact-base §1.3, §5.4 [T-SITE] [T-REJ]";

/** The problem for a fetch code; `detail` (the status, the TLS error code…) is added to both messages. */
export function fetchProblem(code: FetchProblemCode, detail?: string): Problem {
  const { severity, zh, en } = FETCH_PROBLEMS[code];
  const suffix = detail ? `（${detail}）` : "";
  return {
    ruleId: code,
    severity,
    field: "url",
    message: { zh: `${zh}${suffix}`, en: detail ? `${en} (${detail})` : en },
    source: SOURCE,
  };
}
