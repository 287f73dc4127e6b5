import assert from "node:assert/strict";
import { test } from "node:test";
import { DAY_MS, footerCheckUrl, footerFinding, politenessKey } from "../src/index.ts";

test("the campaign fetches the home URL when it is on the filed domain, else the bare domain", () => {
  assert.equal(
    footerCheckUrl("example.cn", "https://www.example.cn/index.html"),
    "https://www.example.cn/index.html",
  );
  assert.equal(footerCheckUrl("Example.CN", ""), "http://example.cn/", "no home URL: the domain over HTTP");
  assert.equal(
    footerCheckUrl("example.cn", "https://other.cn/"),
    "http://example.cn/",
    "another site is not fetched",
  );
  assert.equal(footerCheckUrl("example.cn", "ftp://example.cn/"), "http://example.cn/");
  assert.equal(footerCheckUrl("example.cn", "not a url"), "http://example.cn/");
  assert.equal(footerCheckUrl("例子.中国", null), "http://xn--fsqu00a.xn--fiqs8s/", "IDN in Punycode");
});

test("sites under one registrable domain share a politeness key", () => {
  assert.equal(politenessKey("http://a.example.com.cn/"), "example.com.cn");
  assert.equal(politenessKey("https://www.example.com.cn:8443/x"), "example.com.cn");
  assert.notEqual(politenessKey("http://a.cn/"), politenessKey("http://b.cn/"));
  assert.equal(politenessKey("http://127.0.0.1:8080/"), "127.0.0.1", "an address is its own key");
});

test("a failing footer's deadline runs 15 days from when it was first seen", () => {
  const now = Date.parse("2026-05-01T00:00:00Z");
  const reason = { zh: "备案号未链接", en: "Not linked" };
  const fresh = footerFinding("example.cn", reason, null, now);
  assert.equal(fresh.dueAt, now + 15 * DAY_MS);
  assert.equal(fresh.kind, "footer_noncompliant");
  assert.equal(fresh.level, "failing");
  assert.deepEqual(fresh.label, reason);
  const seenBefore = footerFinding("example.cn", reason, now - 3 * DAY_MS, now);
  assert.equal(seenBefore.dueAt, now + 12 * DAY_MS, "later checks do not move it");
});
