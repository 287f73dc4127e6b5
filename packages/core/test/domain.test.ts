import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  analyzeDomain,
  isWithinDomain,
  normalizeDomain,
  type DomainAnalysis,
} from "../src/validators/domain.ts";
import {
  domainLabelsToAscii,
  domainLabelsToUnicode,
  punycodeDecode,
  punycodeEncode,
} from "../src/validators/punycode.ts";

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
      "example.com/path",
      "https://example.com",
      "example.com:8080",
      "*.example.com",
    ]) {
      assert.equal(normalizeDomain(input), null, input);
    }
  });

  test("accepts Unicode (IDN) names and returns their Punycode form (§4.2; changed in issue 3)", () => {
    // Behaviour change: before the pre-check engine, "例子.中国" was refused.
    assert.equal(normalizeDomain("例子.中国"), "xn--fsqu00a.xn--fiqs8s");
    assert.equal(normalizeDomain("ÉXAMPLE.com"), "xn--xample-9ua.com");
    assert.equal(normalizeDomain("xn--fsqu00a.xn--fiqs8s"), "xn--fsqu00a.xn--fiqs8s");
    assert.equal(normalizeDomain("例子。中国"), "xn--fsqu00a.xn--fiqs8s");
  });

  test("rejects broken Punycode labels", () => {
    for (const input of ["xn--zz.com", "xn--.com", "xn--abc-.com"])
      assert.equal(normalizeDomain(input), null, input);
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

  test("Unicode and Punycode spellings of the same name match", () => {
    assert.equal(isWithinDomain("www.例子.中国", "xn--fsqu00a.xn--fiqs8s"), true);
    assert.equal(isWithinDomain("WWW.XN--FSQU00A.XN--FIQS8S", "例子.中国"), true);
    assert.equal(isWithinDomain("Example.COM.", "example.com"), true);
  });

  test("a look-alike suffix is not within it", () => {
    assert.equal(isWithinDomain("notexample.com", "example.com"), false);
    assert.equal(isWithinDomain("example.com.evil.cn", "example.com"), false);
    assert.equal(isWithinDomain("com", "example.com"), false);
  });
});

describe("punycode (RFC 3492)", () => {
  const pairs: [string, string][] = [
    ["例子", "fsqu00a"],
    ["中国", "fiqs8s"],
    ["bücher", "bcher-kva"],
    ["政务", "zfr164b"],
    ["公益", "55qw42g"],
    ["他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"], // RFC 3492 §7.1 sample (B)
    ["abc", "abc-"],
  ];
  for (const [unicode, ascii] of pairs) {
    test(`${unicode} ↔ ${ascii}`, () => {
      assert.equal(punycodeEncode(unicode), ascii);
      assert.equal(punycodeDecode(ascii), unicode);
    });
  }

  test("malformed Punycode throws", () => {
    for (const input of ["zz", "99999999999", "\u00e9-x", "a!"])
      assert.throws(() => punycodeDecode(input), input);
  });

  test("dotted names convert label by label", () => {
    assert.equal(domainLabelsToAscii("例子.中国"), "xn--fsqu00a.xn--fiqs8s");
    assert.equal(domainLabelsToUnicode("xn--fsqu00a.xn--fiqs8s"), "例子.中国");
    assert.equal(domainLabelsToUnicode("www.EXAMPLE.com"), "www.example.com");
  });
});

