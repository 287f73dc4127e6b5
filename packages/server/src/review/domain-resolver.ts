import { Resolver } from "node:dns/promises";

/**
 * The port the risk signals look domains up through. `resolve4` gives the domain's IPv4
 * addresses, [] when it does not resolve (no such name, no A record), or null when the lookup
 * itself failed (timeout, server failure): unknown, which raises no signal.
 * Tests inject a fake; the platform uses DNS.
 */
export interface DomainResolver {
  resolve4(domain: string): Promise<readonly string[] | null>;
}

const NOT_RESOLVING = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN", "ENONAME"]);

export interface DnsResolverOptions {
  timeoutMs?: number;
  cacheMs?: number;
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
  /** DNS servers ("223.5.5.5", "127.0.0.1:5353"); default: the system's. */
  servers?: readonly string[];
  /** The lookup itself (tests); defaults to a node:dns Resolver. */
  lookup?: (domain: string) => Promise<string[]>;
}

/**
 * DNS through node:dns with a 2 s timeout, each answer (failures too) cached for 10 minutes
 * per domain, and one lookup in flight per domain however many queue pages ask.
 */
export class DnsDomainResolver implements DomainResolver {
  private readonly cache = new Map<string, { at: number; result: Promise<readonly string[] | null> }>();
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly lookup: (domain: string) => Promise<string[]>;

  constructor(options: DnsResolverOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.cacheMs = options.cacheMs ?? 10 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
    if (options.lookup) {
      this.lookup = options.lookup;
    } else {
      const resolver = new Resolver({ timeout: this.timeoutMs, tries: 1 });
      if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers]);
      this.lookup = (domain) => resolver.resolve4(domain);
    }
  }

  resolve4(domain: string): Promise<readonly string[] | null> {
    const name = domain.trim().toLowerCase().replace(/\.$/, "");
    const now = this.now();
    const cached = this.cache.get(name);
    if (cached && now - cached.at < this.cacheMs) return cached.result;
    const result = this.lookupWithTimeout(name);
    this.cache.delete(name);
    this.cache.set(name, { at: now, result });
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return result;
  }

  private async lookupWithTimeout(domain: string): Promise<readonly string[] | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.timeoutMs);
    });
    try {
      return await Promise.race([
        this.lookup(domain).then(
          (addresses) => [...addresses].sort(),
          (error: unknown) => {
            const code = (error as { code?: unknown } | null)?.code;
            return typeof code === "string" && NOT_RESOLVING.has(code) ? [] : null;
          },
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** For tests and offline runs: every lookup "failed", so no DNS signal is raised. */
export const offlineResolver: DomainResolver = { resolve4: async () => null };
