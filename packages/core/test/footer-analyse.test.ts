import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  analyseFooter,
  EVIDENCE_MAX_CHARS,
  type AnalyseFooterOptions,
  type FooterCheck,
} from "../src/footer-check/analyse.ts";
import type { FooterExpectation } from "../src/footer-check/expectation.ts";
import { FOOTER_PROBLEMS } from "../src/footer-check/footer-problems.ts";
import { footerSnippet } from "../src/filing/footer.ts";
import type { ProvinceRuleRow } from "../src/rules/province-rules.ts";

/**
 * The footer check on HTML strings (issue 8; fact base §5.4 number display, §5.5 the
 * public-security number). Every assertion carries a message: a failing deepEqual on
 * Chinese text is otherwise hard to read in the runner's output.
 */
const TODAY = new Date("2026-06-01T04:00:00Z");
const MIIT = "https://beian.miit.gov.cn/";
const ZJ = "浙ICP备2026001234号-1";
const BJ_PSB = "京公网安备11000002000001号";

function check(
  html: string,
  expect: FooterExpectation = {},
  options: AnalyseFooterOptions = {},
): FooterCheck {
  const result = analyseFooter(html, expect, { today: TODAY, ...options });
  for (const problem of result.problems) {
    const spec = FOOTER_PROBLEMS[problem.ruleId as keyof typeof FOOTER_PROBLEMS];
    assert.ok(spec, `${problem.ruleId} is a catalogued code`);
    assert.equal(problem.severity, spec.severity, `${problem.ruleId} has its catalogued severity`);
    assert.equal(problem.field, spec.field, `${problem.ruleId} names its catalogued field`);
    assert.ok(problem.message.zh.length > 0 && problem.message.en.length > 0, `${problem.ruleId}: zh and en`);
    assert.ok(problem.source.startsWith("fact-base"), `${problem.ruleId}: source cites the fact base`);
  }
  assert.equal(
    result.ok,
    !result.problems.some((problem) => problem.severity === "error"),
    "ok means no error-severity problem",
  );
  return result;
}

const codes = (result: FooterCheck) => result.problems.map((problem) => problem.ruleId);
const linked = (number: string, href = MIIT) => `<a href="${href}" target="_blank">${number}</a>`;
const page = (footer: string) =>
  `<!doctype html><html><head><title>示例</title></head><body><main><p>正文</p></main><footer>${footer}</footer></body></html>`;

describe("the ICP number as the platform tells owners to show it", () => {
  test("[R-33] the platform's own snippet passes without problems (website number, Zhejiang)", () => {
    const result = check(page(footerSnippet(ZJ, "website_number")), { icpNumber: ZJ });
    assert.deepEqual(codes(result), [], "no problems");
    assert.equal(result.icpNumber, ZJ, "number found");
    assert.equal(result.icpLinked, true, "linked");
    assert.equal(result.linkTarget, MIIT, "link target reported");
    assert.equal(result.visible, true, "visible");
    assert.equal(result.psbNumber, null, "no PSB number");
    assert.ok(result.evidence?.includes(ZJ), `evidence shows the number: ${result.evidence}`);
  });

  test("[H-AFTER] Guangdong's snippet shows the subject number and passes", () => {
    const result = check(page(footerSnippet("粤ICP备2026000007号-2", "subject_number")), {
      icpNumber: "粤ICP备2026000007号-2",
    });
    assert.deepEqual(codes(result), [], "no problems");
    assert.equal(result.icpNumber, "粤ICP备2026000007号", "the subject number");
  });
});

