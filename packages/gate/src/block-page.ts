import { escapeHtml } from "@openbeian/core";

/**
 * The page a blocked visitor sees, in Chinese and English: which domain, why it
 * is not served, and what the site's owner can do. Every reflected value is
 * escaped: the host comes straight from the request.
 */
export type BlockReason =
  "never_filed" | "filed_elsewhere" | "cancelled" | "access_cancelled" | "in_progress";

const REASONS: Record<BlockReason, { zh: string; en: string; todoZh: string; todoEn: string }> = {
  never_filed: {
    zh: "该域名尚未在本接入商处办理ICP备案，根据《非经营性互联网信息服务备案管理办法》，未备案的网站不得在中国内地提供服务。",
    en: "This domain has no ICP filing with this provider; unfiled websites may not be served in mainland China.",
    todoZh: "网站所有者请登录备案系统办理首次备案，备案通过后即可访问。",
    todoEn:
      "The site owner should file (first filing) through the provider's filing system; the site opens once approved.",
  },
  filed_elsewhere: {
    zh: "该域名已在其他接入商处备案，但尚未在本接入商处办理新增接入。",
    en: "This domain is filed with another provider but has no access filing with this provider.",
    todoZh: "网站所有者请在本接入商处办理“新增接入”，初审通过后即可访问，备案号不变。",
    todoEn:
      "The site owner should file an add-access order here; the site opens once initial review passes, the number stays.",
  },
  cancelled: {
    zh: "该域名的ICP备案已被注销。",
    en: "The ICP filing of this domain has been cancelled.",
    todoZh: "网站所有者如需继续提供服务，请重新办理备案。",
    todoEn: "The site owner must file again to serve the site.",
  },
  access_cancelled: {
    zh: "该域名在本接入商处的接入已取消。",
    en: "This domain's access through this provider has been cancelled.",
    todoZh: "网站所有者如需在本接入商处继续提供服务，请办理新增接入。",
    todoEn: "The site owner should file an add-access order to serve the site here again.",
  },
  in_progress: {
    zh: "该域名的备案正在办理中，备案通过前不能访问。",
    en: "This domain's filing is in progress; the site opens once it is approved.",
    todoZh: "网站所有者请留意备案进度（如工信部短信核验），备案通过后即可访问。",
    todoEn:
      "The site owner should follow the filing (e.g. MIIT's SMS verification); the site opens once approved.",
  },
};

/** Every reason, for exports that write one page per reason ahead of time (nginx-export.ts). */
export const BLOCK_REASONS = Object.keys(REASONS) as BlockReason[];

export function blockPage(input: { host: string; reason: BlockReason; stateLabel?: string }): string {
  return renderBlockPage(
    input.reason,
    escapeHtml(input.host),
    input.stateLabel ? escapeHtml(input.stateLabel) : "",
  );
}

/**
 * The page with the host (and state) already in HTML form: escaped by blockPage,
 * or an instruction for the server that fills it in and escapes it itself (the
 * nginx export's server-side include), so both serve the same text.
 */
export function renderBlockPage(reasonKey: BlockReason, hostHtml: string, stateHtml = ""): string {
  const reason = REASONS[reasonKey];
  const host = hostHtml;
  const state = stateHtml ? `<p class="state">当前状态 / State: ${stateHtml}</p>` : "";
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>网站暂时无法访问 / Site not available</title>
<style>body{margin:0;font-family:"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;background:#f5f7fa;color:#1f2329}
main{max-width:640px;margin:12vh auto;padding:32px;background:#fff;border:1px solid #e5e6eb;border-radius:4px}
h1{font-size:20px;margin:0 0 16px}.domain{font-family:monospace;font-size:16px;color:#1664ff}
p{line-height:1.7}.en{color:#646a73}.state{font-weight:600}a{color:#1664ff}</style></head>
<body><main>
<h1>网站暂时无法访问 <span class="en">/ This site is not available</span></h1>
<p class="domain">${host}</p>
<p>${reason.zh}</p><p class="en">${reason.en}</p>${state}
<p>${reason.todoZh}</p><p class="en">${reason.todoEn}</p>
<p>ICP备案查询 / Look up filings: <a href="https://beian.miit.gov.cn/" rel="noopener">https://beian.miit.gov.cn/</a></p>
</main></body></html>`;
}
