import assert from "node:assert/strict";
import { test } from "node:test";
import { FiledDomainSet } from "../src/filed-set.ts";
import { normalizeHost } from "../src/host.ts";

test("host names are normalised: case, port, trailing dot, IPv6 brackets", () => {
  assert.equal(normalizeHost("WWW.Example.CN:8080"), "www.example.cn");
  assert.equal(normalizeHost("example.cn."), "example.cn");
  assert.equal(normalizeHost("[::1]:443"), "::1");
  assert.equal(normalizeHost("example.cn:abc"), null);
  assert.equal(normalizeHost("exa mple.cn"), null);
  assert.equal(normalizeHost(undefined), null);
});

test("a filed domain covers itself and its sub-domains, nothing else", () => {
  const filed = new FiledDomainSet();
  filed.add("example.cn");
  assert.equal(filed.coveringDomain("example.cn"), "example.cn");
  assert.equal(filed.coveringDomain("a.b.example.cn"), "example.cn");
  assert.equal(filed.coveringDomain("badexample.cn"), null);
  assert.equal(filed.coveringDomain("example.cn.evil.com"), null);
  filed.delete("example.cn");
  assert.equal(filed.coveringDomain("www.example.cn"), null);
});

test("the fingerprint table: bulk load, updates visible at once, compaction keeps answers", () => {
  const domains = Array.from({ length: 50_000 }, (_, index) => `site-${index}.example.cn`);
  const filed = FiledDomainSet.fromDomains([...domains, "site-1.example.cn"]);
  assert.equal(filed.size, 50_000, "duplicates count once");
  assert.equal(filed.tableBytes, 50_000 * 8, "8 bytes a domain");
  assert.equal(filed.coveringDomain("www.site-49999.example.cn"), "site-49999.example.cn");
  assert.equal(filed.coveringDomain("site-50000.example.cn"), null);
  // Unfiled names are never mistaken for filed ones.
  for (let index = 0; index < 20_000; index++)
    assert.equal(filed.coveringDomain(`other-${index}.example.com`), null, `other-${index}`);
  filed.add("new-site.cn");
  filed.delete("site-7.example.cn");
  assert.equal(filed.coveringDomain("a.new-site.cn"), "new-site.cn");
  assert.equal(filed.coveringDomain("site-7.example.cn"), null);
  assert.equal(filed.size, 50_000);
  filed.compact();
  assert.equal(filed.coveringDomain("a.new-site.cn"), "new-site.cn");
  assert.equal(filed.coveringDomain("site-7.example.cn"), null);
  assert.equal(filed.coveringDomain("site-8.example.cn"), "site-8.example.cn");
  assert.equal(filed.tableBytes, 50_000 * 8);
  // Adding back what was deleted before a compaction, and many updates that compact by themselves.
  filed.add("site-7.example.cn");
  for (let index = 0; index < 3000; index++) filed.add(`burst-${index}.cn`);
  assert.equal(filed.coveringDomain("site-7.example.cn"), "site-7.example.cn");
  assert.equal(filed.coveringDomain("x.burst-2999.cn"), "burst-2999.cn");
  assert.equal(filed.size, 53_001);
});
