import assert from "node:assert/strict";
import { test } from "node:test";
import { csvCell, csvLine } from "../src/http/csv.ts";

test("cells are quoted only when they must be, quotes doubled", () => {
  assert.equal(csvCell("zhangsan-blog.cn"), "zhangsan-blog.cn");
  assert.equal(csvCell("浙ICP备2026000888号-1"), "浙ICP备2026000888号-1");
  assert.equal(csvCell(""), "");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(12), "12");
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell('说"明"'), '"说""明"""');
  assert.equal(csvCell("第1行\n第2行"), '"第1行\n第2行"');
  assert.equal(csvCell("a\r\nb"), '"a\r\nb"');
  assert.equal(csvCell(" 前后有空格 "), '" 前后有空格 "', "spaces a spreadsheet would trim");
});

test("text a spreadsheet would run as a formula is written as text", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
    const cell = csvCell(`${start}1+1`);
    assert.ok(cell === `'${start}1+1` || cell === `"'${start}1+1"`, JSON.stringify(cell));
  }
  assert.equal(csvCell('=HYPERLINK("http://x/","y")'), '"\'=HYPERLINK(""http://x/"",""y"")"');
  assert.equal(csvCell("a=b"), "a=b", "only a leading sign counts");
  assert.equal(csvCell(-1), "-1", "numbers are the platform's own, not applicants' text");
});

test("a line is its cells joined by commas, ended by CRLF", () => {
  assert.equal(csvLine(["域名", null, "a,b", 3]), '域名,,"a,b",3\r\n');
});
