/**
 * A home page that is only `<meta http-equiv="refresh" content="0; url=/cn/">` (a
 * common way small Chinese sites send visitors to their real home page) has its footer
 * on the target, where the reviewer's browser lands within seconds. Only a prompt
 * refresh with a URL counts; a page reloading itself every minute is the page.
 */
export const META_REFRESH_MAX_DELAY_S = 5;

const HEAD_CHARS = 8192;
const META = /<meta\b[^>]*>/gi;

/** The URL (as written) an immediate meta refresh in the page's head sends to, or null. */
export function metaRefreshTarget(html: string): string | null {
  const head = html.slice(0, HEAD_CHARS).replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  for (const [tag] of head.matchAll(META)) {
    if (attribute(tag, "http-equiv")?.toLowerCase() !== "refresh") continue;
    const content = attribute(tag, "content");
    const match = content
      ? /^\s*(\d+(?:\.\d*)?)\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*?)\2\s*$/i.exec(content)
      : null;
    if (!match) continue;
    const [, delay = "", , url = ""] = match;
    if (url.trim() !== "" && Number(delay) <= META_REFRESH_MAX_DELAY_S) return url.trim();
  }
  return null;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? "") : undefined;
}
