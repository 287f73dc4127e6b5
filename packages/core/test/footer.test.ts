import assert from "node:assert/strict";
import { test } from "node:test";
import { footerNumber, footerSnippet, MIIT_URL } from "../src/filing/footer.ts";
import { ALL_PROVINCE_RULE_ROWS } from "../src/rules/province-rules.ts";
import { resolveProvinceRules } from "../src/rules/resolve.ts";

const display = (province: string) =>
  resolveProvinceRules(ALL_PROVINCE_RULE_ROWS, province, new Date("2026-06-01")).rules.siteNumberDisplay;

/** Fact base §5.4: Guangdong shows the subject number, everywhere else the website number, linked to MIIT. */
test("[H-AFTER] the footer number follows the province's rule", () => {
  assert.equal(display("44"), "subject_number");
  assert.equal(display("33"), "website_number");
  assert.equal(footerNumber("浙ICP备2026000001号-1", display("33")), "浙ICP备2026000001号-1");
  assert.equal(footerNumber("粤ICP备2026000001号-2", display("44")), "粤ICP备2026000001号");
  assert.equal(footerNumber("not a number", "subject_number"), "not a number");
});

test("[R-33] the snippet links the number to beian.miit.gov.cn", () => {
  assert.equal(
    footerSnippet("京ICP备2026000007号-1", "website_number"),
    `<a href="${MIIT_URL}" target="_blank" rel="noopener">京ICP备2026000007号-1</a>`,
  );
  assert.equal(MIIT_URL, "https://beian.miit.gov.cn/");
});
