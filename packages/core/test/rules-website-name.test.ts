import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  checkWebsiteName,
  countNameCharacters,
  findDomainInName,
  type WebsiteNameOptions,
} from "../src/rules/website-name.ts";
import { findingToProblem } from "../src/rules/types.ts";
import { WORD_LISTS, findWords } from "../src/rules/word-lists.ts";

const PERSONAL: WebsiteNameOptions = { subjectType: "personal" };
const ORG: WebsiteNameOptions = { subjectType: "organisation" };

const ruleIds = (name: string, options: WebsiteNameOptions, severity?: "error" | "warning") =>
  checkWebsiteName(name, options)
    .filter((finding) => severity === undefined || finding.severity === severity)
    .map((finding) => finding.ruleId);

describe("checkWebsiteName (fact base §4.4)", () => {
  // [name, options, the rule that must fire (error) or null for a clean name]
  const cases: [string, string, WebsiteNameOptions, string | null][] = [
    ["[Q-NAME] personal: 博客 is banned", "张三的技术博客", PERSONAL, "name.personal_banned"],
    ["[Q-NAME] personal: a plain description passes", "个人学习笔记", PERSONAL, null],
    ["[Q-NAME] personal: reading notes pass", "李四的读书笔记", PERSONAL, null],
    ["[Q-LIM] personal: 在线 and 交流 are banned", "王五的在线交流", PERSONAL, "name.personal_banned"],
    ["[T-REJ] non-national unit may not start with 中国", "中国美食网", ORG, "name.national_prefix"],
    ["[T-REJ] 中华 prefix for a personal site", "中华诗词笔记", PERSONAL, "name.national_prefix"],
    ["[T-REJ] organisation name without a national prefix passes", "杭州美食指南", ORG, null],
    ["[X-NAME2] too short: 'ab'", "ab", PERSONAL, "name.too_short"],
    ["[X-NAME2] too short: two Chinese characters and symbols", "(笔记)", PERSONAL, "name.too_short"],
    ["[X-NAME2] three counted characters pass, '() -' do not count", "张三(笔记)", PERSONAL, null],
    ["[T-REJ] digits only", "12345", PERSONAL, "name.digits_only"],
    ["[T-REJ] Latin letters only", "mysite", PERSONAL, "name.latin_only"],
    ["[T-REJ] not a domain name", "example.com", PERSONAL, "name.domain"],
    ["[T-REJ] a domain inside the name", "张三的example.cn笔记", PERSONAL, "name.domain"],
    ["[Q-NAME] special symbols", "张三的笔记！", PERSONAL, "name.special_symbols"],
    ["[Q-NAME] hyphen and brackets are allowed", "张三-笔记（旧）", PERSONAL, null],
    ["[T-REJ] sensitive word for everyone", "廉政建设研究", ORG, "name.sensitive"],
    ["[T-REJ] personal sensitive word", "张三维权日记", PERSONAL, "name.sensitive_personal"],
    ["[T-REJ] personal sensitive word is fine for organisations", "客户投诉处理中心", ORG, null],
    ["[Q-NAME] personal: company words", "张三科技有限公司", PERSONAL, "name.personal_company"],
    ["[Q-NAME] organisation: company words are fine", "张三科技有限公司", ORG, null],
    ["[Q-NAME] [R-FIELD] news without news approval", "新闻速递", ORG, "name.pre_approval.news"],
    ["[R-FIELD] forum keyword for a personal site", "张三的BBS", PERSONAL, "name.pre_approval.bbs"],
    ["[R-FIELD] drug keyword without approval", "康宁药品信息", ORG, "name.pre_approval.drugs_devices"],
    ["[R-FIELD] broadcast keyword without approval", "星光影视", ORG, "name.pre_approval.broadcast"],
    ["[T-PRE] [Q-GEN] financial keyword without approval", "鑫源理财", ORG, "name.pre_approval.finance"],
    [
      "[R-FIELD] personal: culture keyword is an error",
      "张三的文化随笔",
      PERSONAL,
      "name.pre_approval.culture",
    ],
  ];
  for (const [title, name, options, expected] of cases) {
    test(title, () => {
      const errors = ruleIds(name, options, "error");
      if (expected === null) assert.deepEqual(errors, [], name);
      else assert.ok(errors.includes(expected), `${name}: ${errors.join(", ")}`);
    });
  }

  test("[R-FIELD] news with the news approval passes", () => {
    assert.deepEqual(ruleIds("新闻速递", { ...ORG, preApprovals: ["news"] }, "error"), []);
  });

  test("[T-PRE] cancelled pre-approvals (education, health) are warnings for organisations", () => {
    assert.deepEqual(ruleIds("蓝天教育", ORG), ["name.pre_approval.education"]);
    assert.equal(checkWebsiteName("蓝天教育", ORG)[0]?.severity, "warning");
    assert.equal(
      checkWebsiteName("张三的健康记录", PERSONAL).find((f) => f.ruleId.includes("health"))?.severity,
      "error",
    );
  });

  test("[T-REJ] national units may use 中国 but are reminded to bring proof", () => {
    const findings = checkWebsiteName("中国美食网", { ...ORG, nationalUnit: true });
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity]),
      [["name.national_word_proof", "warning"]],
    );
  });

  test("[T-REJ] a national word inside the name is a warning", () => {
    assert.deepEqual(
      checkWebsiteName("为人民服务记录", ORG).map((f) => [f.ruleId, f.severity]),
      [["name.national_word", "warning"]],
    );
  });

  test("[X-NAME1] the third-party list only warns", () => {
    const findings = checkWebsiteName("张三的设计作品集", PERSONAL);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity]),
      [["name.personal_restricted_3p", "warning"]],
    );
    assert.deepEqual(checkWebsiteName("张三的设计作品集", ORG), []);
  });

  test("[Q-NAME] a word refused as an error is not warned about again", () => {
    const findings = checkWebsiteName("张三的导航", PERSONAL);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ["name.personal_banned"],
    );
  });

  test("[T-REJ] names without Chinese characters get a warning", () => {
    assert.deepEqual(
      checkWebsiteName("abc123", PERSONAL).map((f) => [f.ruleId, f.severity]),
      [["name.no_chinese", "warning"]],
    );
  });

  test("every finding carries bilingual text and a source", () => {
    for (const finding of checkWebsiteName("中国张三的赌博博客.com!", PERSONAL)) {
      assert.ok(finding.message.zh.length > 0 && finding.message.en.length > 0, finding.ruleId);
      assert.ok(finding.source.length > 0, finding.ruleId);
    }
  });
});

