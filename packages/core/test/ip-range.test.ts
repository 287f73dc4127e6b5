import assert from "node:assert/strict";
import { test } from "node:test";
import { DAY_MS, ipv4InRanges, ipv4ToNumber, parseIpv4Range, watchFindings } from "../src/index.ts";

test("CIDR ranges parse, normalise and contain", () => {
  assert.deepEqual(parseIpv4Range("47.96.10.20/11"), {
    network: ipv4ToNumber("47.96.0.0"),
    bits: 11,
    text: "47.96.0.0/11",
  });
  assert.equal(parseIpv4Range("10.0.0.1")?.text, "10.0.0.1/32", "a bare address is a /32");
  assert.equal(parseIpv4Range("0.0.0.0/0")?.text, "0.0.0.0/0");
  for (const bad of ["47.96.0.0/33", "47.96.0/11", "256.1.1.1", "a.b.c.d/8", "1.2.3.4/8/9", "1.2.3.4/", ""]) {
    assert.equal(parseIpv4Range(bad), null, bad);
  }
  const ranges = ["47.96.0.0/11", "120.55.0.0/16"].map((text) => parseIpv4Range(text)!);
  assert.equal(ipv4InRanges("47.127.255.255", ranges), true, "the last address of 47.96.0.0/11");
  assert.equal(ipv4InRanges("47.128.0.0", ranges), false, "just outside");
  assert.equal(ipv4InRanges("120.55.3.4", ranges), true);
  assert.equal(ipv4InRanges("not an address", ranges), false);
  assert.equal(ipv4InRanges("8.8.8.8", [parseIpv4Range("0.0.0.0/0")!]), true);
});

test("a domain resolving inside the provider's ranges is not flagged by the access watch", () => {
  const now = Date.parse("2026-05-01T00:00:00Z");
  const facts = {
    data: {},
    domain: "example.cn",
    domainExpiresAt: now + 400 * DAY_MS,
    server: null,
    resolved: ["47.100.1.2"],
    providerAddresses: new Set(["47.96.10.20"]),
    accessFirstSeenAt: null,
  };
  const flagged = watchFindings(facts, now);
  assert.deepEqual(
    flagged.map((finding) => finding.kind),
    ["access_inaccurate"],
    "not one of the servers",
  );
  const inside = watchFindings({ ...facts, providerRanges: [parseIpv4Range("47.96.0.0/11")!] }, now);
  assert.deepEqual(inside, [], "inside the provider's own range");
});
