import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyseFooter } from "../src/footer-check/analyse.ts";
import { foldCode, foldNumber } from "../src/footer-check/find-numbers.ts";
import { isSpace } from "../src/footer-check/start-tag.ts";

/**
 * Markup that the footer scanner reads by its fast paths or falls back from them
 * (html-scan.ts, start-tag.ts) and numbers found only through the text around a 备
 * (find-numbers.ts): each case gives what the page shows, as the scanner has always
 * read it.
 */
const TODAY = new Date("2026-06-01T04:00:00Z");
const MIIT = "https://beian.miit.gov.cn/";
const ZJ = "浙ICP备2026001234号-1";
const page = (footer: string) =>
  `<!doctype html><html><head><title>示例</title></head><body><main><p>正文</p></main><footer>${footer}</footer></body></html>`;

function read(html: string) {
  const result = analyseFooter(html, {}, { today: TODAY });
  return {
    number: result.icpNumber,
    target: result.linkTarget,
    visible: result.visible,
    codes: result.problems.map((problem) => problem.ruleId),
  };
}

const shown = (target = MIIT) => ({ number: ZJ, target, visible: true, codes: [] });
const hidden = { number: ZJ, target: MIIT, visible: false, codes: ["FOOTER_ICP_HIDDEN"] };
const missing = { number: null, target: null, visible: false, codes: ["FOOTER_ICP_MISSING"] };

describe("attributes, however written", () => {
  const cases: { name: string; html: string; want: ReturnType<typeof read> }[] = [
    { name: "a > inside a quoted value", html: `<a title="a>b" href="${MIIT}">${ZJ}</a>`, want: shown() },
    {
      name: "upper case, spaces around =, single quotes",
      html: `<A TARGET=_blank HREF = '${MIIT}'>${ZJ}</A>`,
      want: shown(),
    },
    { name: "an unquoted href", html: `<a href=${MIIT} target=_blank>${ZJ}</a>`, want: shown() },
    { name: "the first of two hrefs", html: `<a href="${MIIT}" href="/beian">${ZJ}</a>`, want: shown() },
    {
      name: "references in the href",
      html: `<a href="${MIIT}?a=1&amp;b=2">${ZJ}</a>`,
      want: shown(`${MIIT}?a=1&b=2`),
    },
    {
      name: "style before href on the link",
      html: `<a style="color:red;DISPLAY:none" href="${MIIT}">${ZJ}</a>`,
      want: hidden,
    },
    { name: "hidden without a value", html: `<a hidden href="${MIIT}">${ZJ}</a>`, want: hidden },
    {
      name: "a / ending an unquoted value is no self-closing tag",
      // Read as `<a … />`, the link would hold nothing and the number would be unlinked.
      html: `<a href="${MIIT}" class=x/>${ZJ}</a>`,
      want: shown(),
    },
    {
      name: "a self-closing <span/> hides nothing after it",
      html: `<span style="display:none"/><a href="${MIIT}">${ZJ}</a>`,
      want: shown(),
    },
  ];
  for (const { name, html, want } of cases) {
    test(name, () => assert.deepEqual(read(page(html)), want, name));
  }
});

describe("the text around 备", () => {
  const cases: { name: string; html: string; want: ReturnType<typeof read> }[] = [
    {
      name: "every character a numeric reference",
      html: `<a href="${MIIT}">&#27993;&#x49;&#67;&#x50;&#22791;&#50;&#48;&#50;&#54;&#48;&#48;&#49;&#50;&#51;&#52;&#x53f7;-&#49;</a>`,
      want: shown(),
    },
    {
      name: "備 as a reference on a Big5 page",
      html: `<a href="${MIIT}">粵ICP&#20633;12345678號</a>`,
      want: { number: "粤ICP备12345678号", target: MIIT, visible: true, codes: [] },
    },
    {
      name: "a comment inside the number is passed over",
      html: `<a href="${MIIT}">浙ICP备<!-- 备注 -->2026001234号-1</a>`,
      want: shown(),
    },
    {
      name: "a number only in an attribute is not shown",
      html: `<img alt="${ZJ}" src="x.png">`,
      want: missing,
    },
    {
      name: "a script's text between the parts breaks the number",
      html: `<a href="${MIIT}">浙ICP<script>x</script>备2026001234号-1</a>`,
      want: missing,
    },
    {
      name: "an empty script between the parts does not",
      html: `<a href="${MIIT}">浙ICP<script></script>备2026001234号-1</a>`,
      want: shown(),
    },
    {
      name: "the number in a script and shown: the shown one",
      html: `<script>var s = "${ZJ}";</script><a href="${MIIT}">${ZJ}</a>`,
      want: shown(),
    },
    {
      name: "an old number in a comment left open",
      html: `<a href="${MIIT}">${ZJ}</a><!-- 浙ICP备2020000001号-1`,
      want: shown(),
    },
    { name: "a stray < before the link", html: `<p>a < b <a href="${MIIT}">${ZJ}</a></p>`, want: shown() },
  ];
  for (const { name, html, want } of cases) {
    test(name, () => assert.deepEqual(read(page(html)), want, name));
  }
});

describe("the character tables read a character at a time", () => {
  test("isSpace is JavaScript's \\s, for every UTF-16 unit", () => {
    for (let code = 0; code <= 0xffff; code++) {
      if (isSpace(code) !== /\s/.test(String.fromCharCode(code))) assert.fail(`U+${code.toString(16)}`);
    }
  });

  test("foldCode folds every UTF-16 unit as foldNumber folds text", () => {
    for (let code = 0; code <= 0xffff; code++) {
      const folded = foldCode(code);
      const want = foldNumber(`x${String.fromCharCode(code)}x`);
      // foldNumber drops the spaces it folds to.
      if (want !== (folded === 0x20 ? "xx" : `x${String.fromCharCode(folded)}x`)) {
        assert.fail(`U+${code.toString(16)}: ${JSON.stringify(want)}`);
      }
    }
  });
});
