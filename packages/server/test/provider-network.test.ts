import assert from "node:assert/strict";
import dgram from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ConfigError, loadConfig } from "../src/platform/config.ts";
import { DnsDomainResolver } from "../src/review/domain-resolver.ts";

/**
 * The provider's network as configuration (issue 8): its own address ranges for
 * the access watch (BEIAN_PROVIDER_IP_RANGES) and the DNS servers the watch and
 * the footer checks ask (BEIAN_DNS_SERVERS), the latter against a real DNS server
 * on UDP inside the test.
 */
describe("provider network configuration", () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "beian-network-"));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("ranges and DNS servers are read, normalised and refused when malformed", () => {
    const env = { BEIAN_DATA_DIR: dataDir };
    const config = loadConfig({
      env: {
        ...env,
        BEIAN_PROVIDER_IP_RANGES: " 47.96.10.20/11, 120.55.1.1 ",
        BEIAN_DNS_SERVERS: "223.5.5.5,127.0.0.1:5353",
      },
    });
    assert.deepEqual(config.providerIpRanges, ["47.96.0.0/11", "120.55.1.1/32"]);
    assert.deepEqual(config.dnsServers, ["223.5.5.5", "127.0.0.1:5353"]);
    assert.deepEqual(loadConfig({ env }).providerIpRanges, [], "none by default");
    assert.equal(loadConfig({ env }).dnsServers, null, "the system's DNS by default");
    assert.throws(
      () => loadConfig({ env: { ...env, BEIAN_PROVIDER_IP_RANGES: "47.96.0.0/40" } }),
      ConfigError,
    );
    assert.throws(() => loadConfig({ env: { ...env, BEIAN_DNS_SERVERS: "dns.example.cn" } }), ConfigError);
    assert.throws(() => loadConfig({ env: { ...env, BEIAN_DNS_SERVERS: "127.0.0.1:99999" } }), ConfigError);
  });

  test("the resolver asks the configured DNS server", async () => {
    const records = new Map([["filed.example.cn", ["47.96.10.20", "47.96.10.21"]]]);
    const server = await startDnsServer(records);
    try {
      const resolver = new DnsDomainResolver({ servers: [`127.0.0.1:${server.port}`], cacheMs: 0 });
      assert.deepEqual(await resolver.resolve4("Filed.Example.CN."), ["47.96.10.20", "47.96.10.21"]);
      assert.deepEqual(await resolver.resolve4("unknown.example.cn"), [], "NXDOMAIN: resolves to nothing");
      assert.deepEqual(server.asked, ["filed.example.cn", "unknown.example.cn"]);
    } finally {
      server.close();
    }
  });
});

/** A DNS server answering A queries from `records` (NXDOMAIN otherwise), RFC 1035 wire format. */
async function startDnsServer(records: Map<string, string[]>) {
  const socket = dgram.createSocket("udp4");
  const asked: string[] = [];
  socket.on("message", (query, peer) => {
    let offset = 12;
    const labels: string[] = [];
    while (query[offset]! > 0) {
      const length = query[offset]!;
      labels.push(query.subarray(offset + 1, offset + 1 + length).toString("ascii"));
      offset += length + 1;
    }
    const questionEnd = offset + 5; // the zero label, QTYPE and QCLASS
    const name = labels.join(".").toLowerCase();
    asked.push(name);
    const addresses = records.get(name) ?? [];
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // the query's id
    header.writeUInt16BE(addresses.length > 0 ? 0x8180 : 0x8183, 2); // answer, recursion; NXDOMAIN when none
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(addresses.length, 6);
    const answers = addresses.map((address) => {
      const answer = Buffer.alloc(16);
      answer.writeUInt16BE(0xc00c, 0); // a pointer to the question's name
      answer.writeUInt16BE(1, 2); // A
      answer.writeUInt16BE(1, 4); // IN
      answer.writeUInt32BE(60, 6);
      answer.writeUInt16BE(4, 10);
      address.split(".").forEach((part, index) => answer.writeUInt8(Number(part), 12 + index));
      return answer;
    });
    socket.send(
      Buffer.concat([header, query.subarray(12, questionEnd), ...answers]),
      peer.port,
      peer.address,
    );
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return { port: (socket.address() as AddressInfo).port, asked, close: () => socket.close() };
}
