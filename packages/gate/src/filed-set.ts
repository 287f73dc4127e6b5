/**
 * The set of domains filed through this provider. A host passes when it or one
 * of its parent domains is in the set (sub-domains of a filed domain are covered,
 * fact base §1.1). A plain Set for now; issue 7 replaces it with a compact
 * fingerprint table for millions of domains behind the same interface.
 */
export class FiledDomainSet {
  private readonly domains = new Set<string>();

  add(domain: string): void {
    this.domains.add(domain);
  }

  delete(domain: string): void {
    this.domains.delete(domain);
  }

  get size(): number {
    return this.domains.size;
  }

  /** The filed domain that covers `host`, or null. */
  coveringDomain(host: string): string | null {
    let candidate = host;
    for (;;) {
      if (this.domains.has(candidate)) return candidate;
      const dot = candidate.indexOf(".");
      if (dot === -1) return null;
      candidate = candidate.slice(dot + 1);
    }
  }
}