describe("reading the number as a visitor sees it", () => {
  const cases: { name: string; html: string; shown: string }[] = [
    { name: "a space after 备", html: linked("浙ICP备 2026001234号-1"), shown: ZJ },
    { name: "&nbsp; and a line break", html: linked("浙ICP备&nbsp;\n      2026001234号-1"), shown: ZJ },
    { name: "spaces around the parts", html: linked("浙 ICP 备 2026001234 号 -1"), shown: ZJ },
    {
      name: "full-width letters, digits and dash",
      html: linked("浙ＩＣＰ备２０２６００１２３４号－１"),
      shown: ZJ,
    },
    { name: "lower-case icp", html: linked("浙icp备2026001234号-1"), shown: ZJ },
    { name: "numeric references", html: linked("浙ICP&#22791;2026001234&#x53F7;-1"), shown: ZJ },
    {
      name: "split over elements",
      html: `<a href="${MIIT}"><span>浙ICP备</span><b>2026001234</b>号<i>-1</i></a>`,
      shown: ZJ,
    },
    {
      name: "an ideographic space and a zero-width space",
      html: linked("浙ICP备\u3000\u200b2026001234号-1"),
      shown: ZJ,
    },
    {
      name: "Big5 page, traditional characters",
      html: linked("粵ICP備12345678號"),
      shown: "粤ICP备12345678号",
    },
    { name: "an 8-digit number", html: linked("京ICP备11018762号-3"), shown: "京ICP备11018762号-3" },
  ];
  for (const { name, html, shown } of cases) {
    test(name, () => {
      const result = check(page(`<p>备案号：${html} &copy; 2026</p>`));
      assert.equal(result.icpNumber, shown, `${name}: read as ${shown}`);
      assert.equal(result.icpLinked, true, `${name}: linked`);
      assert.equal(result.visible, true, `${name}: visible`);
      assert.ok(!codes(result).includes("FOOTER_ICP_PARTLY_LINKED"), `${name}: the whole number is linked`);
    });
  }

  test("text after the number does not run into the suffix", () => {
    const result = check(page(`${linked("浙ICP备2026001234号-1")} 2026 版权所有`));
    assert.equal(result.icpNumber, ZJ, "suffix -1, not -12026");
  });

  test("broken markup: upper-case tags, unquoted attributes, unclosed elements, a stray <", () => {
    const html = `<BODY><DIV class=foot><P>a < b <A HREF=https://beian.miit.gov.cn/ TARGET=_blank>浙ICP备2026001234号-1</A><p>more`;
    const result = check(html);
    assert.equal(result.icpNumber, ZJ, "number found");
    assert.equal(result.linkTarget, MIIT, "unquoted href read");
    assert.deepEqual(codes(result), [], "no problems");
  });

  test("an old number in a comment next to the current one: the visible one counts", () => {
    const html = page(`<!-- ${linked("浙ICP备2020000001号-1")} -->${linked(ZJ)}`);
    const result = check(html, { icpNumber: ZJ });
    assert.equal(result.icpNumber, ZJ, "the current number");
    assert.deepEqual(codes(result), [], "no problems");
  });
});

describe("the link", () => {
  const cases: { href: string; code: string | null }[] = [
    { href: "https://beian.miit.gov.cn/", code: null },
    { href: "http://beian.miit.gov.cn", code: null },
    { href: "https://beian.miit.gov.cn/#/Integrated/index", code: null },
    { href: "//beian.miit.gov.cn/", code: null },
    { href: "HTTPS://BEIAN.MIIT.GOV.CN/", code: null },
    { href: "http://www.miitbeian.gov.cn/", code: "FOOTER_ICP_LINK_OLD" },
    { href: "http://miitbeian.gov.cn", code: "FOOTER_ICP_LINK_OLD" },
    { href: "http://www.beian.miit.gov.cn/", code: "FOOTER_ICP_LINK_OLD" },
    { href: "https://beian.miit.gov.cn.example.com/", code: "FOOTER_ICP_LINK_WRONG" },
    { href: "https://example.com/?to=beian.miit.gov.cn", code: "FOOTER_ICP_LINK_WRONG" },
    { href: "/beian", code: "FOOTER_ICP_LINK_WRONG" },
    { href: "#", code: "FOOTER_ICP_LINK_WRONG" },
    { href: "javascript:void(0)", code: "FOOTER_ICP_LINK_WRONG" },
  ];
  for (const { href, code } of cases) {
    test(`${href} → ${code ?? "accepted"}`, () => {
      const result = check(page(linked(ZJ, href)));
      assert.deepEqual(codes(result), code ? [code] : [], `${href}: problems`);
      assert.equal(result.icpLinked, true, `${href}: still a link`);
      assert.equal(result.linkTarget, href, `${href}: reported as written`);
      assert.equal(result.ok, code === null, `${href}: a wrong or old target is an error`);
    });
  }

  test("no link, or an <a> without href: FOOTER_ICP_NOT_LINKED", () => {
    for (const html of [`<p>${ZJ}</p>`, `<a name="beian">${ZJ}</a>`]) {
      const result = check(page(html));
      assert.deepEqual(codes(result), ["FOOTER_ICP_NOT_LINKED"], `${html}: not linked`);
      assert.equal(result.icpLinked, false, `${html}: icpLinked false`);
      assert.equal(result.linkTarget, null, `${html}: no target`);
      assert.equal(result.visible, true, `${html}: still visible`);
    }
  });

  test("only part of the number linked: a warning", () => {
    const result = check(page(`<a href="${MIIT}">浙ICP备2026001234号</a>-1`));
    assert.equal(result.icpNumber, ZJ, "whole number read");
    assert.deepEqual(codes(result), ["FOOTER_ICP_PARTLY_LINKED"], "partly linked");
    assert.equal(result.ok, true, "a warning only");
  });
});

