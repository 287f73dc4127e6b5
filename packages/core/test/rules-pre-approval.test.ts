import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  PRE_APPROVAL_INDUSTRIES,
  checkContentForSubject,
  requiredPreApprovals,
  withoutNegatedClauses,
} from "../src/rules/pre-approval.ts";

describe("pre-approval industries (fact base §7)", () => {
  test("[T-PRE] [WX-ENUM] industries have unique ids, names, authorities and keywords", () => {
    const ids = PRE_APPROVAL_INDUSTRIES.map((industry) => industry.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, 12);
    for (const industry of PRE_APPROVAL_INDUSTRIES) {
      assert.ok(industry.name.zh && industry.name.en && industry.authority.zh, industry.id);
      assert.ok(industry.keywords.length > 0, industry.id);
    }
    const nrlx = PRE_APPROVAL_INDUSTRIES.flatMap((industry) => industry.wechatNrlxId ?? []);
    assert.deepEqual(nrlx, [1, 2, 3, 4, 5, 9, 10, 6, 11, 13, 14]);
  });

  test("[T-PRE] documents of active approvals are named", () => {
    const news = PRE_APPROVAL_INDUSTRIES.find((industry) => industry.id === "news");
    assert.equal(news?.document?.zh, "《互联网新闻信息服务许可证》");
    const education = PRE_APPROVAL_INDUSTRIES.find((industry) => industry.id === "education");
    assert.equal(education?.status, "cancelled");
  });
});

describe("requiredPreApprovals", () => {
  const cases: [string, Parameters<typeof requiredPreApprovals>[0], string[]][] = [
    ["[T-PRE] news in the name", { name: "新闻速递", subjectType: "organisation" }, ["news"]],
    ["[T-PRE] nothing in a plain name", { name: "个人学习笔记", subjectType: "personal" }, []],
    [
      "[T-PRE] forum and video in the remark",
      { remark: "提供用户论坛和电影点播", subjectType: "organisation" },
      ["broadcast", "bbs"],
    ],
    [
      "[T-SITE] negated mentions do not count",
      { remark: "本站为个人学习记录，不涉及新闻、论坛、影视等内容。", subjectType: "personal" },
      [],
    ],
    ["[WX-ENUM] content type by id", { serviceContent: ["news"], subjectType: "organisation" }, ["news"]],
    [
      "[WX-ENUM] content type by Chinese name",
      { serviceContent: "出版", subjectType: "organisation" },
      ["publishing"],
    ],
    [
      "[Q-SN] Shaanxi: personal blog content needs a news approval",
      { serviceContent: "blog", subjectType: "personal", rules: { personalBlogNeedsNewsApproval: true } },
      ["news"],
    ],
    [
      "[Q-SN] elsewhere a personal blog needs nothing",
      { serviceContent: "blog", subjectType: "personal", rules: { personalBlogNeedsNewsApproval: false } },
      [],
    ],
    [
      "[Q-GEN] P2P lending in the remark",
      { remark: "P2P网贷撮合", subjectType: "organisation" },
      ["finance"],
    ],
  ];
  for (const [title, input, expected] of cases) {
    test(title, () => assert.deepEqual(requiredPreApprovals(input), expected));
  }

  test("withoutNegatedClauses keeps the affirmative clauses", () => {
    assert.equal(withoutNegatedClauses("发布新闻，不开设论坛"), "发布新闻。");
  });
});

describe("checkContentForSubject (fact base §4.5)", () => {
  const ids = (input: Parameters<typeof checkContentForSubject>[0]) =>
    checkContentForSubject(input).map((finding) => `${finding.ruleId}:${finding.severity}`);
  const OK_REMARK = "本网站为个人技术学习笔记，记录日常编程学习心得，不涉及前置审批内容。";

  const cases: [string, Parameters<typeof checkContentForSubject>[0], string[]][] = [
    [
      "[H-PREP] [T-SITE] personal blog with a plain remark passes",
      { serviceContent: "blog", remark: OK_REMARK, subjectType: "personal" },
      [],
    ],
    [
      "[H-PREP] [T-SITE] personal may only choose blog/other",
      { serviceContent: "综合门户", remark: OK_REMARK, subjectType: "personal" },
      ["content.personal_service_type:error"],
    ],
    [
      "[T-SITE] [Q-LIM] personal forum in the remark",
      { serviceContent: "other", remark: "搭建一个技术交流论坛", subjectType: "personal" },
      ["content.personal_remark_interactive:error"],
    ],
    [
      "[T-SITE] [Q-LIM] personal shop in the remark",
      { serviceContent: "other", remark: "个人网店，出售手工艺品", subjectType: "personal" },
      ["content.personal_remark_commercial:error"],
    ],
    [
      "[T-SITE] personal site for a company",
      { serviceContent: "other", remark: "介绍我们公司的产品", subjectType: "personal" },
      ["content.personal_remark_organisation:error"],
    ],
    [
      "[T-SITE] personal news content",
      { serviceContent: "other", remark: "每日发布新闻", subjectType: "personal" },
      ["content.personal_pre_approval.news:error"],
    ],
    [
      "[§4.5 3P] personal comments and ads only warn",
      { serviceContent: "blog", remark: "技术文章，开放评论", subjectType: "personal" },
      ["content.personal_remark_advisory:warning"],
    ],
    [
      "[T-PRE] [Q-GEN] organisation with a financial name needs a regulator document",
      {
        serviceContent: "other",
        remark: "公司介绍",
        subjectType: "organisation",
        subjectName: "某某财富管理有限公司",
      },
      ["content.financial_regulator:error"],
    ],
    [
      "[T-PRE] [Q-GEN] organisation holding the financial approval passes",
      {
        serviceContent: "other",
        remark: "公司介绍",
        subjectType: "organisation",
        subjectName: "某某财富管理有限公司",
        preApprovals: ["finance"],
      },
      [],
    ],
    [
      "[T-PRE] organisation with video content lacks the broadcast licence",
      { serviceContent: "other", remark: "提供电影在线观看", subjectType: "organisation" },
      ["content.pre_approval.broadcast:error"],
    ],
    [
      "[T-PRE] organisation education content: cancelled approval, warning",
      { serviceContent: "other", remark: "职业技能培训课程介绍", subjectType: "organisation" },
      ["content.pre_approval.education:warning"],
    ],
    [
      "[T-PRE] plain organisation site passes",
      { serviceContent: "other", remark: "公司简介与联系方式", subjectType: "organisation" },
      [],
    ],
  ];
  for (const [title, input, expected] of cases) {
    test(title, () => assert.deepEqual(ids(input), expected));
  }
});
