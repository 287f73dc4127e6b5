/**
 * Domain names as a filing sees them: lower case, no trailing dot, no scheme or
 * path. IDN handling and the registrable-domain split come with the pre-check
 * engine (issue 3); this normaliser refuses what it cannot vouch for.
 */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function normalizeDomain(input: string): string | null {
  let name = input.trim().toLowerCase();
  if (name.endsWith(".")) name = name.slice(0, -1);
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split(".");
  if (labels.length < 2) return null;
  if (!labels.every((label) => LABEL.test(label))) return null;
  if (/^\d+$/.test(labels[labels.length - 1] ?? "")) return null;
  return name;
}

/** True when `host` is `domain` itself or one of its sub-domains. */
export function isWithinDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
