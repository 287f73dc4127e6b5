import type { BlockReason } from "./block-page.ts";
import type { FiledDomainSet } from "./filed-set.ts";
import { normalizeHost } from "./host.ts";

/**
 * One request's decision. Filed domains (and their sub-domains) pass; anything
 * else is blocked with the reason the platform knows for that domain (filed
 * elsewhere, cancelled, in progress with its state), or "never filed". On TLS the
 * SNI name must be covered by the same filed domain as the Host header, so one
 * filed name cannot carry requests for another (domain fronting).
 */
export interface KnownStatus {
  reason: Exclude<BlockReason, "never_filed">;
  stateLabel?: string;
}

export type Decision =
  | { allowed: true; host: string; domain: string }
  | { allowed: false; host: string; reason: BlockReason; stateLabel?: string };

export function decide(
  filed: FiledDomainSet,
  statuses: ReadonlyMap<string, KnownStatus>,
  rawHost: string | undefined,
  rawSni?: string,
): Decision {
  const host = normalizeHost(rawHost);
  if (!host) return { allowed: false, host: rawHost ?? "", reason: "never_filed" };
  const domain = filed.coveringDomain(host);
  if (domain) {
    if (rawSni !== undefined) {
      const sni = normalizeHost(rawSni);
      if (!sni || filed.coveringDomain(sni) !== domain)
        return { allowed: false, host, reason: "never_filed" };
    }
    return { allowed: true, host, domain };
  }
  for (let candidate = host; ;) {
    const known = statuses.get(candidate);
    if (known) return { allowed: false, host, ...known };
    const dot = candidate.indexOf(".");
    if (dot === -1) return { allowed: false, host, reason: "never_filed" };
    candidate = candidate.slice(dot + 1);
  }
}