describe("visibility", () => {
  const hidden: { name: string; html: string; where: string }[] = [
    { name: "HTML comment", html: `<!-- ${linked(ZJ)} -->`, where: "comment" },
    { name: "script", html: `<script>document.write('${linked(ZJ)}')</script>`, where: "script" },
    { name: "style", html: `<style>.x::after { content: "${ZJ}" }</style>`, where: "style" },
    { name: "template", html: `<template>${linked(ZJ)}</template>`, where: "template" },
    { name: "noscript", html: `<noscript>${linked(ZJ)}</noscript>`, where: "noscript" },
    { name: "hidden attribute", html: `<div hidden>${linked(ZJ)}</div>`, where: "hidden" },
    {
      name: "display:none",
      html: `<div style="color:#999; DISPLAY : none">${linked(ZJ)}</div>`,
      where: "display:none",
    },
    {
      name: "visibility:hidden",
      html: `<p style="visibility:hidden">${linked(ZJ)}</p>`,
      where: "visibility",
    },
    { name: "font-size:0", html: `<p style="font-size:0">${linked(ZJ)}</p>`, where: "font-size" },
    {
      name: "font-size:0px with a relative size inside",
      html: `<p style="font-size: 0px"><span style="font-size:1.2em">${linked(ZJ)}</span></p>`,
      where: "font-size",
    },
    {
      name: "a hidden ancestor several levels up",
      html: `<div style="display:none"><ul><li><span>${linked(ZJ)}</span></li></ul></div>`,
      where: "display:none",
    },
    {
      name: "link itself hidden",
      html: `<a href="${MIIT}" style="display:none">${ZJ}</a>`,
      where: "display:none",
    },
    { name: "iframe fallback", html: `<iframe src="/f">${linked(ZJ)}</iframe>`, where: "iframe" },
  ];
  for (const { name, html, where } of hidden) {
    test(`${name}: not visible, FOOTER_ICP_HIDDEN`, () => {
      const result = check(page(html));
      assert.equal(result.icpNumber, ZJ, `${name}: the number is still found`);
      assert.equal(result.visible, false, `${name}: not visible`);
      assert.ok(codes(result).includes("FOOTER_ICP_HIDDEN"), `${name}: ${codes(result).join(", ")}`);
      assert.equal(result.ok, false, `${name}: an error`);
      const message = result.problems.find((problem) => problem.ruleId === "FOOTER_ICP_HIDDEN")?.message;
      assert.ok(message?.en.includes(where), `${name}: the message says where (${message?.en})`);
    });
  }

  const shown: { name: string; html: string }[] = [
    {
      name: "font-size:0 wrapper, absolute size inside (the inline-block gap trick)",
      html: `<div style="font-size:0"><p style="font-size:12px">${linked(ZJ)}</p></div>`,
    },
    {
      name: "visibility:hidden undone by visibility:visible",
      html: `<div style="visibility:hidden"><p style="visibility: visible">${linked(ZJ)}</p></div>`,
    },
    { name: "a hidden sibling closed before", html: `<div hidden>menu</div><p>${linked(ZJ)}</p>` },
    { name: "an unclosed hidden <p> closed by the next <p>", html: `<p hidden>menu<p>${linked(ZJ)}` },
    { name: "display:block", html: `<div style="display:block">${linked(ZJ)}</div>` },
    { name: "<textarea> shows its text", html: `<textarea>${ZJ}</textarea>${linked(ZJ)}` },
  ];
  for (const { name, html } of shown) {
    test(`${name}: visible`, () => {
      const result = check(page(html));
      assert.equal(result.visible, true, `${name}: visible`);
      assert.deepEqual(codes(result), [], `${name}: no problems`);
    });
  }
});

