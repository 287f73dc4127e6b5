import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isEmail, normalizeMobile } from "../src/validators/contact.ts";

describe("normalizeMobile", () => {
  test("accepts an 11-digit mainland mobile number", () => {
    assert.equal(normalizeMobile("13800138000"), "13800138000");
    for (const second of "3456789") {
      assert.equal(normalizeMobile(`1${second}800138000`), `1${second}800138000`);
    }
  });

  test("removes a +86 or 86 prefix", () => {
    assert.equal(normalizeMobile("+8613800138000"), "13800138000");
    assert.equal(normalizeMobile("8613800138000"), "13800138000");
  });

  test("removes spaces and dashes", () => {
    assert.equal(normalizeMobile("138 0013 8000"), "13800138000");
    assert.equal(normalizeMobile("+86 138 0013 8000"), "13800138000");
    assert.equal(normalizeMobile("+86-138-0013-8000"), "13800138000");
    assert.equal(normalizeMobile(" 138-0013-8000 "), "13800138000");
  });

  test("rejects 12 digits, 10 digits and numbers not starting with 1[3-9]", () => {
    for (const input of [
      "138001380001",
      "+86138001380001",
      "1380013800",
      "12800138000",
      "11800138000",
      "23800138000",
      "",
      "+86",
    ]) {
      assert.equal(normalizeMobile(input), null, input);
    }
  });

  test("rejects letters, other separators and other country codes", () => {
    for (const input of [
      "1380013800O",
      "(138)00138000",
      "138.0013.8000",
      "+85213800138000",
      "+1 13800138000",
    ]) {
      assert.equal(normalizeMobile(input), null, input);
    }
  });
});

describe("isEmail", () => {
  test("accepts ordinary addresses", () => {
    for (const input of ["zhangsan@example.com", "a.b+tag@mail.example.cn", "张三@例子.中国"]) {
      assert.equal(isEmail(input), true, input);
    }
  });

  test("rejects addresses without a local part, a dot in the domain, or with spaces", () => {
    for (const input of [
      "",
      "zhangsan",
      "@example.com",
      "zhangsan@",
      "zhangsan@example",
      "zhang san@example.com",
    ]) {
      assert.equal(isEmail(input), false, input);
    }
  });

  test("rejects addresses over 254 characters", () => {
    const local = "a".repeat(64);
    const long = `${local}@${"b".repeat(190)}.com`;
    assert.ok(long.length > 254);
    assert.equal(isEmail(long), false);
  });
});
