import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isWithinDomain, normalizeDomain } from "../src/validators/domain.ts";

describe("normalizeDomain", () => {
  test("keeps a plain lower-case domain as it is", () => {
    for (const name of [
      "example.com",
      "www.example.com",
      "my-site.example.com.cn",
      "a.io",
      "xn--fiqs8s.cn",
      "123.com",
    ]) {
      assert.equal(normalizeDomain(name), name);
    }
  });

  test("lower-cases upper-case input", () => {
    assert.equal(normalizeDomain("Example.COM"), "example.com");
    assert.equal(normalizeDomain("WWW.EXAMPLE.CN"), "www.example.cn");
  });

  test("drops one trailing dot (the DNS root)", () => {
    assert.equal(normalizeDomain("example.com."), "example.com");
    assert.equal(normalizeDomain("Example.Com."), "example.com");
  });

  test("trims surrounding white space", () => {
    assert.equal(normalizeDomain("  example.com\n"), "example.com");
  });

  test("rejects invalid labels", () => {
    for (const input of [
      "-example.com",
      "example-.com",
      "exa_mple.com",
      "exa mple.com",
      "example..com",
      ".example.com",
      "example.com..",
      `${"a".repeat(64)}.com`,
      "例子.中国", // IDN must arrive as punycode for now
      "example.com/path",
      "https://example.com",
      "example.com:8080",
      "*.example.com",
    ]) {
      assert.equal(normalizeDomain(input), null, input);
    }
  });

  test("accepts a 63-character label", () => {
    const name = `${"a".repeat(63)}.com`;
    assert.equal(normalizeDomain(name), name);
  });

  test("rejects a single label, empty input and names over 253 characters", () => {
    for (const input of ["", " ", ".", "localhost", "com"]) assert.equal(normalizeDomain(input), null, input);
    const label = "a".repeat(63);
    const tooLong = `${label}.${label}.${label}.${label}.com`; // 4 × 64 + 3 = 259
    assert.ok(tooLong.length > 253);
    assert.equal(normalizeDomain(tooLong), null);
    const justRight = `${label}.${label}.${label}.${"a".repeat(58)}.cn`; // 253
    assert.equal(justRight.length, 253);
    assert.equal(normalizeDomain(justRight), justRight);
  });

  test("rejects a numeric top-level label (and so bare IPv4 addresses)", () => {
    for (const input of ["example.123", "192.168.1.1", "10.0.0.1."]) {
      assert.equal(normalizeDomain(input), null, input);
    }
    assert.equal(normalizeDomain("example.c0m"), "example.c0m");
  });

  test("is idempotent", () => {
    for (const input of ["Example.COM.", " www.Example.cn ", "a-b.c-d.net"]) {
      const once = normalizeDomain(input);
      assert.ok(once);
      assert.equal(normalizeDomain(once), once);
    }
  });
});

describe("isWithinDomain", () => {
  test("the domain itself and its sub-domains are within it", () => {
    assert.equal(isWithinDomain("example.com", "example.com"), true);
    assert.equal(isWithinDomain("www.example.com", "example.com"), true);
    assert.equal(isWithinDomain("a.b.example.com", "example.com"), true);
  });

  test("a look-alike suffix is not within it", () => {
    assert.equal(isWithinDomain("notexample.com", "example.com"), false);
    assert.equal(isWithinDomain("example.com.evil.cn", "example.com"), false);
    assert.equal(isWithinDomain("com", "example.com"), false);
  });
});