describe("analyzeDomain (§4.1, §4.2)", () => {
  const ok: { name: string; input: string; expected: Partial<DomainAnalysis> }[] = [
    {
      name: "§4.1 upper case and trailing dot",
      input: "EXAMPLE.COM.",
      expected: {
        normalized: "example.com",
        unicode: "example.com",
        registrableDomain: "example.com",
        publicSuffix: "com",
        isIdn: false,
        isSubdomain: false,
      },
    },
    {
      name: "§4.2 Unicode IDN under .中国",
      input: "例子.中国",
      expected: {
        normalized: "xn--fsqu00a.xn--fiqs8s",
        unicode: "例子.中国",
        registrableDomain: "xn--fsqu00a.xn--fiqs8s",
        publicSuffix: "xn--fiqs8s",
        publicSuffixUnicode: "中国",
        isIdn: true,
        isSubdomain: false,
      },
    },
    {
      name: "§4.2 the same name as Punycode",
      input: "xn--fsqu00a.xn--fiqs8s",
      expected: { normalized: "xn--fsqu00a.xn--fiqs8s", unicode: "例子.中国", publicSuffixUnicode: "中国" },
    },
    {
      name: "§4.1 upper-case Unicode is case-folded",
      input: "ÉXAMPLE.com",
      expected: { normalized: "xn--xample-9ua.com", unicode: "éxample.com", isIdn: true },
    },
    {
      name: "§4.1 sub-domain of a .com.cn name",
      input: "www.example.com.cn",
      expected: {
        normalized: "www.example.com.cn",
        registrableDomain: "example.com.cn",
        publicSuffix: "com.cn",
        isSubdomain: true,
      },
    },
    {
      name: "§4.2 .政务.cn is a registry second level",
      input: "www.example.政务.cn",
      expected: {
        registrableDomain: "example.xn--zfr164b.cn",
        publicSuffixUnicode: "政务.cn",
        isSubdomain: true,
      },
    },
    {
      name: "§4.2 .bj.cn province second level",
      input: "example.bj.cn",
      expected: { registrableDomain: "example.bj.cn", publicSuffix: "bj.cn", isSubdomain: false },
    },
    {
      name: "§4.1 suffixes outside the approved list still analyse (checkSuffix refuses them)",
      input: "foo.github.io",
      expected: { registrableDomain: "github.io", publicSuffix: "io", isSubdomain: true },
    },
  ];
  for (const c of ok) {
    test(`accepts: ${c.name}`, () => {
      const result = analyzeDomain(c.input);
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.equal(result.problem, undefined);
      for (const [key, value] of Object.entries(c.expected)) {
        assert.deepEqual(result[key as keyof DomainAnalysis], value, key);
      }
    });
  }

  const label63 = "a".repeat(63);
  const refused: { name: string; input: string; problem: DomainAnalysis["problem"] }[] = [
    { name: "§4.1 IPv4 address", input: "1.2.3.4", problem: "ip_address" },
    { name: "§4.1 short IPv4 form", input: "127.1", problem: "ip_address" },
    { name: "§4.1 IPv6 address", input: "[::1]", problem: "ip_address" },
    { name: "§4.1 a URL is not a host name", input: "http://a.com/x", problem: "format" },
    { name: "§4.1 a path", input: "a.com/x", problem: "format" },
    { name: "§4.1 a port", input: "example.com:8080", problem: "format" },
    { name: "§4.1 user info", input: "user@example.com", problem: "format" },
    { name: "§4.1 percent escapes", input: "ex%61mple.com", problem: "format" },
    { name: "§4.1 a wildcard", input: "*.example.com", problem: "format" },
    { name: "§4.1 an underscore", input: "exa_mple.com", problem: "format" },
    { name: "§4.1 an empty label", input: "example..com", problem: "format" },
    { name: "§4.1 a tab inside", input: "exa\tmple.com", problem: "format" },
    { name: "§4.1 empty input", input: "  ", problem: "format" },
    { name: "§4.1 a label over 63 octets", input: `${"a".repeat(64)}.com`, problem: "too_long" },
    {
      name: "§4.1 a name over 253 octets",
      input: `${label63}.${label63}.${label63}.${label63}.com`,
      problem: "too_long",
    },
    { name: "§4.1 an unknown top-level domain", input: "example.c0m", problem: "no_public_suffix" },
    { name: "§4.1 a single label", input: "localhost", problem: "no_public_suffix" },
    { name: "§4.1 a bare public suffix", input: "com.cn", problem: "no_public_suffix" },
  ];
  for (const c of refused) {
    test(`refuses: ${c.name}`, () => {
      const result = analyzeDomain(c.input);
      assert.equal(result.ok, false);
      assert.equal(result.problem, c.problem, JSON.stringify(result));
      assert.equal(result.registrableDomain, null);
    });
  }

  test("§4.2 Unicode ↔ Punycode round trip through analyzeDomain", () => {
    const fromUnicode = analyzeDomain("例子.中国");
    assert.ok(fromUnicode.normalized);
    const back = analyzeDomain(fromUnicode.normalized);
    assert.equal(back.unicode, "例子.中国");
    assert.equal(analyzeDomain(back.unicode ?? "").normalized, fromUnicode.normalized);
  });

  test("normalizeDomain agrees with analyzeDomain on every accepted name", () => {
    for (const c of ok) assert.equal(normalizeDomain(c.input), analyzeDomain(c.input).normalized, c.input);
  });
});