describe("which number", () => {
  test("[H-ERR] another filing's number: FOOTER_ICP_WRONG_NUMBER", () => {
    const result = check(page(linked("浙ICP备2026009999号-1")), { icpNumber: ZJ });
    assert.deepEqual(codes(result), ["FOOTER_ICP_WRONG_NUMBER"], "wrong number");
    assert.equal(result.icpNumber, "浙ICP备2026009999号-1", "what the page shows");
    assert.ok(result.problems[0]?.message.zh.includes("浙ICP备2026001234号"), "names the right number");
  });

  test("the same subject's other website (-2 instead of -1): FOOTER_ICP_WRONG_NUMBER", () => {
    const result = check(page(linked("浙ICP备2026001234号-2")), { icpNumber: ZJ });
    assert.deepEqual(codes(result), ["FOOTER_ICP_WRONG_NUMBER"], "wrong website");
  });

  test("[§5.1] the wrong province character: FOOTER_ICP_WRONG_PROVINCE", () => {
    const result = check(page(linked("苏ICP备2026001234号-1")), { icpNumber: ZJ });
    assert.deepEqual(codes(result), ["FOOTER_ICP_WRONG_PROVINCE"], "wrong character");
    assert.ok(result.problems[0]?.message.zh.includes("浙"), "says 浙");
    assert.equal(result.problems[0]?.province, "33", "the expected province");
  });

  test("[§5.1] 川 is never an ICP prefix (Sichuan uses 蜀), even without an expectation", () => {
    const result = check(page(linked("川ICP备2026001234号-1")));
    assert.deepEqual(codes(result), ["FOOTER_ICP_WRONG_PROVINCE"], "川 refused");
    assert.ok(result.problems[0]?.message.zh.includes("蜀"), "suggests 蜀");
  });

  test("[§1.6] malformed numbers: FOOTER_ICP_FORMAT", () => {
    for (const number of ["浙ICP备202600123号-1", "浙ICP备2026001234-1", "ICP备2026001234号-1"]) {
      const result = check(page(linked(number)));
      assert.ok(codes(result).includes("FOOTER_ICP_FORMAT"), `${number}: ${codes(result).join(", ")}`);
    }
  });

  test("[§1.6] an app number on a website: FOOTER_ICP_NOT_WEBSITE", () => {
    const result = check(page(linked("浙ICP备2026001234号-2A")));
    assert.deepEqual(codes(result), ["FOOTER_ICP_NOT_WEBSITE"], "app number");
  });

  test("no number at all: FOOTER_ICP_MISSING naming what to show", () => {
    const result = check(page("<p>© 2026 示例公司</p>"), { icpNumber: "粤ICP备2026000007号-2" });
    assert.deepEqual(codes(result), ["FOOTER_ICP_MISSING"], "missing");
    assert.deepEqual(
      [result.icpNumber, result.icpLinked, result.linkTarget, result.visible, result.evidence],
      [null, false, null, false, null],
      "empty fields",
    );
    assert.ok(
      result.problems[0]?.message.zh.includes("“粤ICP备2026000007号”"),
      "Guangdong: the subject number",
    );
  });
});