describe("name helpers and word lists", () => {
  test("[X-NAME2] counts Chinese characters, letters and digits once each", () => {
    assert.equal(countNameCharacters("张三(ab) - 1"), 5);
    assert.equal(countNameCharacters("()- "), 0);
  });

  test("domains are judged by the public-suffix list", () => {
    assert.equal(findDomainInName("example.com"), "example.com");
    assert.equal(findDomainInName("网址.中国"), "网址.中国");
    assert.equal(findDomainInName("Node.js笔记"), undefined);
    assert.equal(findDomainInName("v1.0版本"), undefined);
  });

  test("findWords: Latin words whole and case-insensitive, longest match only", () => {
    assert.deepEqual(findWords("我的bbs", ["BBS"]), ["BBS"]);
    assert.deepEqual(findWords("abbsx", ["BBS"]), []);
    assert.deepEqual(findWords("某某有限公司", ["公司", "有限公司"]), ["有限公司"]);
  });

  test("every word list has an id, a source and words", () => {
    const ids = WORD_LISTS.map((list) => list.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const list of WORD_LISTS) {
      assert.ok(list.source.length > 0 && list.words.length > 0, list.id);
    }
  });
});

describe("integration helpers", () => {
  test("'organization' (order-data.ts spelling) is treated as an organisation", () => {
    assert.deepEqual(checkWebsiteName("张三科技有限公司", { subjectType: "organization" }), []);
  });

  test("findingToProblem adds the field and the province", () => {
    const [finding] = checkWebsiteName("12345", PERSONAL);
    assert.ok(finding);
    assert.deepEqual(findingToProblem(finding, "websites.0.name", "33"), {
      ...finding,
      field: "websites.0.name",
      province: "33",
    });
    assert.equal("province" in findingToProblem(finding, "websites.0.name"), false);
  });
});
