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