describe("[H-AFTER] which form: siteNumberDisplay", () => {
  test("Guangdong showing the website number: a warning that says the subject number is wanted", () => {
    const result = check(page(linked("粤ICP备2026000007号-2")), { icpNumber: "粤ICP备2026000007号-2" });
    assert.deepEqual(codes(result), ["FOOTER_ICP_SUFFIX_SHOWN"], "suffix shown");
    const problem = result.problems[0];
    assert.equal(result.ok, true, "a warning");
    assert.ok(problem?.message.zh.includes("主体备案号"), `says subject number: ${problem?.message.zh}`);
    assert.ok(problem?.source.includes("siteNumberDisplay (44)"), `cites the rule: ${problem?.source}`);
    assert.equal(problem?.province, "44", "Guangdong");
  });

  test("Guangdong without an expectation: the character decides", () => {
    const result = check(page(linked("粤ICP备2026000007号-2")));
    assert.deepEqual(codes(result), ["FOOTER_ICP_SUFFIX_SHOWN"], "suffix shown");
  });

  test("elsewhere the subject number without -N: a warning", () => {
    const result = check(page(linked("浙ICP备2026001234号")), { icpNumber: ZJ });
    assert.deepEqual(codes(result), ["FOOTER_ICP_SUFFIX_MISSING"], "suffix missing");
    assert.equal(result.ok, true, "a warning");
  });

  test("an administrator's override of the rule is applied", () => {
    const override = {
      province: "33",
      rule: "siteNumberDisplay",
      value: "subject_number",
      source: "admin",
      effectiveFrom: "2026-01-01",
    } as ProvinceRuleRow;
    const result = check(page(linked(ZJ)), { icpNumber: ZJ }, { ruleOverrides: [override] });
    assert.deepEqual(codes(result), ["FOOTER_ICP_SUFFIX_SHOWN"], "the override decides");
    assert.ok(result.problems[0]?.source.includes("admin"), "cites the admin row");
  });

  test("the expected province overrides the number's character for the rule", () => {
    const result = check(page(linked(ZJ)), { icpNumber: ZJ, province: "44" });
    assert.deepEqual(codes(result), ["FOOTER_ICP_SUFFIX_SHOWN"], "Guangdong's rule");
  });
});

describe("[§5.5] the public-security number", () => {
  const query = "https://beian.mps.gov.cn/#/query/webSearch?code=11000002000001";
  const psb = (inner: string) => page(`${linked("京ICP备2026001234号-1")} ${inner}`);
  const good = `<img src="/beian-icon.png" alt=""><a href="${query}" rel="noreferrer" target="_blank">${BJ_PSB}</a>`;

  test("shown with icon and the query link: no problems", () => {
    const result = check(psb(good), { psbNumber: BJ_PSB });
    assert.deepEqual(codes(result), [], "no problems");
    assert.equal(result.psbNumber, BJ_PSB, "number");
    assert.equal(result.psbLinked, true, "linked");
  });

  test("the icon inside the link, a space after 备 (Chongqing's style)", () => {
    const html = page(
      `${linked("渝ICP备2026001234号-1")}<a href="https://beian.mps.gov.cn/#/query/webSearch?code=50011802010624"><img src="i.png">渝公网安备 50011802010624号</a>`,
    );
    const result = check(html, { psbNumber: "渝公网安备50011802010624号" });
    assert.deepEqual(codes(result), [], "no problems");
    assert.equal(result.psbNumber, "渝公网安备50011802010624号", "space dropped");
  });

  test("expected but missing: FOOTER_PSB_MISSING", () => {
    const result = check(psb(""), { psbNumber: BJ_PSB });
    assert.deepEqual(codes(result), ["FOOTER_PSB_MISSING"], "missing");
    assert.equal(result.ok, false, "an error");
  });

  test("not expected and not shown: nothing to say", () => {
    assert.deepEqual(codes(check(psb(""))), [], "no problems");
  });

  test("not linked: a warning giving the query link", () => {
    const result = check(psb(`<img src="i.png">${BJ_PSB}`), { psbNumber: BJ_PSB });
    assert.deepEqual(codes(result), ["FOOTER_PSB_NOT_LINKED"], "not linked");
    assert.ok(result.problems[0]?.message.en.includes(query), "names the query link");
    assert.equal(result.ok, true, "a warning");
  });

  test("old platform link with recordcode: FOOTER_PSB_LINK_OLD", () => {
    const href = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11000002000001";
    const result = check(psb(`<img src="i.png"><a href="${href}">${BJ_PSB}</a>`));
    assert.deepEqual(codes(result), ["FOOTER_PSB_LINK_OLD"], "old link");
  });

  test("a link to elsewhere, a link querying another number", () => {
    const elsewhere = check(psb(`<img src="i.png"><a href="https://example.com/">${BJ_PSB}</a>`));
    assert.deepEqual(codes(elsewhere), ["FOOTER_PSB_LINK_WRONG"], "elsewhere");
    const other = query.replace("11000002000001", "11000002000002");
    const mismatch = check(psb(`<img src="i.png"><a href="${other}">${BJ_PSB}</a>`));
    assert.deepEqual(codes(mismatch), ["FOOTER_PSB_LINK_CODE"], "another code");
  });

  test("another number than expected, a malformed one, a hidden one, no icon", () => {
    const wrong = check(psb(good), { psbNumber: "京公网安备11000002000002号" });
    assert.deepEqual(codes(wrong), ["FOOTER_PSB_WRONG_NUMBER"], "wrong number");
    const region = check(psb(`<img src="i.png"><a href="${query}">京公网安备44030502008569号</a>`));
    assert.ok(codes(region).includes("FOOTER_PSB_FORMAT"), `region: ${codes(region).join(", ")}`);
    const hiddenOne = check(psb(`<div hidden>${good}</div>`), { psbNumber: BJ_PSB });
    assert.ok(codes(hiddenOne).includes("FOOTER_PSB_HIDDEN"), `hidden: ${codes(hiddenOne).join(", ")}`);
    const noIcon = check(psb(`<a href="${query}">${BJ_PSB}</a>`), { psbNumber: BJ_PSB });
    assert.deepEqual(codes(noIcon), ["FOOTER_PSB_ICON_MISSING"], "no icon");
    assert.equal(noIcon.ok, true, "a warning");
  });
});

