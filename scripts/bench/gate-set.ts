import { FiledDomainSet } from "../../packages/gate/src/filed-set.ts";

/**
 * The gate's filed-domain table at 1 and 5 million domains: load time, bytes a
 * domain (the table itself and the heap it really took), lookups a second for
 * sub-domain hosts (half filed, half not), and the time until an update is
 * visible. The baseline is a plain JavaScript Set of the same names, measured
 * in the same run.
 */
export interface GateSetFigures {
  domains: number;
  loadMs: number;
  tableBytesPerDomain: number;
  heapBytesPerDomain: number;
  lookupsPerSecond: number;
  baselineSetLookupsPerSecond: number;
  baselineSetHeapBytesPerDomain: number;
  updateVisibleMicroseconds: number;
}

const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};

export function benchGateSet(count: number): GateSetFigures {
  const names = Array.from({ length: count }, (_, index) => `site-${index.toString(36)}.example.cn`);
  const before = heap();
  const started = performance.now();
  const filed = FiledDomainSet.fromDomains(names);
  const loadMs = performance.now() - started;
  const after = heap();
  const hosts = Array.from({ length: 200_000 }, (_, index) =>
    index % 2 === 0
      ? `www.site-${((index * 7919) % count).toString(36)}.example.cn`
      : `www.other-${index.toString(36)}.example.com`,
  );
  const lookupsPerSecond = rate(hosts, (host) => filed.coveringDomain(host) !== null);

  const setBefore = heap();
  const plain = new Set(names);
  const setAfter = heap();
  const baselineSetLookupsPerSecond = rate(hosts, (host) => {
    for (let candidate = host; ;) {
      if (plain.has(candidate)) return true;
      const dot = candidate.indexOf(".");
      if (dot === -1) return false;
      candidate = candidate.slice(dot + 1);
    }
  });

  const updateStarted = performance.now();
  filed.add("just-approved.example.cn");
  const visible = filed.coveringDomain("www.just-approved.example.cn") !== null;
  const updateVisibleMicroseconds = (performance.now() - updateStarted) * 1000;
  if (!visible) throw new Error("an added domain must be visible at once");
  return {
    domains: count,
    loadMs,
    tableBytesPerDomain: filed.tableBytes / filed.size,
    heapBytesPerDomain: Math.max(0, after - before) / count,
    lookupsPerSecond,
    baselineSetLookupsPerSecond,
    baselineSetHeapBytesPerDomain: Math.max(0, setAfter - setBefore) / count,
    updateVisibleMicroseconds,
  };
}

function rate(hosts: string[], lookup: (host: string) => boolean): number {
  let hits = 0;
  const started = performance.now();
  for (let round = 0; round < 5; round++) for (const host of hosts) if (lookup(host)) hits++;
  const seconds = (performance.now() - started) / 1000;
  if (hits === 0) throw new Error("no lookup hit: the benchmark is broken");
  return (hosts.length * 5) / seconds;
}
