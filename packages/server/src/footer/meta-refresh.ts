/**
 * A home page that is only `<meta http-equiv="refresh" content="0; url=/cn/">` (a
 * common way small Chinese sites send visitors to their real home page) has its footer
 * on the target, where the reviewer's browser lands within seconds. Only a prompt
 * refresh with a URL counts; a page reloading itself every minute is the page.
 */
export const META_REFRESH_MAX_DELAY_S = 5;

const HEAD_CHARS = 8192;
const META = /<meta\b[^>]*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/**
 * A refresh's `http-equiv` is "refresh" in some ASCII case (no other character
 * lower-cases to these letters), so a head without the word has none. Removing a
 * comment can join the word up ("re<!-- -->fresh"): a head with neither the word nor
 * a comment is done after one search, as most pages are.
 */
const REFRESH = /refresh/i;
const REFRESH_OR_COMMENT = /refresh|<!--/i;
const HTTP_EQUIV = attributePattern("http-equiv");
const CONTENT = attributePattern("content");

/** The URL (as written) an immediate meta refresh in the page's head sends to, or null. */
export function metaRefreshTarget(html: string): string | null {
  const start = html.slice(0, HEAD_CHARS);
  if (!REFRESH_OR_COMMENT.test(start)) return null;
  // A commented-out refresh does not count.
  const head = start.replace(COMMENT, "");
  if (!REFRESH.test(head)) return null;
  for (const [tag] of head.matchAll(META)) {
    if (attribute(tag, HTTP_EQUIV)?.toLowerCase() !== "refresh") continue;
    const content = attribute(tag, CONTENT);
    const match = content
      ? /^\s*(\d+(?:\.\d*)?)\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*?)\2\s*$/i.exec(content)
      : null;
    if (!match) continue;
    const [, delay = "", , url = ""] = match;
    if (url.trim() !== "" && Number(delay) <= META_REFRESH_MAX_DELAY_S) return url.trim();
  }
  return null;
}

function attributePattern(name: string): RegExp {
  return new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i");
}

function attribute(tag: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? "") : undefined;
}
