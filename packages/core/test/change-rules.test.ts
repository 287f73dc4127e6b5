import assert from "node:assert/strict";
import { test } from "node:test";
import {
  changeProblems,
  changeScope,
  ORDER_KIND_RULES,
  ORDER_KINDS,
  regulatorChangeType,
  removedDomains,
  SMS_MATRIX,
  type OrderData,
} from "../src/index.ts";

const filing: OrderData = {
  subject: {
    type: "personal",
    name: "张三",
    certificateType: "resident_id",
    certificateNumber: "330106199001011234",
    divisionCode: "330106",
    address: "杭州市西湖区文三路1号",
    head: { name: "张三", mobile: "13800138000", email: "a@example.cn" },
  },
  websites: [
    {
      name: "张三的博客",
      domain: "zhangsan.cn",
      serviceCode: "SC1",
      head: { name: "张三", mobile: "13800138000" },
    },
    {
      name: "张三的相册",
      domain: "photos.cn",
      serviceCode: "SC2",
      head: { name: "张三", mobile: "13800138000" },
    },
  ],
};
const edit = (change: (data: OrderData) => void): OrderData => {
  const copy = structuredClone(filing);
  change(copy);
  return copy;
};

test("the change's scope decides the type MIIT receives and so who verifies by SMS", () => {
  const phone = edit((data) => (data.subject!.head!.mobile = "13900139000"));
  assert.deepEqual(changeScope(filing, phone), { subject: true, websites: false, access: false });
  assert.equal(regulatorChangeType(changeScope(filing, phone)), "change_subject");
  assert.deepEqual(SMS_MATRIX.change_subject, { subjectHead: true, websiteHeads: false });

  const name = edit((data) => (data.websites![0]!.name = "张三的技术博客"));
  assert.equal(regulatorChangeType(changeScope(filing, name)), "change_website");

  const both = edit((data) => {
    data.subject!.address = "杭州市西湖区文三路2号";
    data.websites![1]!.head!.mobile = "13700137000";
  });
  assert.equal(regulatorChangeType(changeScope(filing, both)), "change_filing");

  const moved = edit((data) => (data.websites![0]!.serviceCode = "SC9"));
  assert.deepEqual(changeScope(filing, moved), { subject: false, websites: false, access: true });
  assert.equal(regulatorChangeType(changeScope(filing, moved)), "change_access");
  assert.deepEqual(
    SMS_MATRIX.change_access,
    { subjectHead: false, websiteHeads: false },
    "no SMS for access",
  );

  const removed = edit((data) => data.websites!.splice(1, 1));
  assert.equal(regulatorChangeType(changeScope(filing, removed)), "change_website", "removing a domain");
  assert.deepEqual(removedDomains(filing, removed), ["photos.cn"]);
  assert.deepEqual(changeProblems(filing, removed), []);
});

test("a change may not move province, certificate or subject type, nor add domains, nor change nothing", () => {
  const codes = (after: OrderData) => changeProblems(filing, after).map((problem) => problem.ruleId);
  assert.deepEqual(codes(edit((data) => (data.subject!.divisionCode = "110105"))), ["change.province"]);
  assert.deepEqual(codes(edit((data) => (data.subject!.divisionCode = "330108"))), [], "same province");
  assert.deepEqual(codes(edit((data) => (data.subject!.certificateNumber = "330106199001015678"))), [
    "change.certificate",
  ]);
  assert.deepEqual(codes(edit((data) => (data.subject!.type = "organization"))), ["change.subject_type"]);
  assert.deepEqual(
    codes(edit((data) => (data.websites![1]!.domain = "photos2.cn"))),
    ["change.domain_added"],
    "a changed domain is a new one",
  );
  assert.deepEqual(codes(edit((data) => (data.websites = []))), ["change.no_website"]);
  assert.deepEqual(codes(structuredClone(filing)), ["change.nothing"]);
  assert.deepEqual(
    codes(edit((data) => (data.websites![0]!.domain = "ZHANGSAN.CN"))),
    ["change.nothing"],
    "a domain's spelling is the same domain",
  );
  const problem = changeProblems(
    filing,
    edit((data) => (data.subject!.divisionCode = "110105")),
  )[0]!;
  assert.equal(problem.severity, "error");
  assert.ok(problem.message.zh.length > 0 && problem.message.en.length > 0);
});

test("every order kind has a rule, and regulator kinds map onto the SMS matrix", () => {
  for (const kind of ORDER_KINDS) {
    const rule = ORDER_KIND_RULES[kind];
    assert.ok(rule.label.zh && rule.label.en, kind);
    if (rule.regulator && kind !== "change") assert.ok(kind in SMS_MATRIX, `${kind} has an SMS rule`);
  }
  assert.deepEqual(SMS_MATRIX.cancel_access, { subjectHead: false, websiteHeads: false }, "取消接入: no SMS");
  assert.equal(ORDER_KIND_RULES.transfer.regulator, false, "a transfer never reaches MIIT");
});