describe("expectations and evidence", () => {
  test("an invalid expectation is reported and nothing is analysed", () => {
    for (const expect of [
      { icpNumber: "浙ICP备123号" },
      { icpNumber: "浙ICP备2026001234号-1A" },
      { psbNumber: "京公网安备44030502008569号" },
      { province: "99" },
    ]) {
      const result = check(page(linked(ZJ)), expect);
      assert.deepEqual(codes(result), ["FOOTER_EXPECT_INVALID"], `${JSON.stringify(expect)}: invalid`);
      assert.equal(result.icpNumber, null, `${JSON.stringify(expect)}: not analysed`);
    }
  });

  test("an expectation typed with spaces or full-width characters is accepted", () => {
    const result = check(page(linked(ZJ)), { icpNumber: " 浙ICP备 2026001234号－1 " });
    assert.deepEqual(codes(result), [], "no problems");
  });

  test("evidence is the link when it fits, else the number with context, never over 200 characters", () => {
    const long = `<a href="${MIIT}" title="${"x".repeat(300)}">${ZJ}</a>`;
    const result = check(page(`<p>${"页脚文字".repeat(100)}${long}${"更多".repeat(100)}</p>`));
    const evidence = result.evidence ?? "";
    assert.ok(evidence.length <= EVIDENCE_MAX_CHARS, `at most 200: ${evidence.length}`);
    assert.ok(evidence.includes(ZJ), `contains the number: ${evidence}`);
    const short = check(page(`<p>\n  ${linked(ZJ)}\n</p>`));
    assert.equal(short.evidence, `<a href="${MIIT}" target="_blank">${ZJ}</a>`, "the link element");
  });

  // A 2 MB page (the fetch's cap) takes about 0.3 s on an idle machine. Absolute bounds flake on a
  // loaded one, so the test compares sizes: 8 times the page takes about 5 times as long (measured),
  // with an unbounded search for "&" per text run about 23 times.
  test("analysis time grows linearly with the page", () => {
    // No "&" in the filler: a search for the next reference that runs to the end of the page
    // (the quadratic case this test was written for) would go unnoticed with one in every line.
    const filler = `<div class="item"><p>内容 text <span style="color:red">红</span></p><script>var x=1;</script></div>\n`;
    const sized = (bytes: number) => page(filler.repeat(Math.ceil(bytes / filler.length)) + linked(ZJ));
    const fastest = (html: string) => {
      let best = Infinity;
      for (let round = 0; round < 3; round++) {
        const started = performance.now();
        const result = check(html, { icpNumber: ZJ });
        best = Math.min(best, performance.now() - started);
        assert.deepEqual(codes(result), [], "the number at the end is found");
      }
      return best;
    };
    const small = fastest(sized(128 * 1024));
    const large = fastest(sized(1024 * 1024));
    assert.ok(large / small < 14, `1 MB took ${Math.round(large)} ms, 128 KB ${Math.round(small)} ms`);
  });
});
