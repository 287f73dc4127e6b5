import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Value } from "@sinclair/typebox/value";
import {
  OrderDataSchema,
  changedPaths,
  isPathWithin,
  valueAtPath,
  type OrderData,
} from "../src/filing/order-data.ts";

const DATA: OrderData = {
  subject: {
    type: "personal",
    name: "张三",
    divisionCode: "330106",
    head: { name: "张三", mobile: "13800138000" },
  },
  websites: [
    { name: "张三的博客", domain: "example.com", languages: ["zh-CN"], head: { mobile: "13900139000" } },
  ],
};

describe("valueAtPath", () => {
  test("reads nested object and array values by dotted path", () => {
    assert.equal(valueAtPath(DATA, "subject.name"), "张三");
    assert.equal(valueAtPath(DATA, "subject.head.mobile"), "13800138000");
    assert.equal(valueAtPath(DATA, "websites.0.domain"), "example.com");
    assert.equal(valueAtPath(DATA, "websites.0.head.mobile"), "13900139000");
    assert.equal(valueAtPath(DATA, "websites.0.languages.0"), "zh-CN");
    assert.deepEqual(valueAtPath(DATA, "subject.head"), { name: "张三", mobile: "13800138000" });
  });

  test("returns undefined for a missing path, past a leaf, or past null", () => {
    assert.equal(valueAtPath(DATA, "subject.address"), undefined);
    assert.equal(valueAtPath(DATA, "websites.1.name"), undefined);
    assert.equal(valueAtPath(DATA, "subject.name.first"), undefined);
    assert.equal(valueAtPath({ a: null }, "a.b"), undefined);
    assert.equal(valueAtPath(undefined, "a"), undefined);
    assert.equal(valueAtPath(null, "a"), undefined);
    assert.equal(valueAtPath("text", "length"), undefined);
  });

  test("does not modify the data", () => {
    const copy = structuredClone(DATA);
    valueAtPath(DATA, "websites.0.head.mobile");
    assert.deepEqual(DATA, copy);
  });
});

describe("changedPaths", () => {
  test("equal data has no changed paths, whatever the key order", () => {
    assert.deepEqual(changedPaths(DATA, structuredClone(DATA)), []);
    assert.deepEqual(changedPaths({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }), []);
    assert.deepEqual(changedPaths(undefined, undefined), []);
    assert.deepEqual(changedPaths({}, {}), []);
  });

  test("a changed leaf is reported by its full path", () => {
    const after = structuredClone(DATA);
    after.subject!.head!.mobile = "13700137000";
    assert.deepEqual(changedPaths(DATA, after), ["subject.head.mobile"]);
  });

  test("added and removed leaves are reported", () => {
    const after = structuredClone(DATA);
    after.subject!.address = "浙江省杭州市西湖区";
    delete after.subject!.divisionCode;
    assert.deepEqual(changedPaths(DATA, after).sort(), ["subject.address", "subject.divisionCode"]);
  });

  test("a new nested object reports each of its leaves", () => {
    const after = structuredClone(DATA);
    after.websites![0]!.head = { mobile: "13900139000", name: "张三", email: "a@example.com" };
    assert.deepEqual(changedPaths(DATA, after).sort(), ["websites.0.head.email", "websites.0.head.name"]);
  });

  test("array elements are addressed by index", () => {
    const after = structuredClone(DATA);
    after.websites![0]!.languages = ["zh-CN", "en"];
    after.websites!.push({ name: "第二个", domain: "example.net" });
    assert.deepEqual(changedPaths(DATA, after).sort(), [
      "websites.0.languages.1",
      "websites.1.domain",
      "websites.1.name",
    ]);
    assert.deepEqual(changedPaths(after, DATA).sort(), changedPaths(DATA, after).sort());
  });

  test("a value that changes between leaf and object is reported at the change", () => {
    assert.deepEqual(changedPaths({ a: "x" }, { a: { b: 1 } }), ["a"]);
    assert.deepEqual(changedPaths({ a: { b: 1 } }, { a: null }), ["a"]);
    assert.deepEqual(changedPaths({ a: null }, {}), ["a"]);
  });

  test("adding or removing an empty object or array is reported", {}, () => {
    assert.deepEqual(changedPaths({ websites: [{ name: "博客" }] }, { websites: [{ name: "博客" }, {}] }), [
      "websites.1",
    ]);
    assert.deepEqual(changedPaths({ a: [] }, {}), ["a"]);
  });

  test("prefix is put in front of every path", () => {
    assert.deepEqual(changedPaths({ a: 1 }, { a: 2 }, "subject"), ["subject.a"]);
  });

  // Random data with keys that never contain a dot, so dotted paths are unambiguous.
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      tie("leaf"),
      fc.dictionary(fc.constantFrom("a", "b", "c"), tie("tree"), { maxKeys: 3 }),
      fc.array(tie("tree"), { maxLength: 3 }),
    ),
    leaf: fc.oneof(
      fc.constantFrom("", "x", "y"),
      fc.integer({ min: -2, max: 2 }),
      fc.boolean(),
      fc.constant(null),
    ),
  }));
  const root = fc.dictionary(fc.constantFrom("a", "b", "c"), tree, { maxKeys: 3 });

  function leafPaths(value: unknown, prefix = ""): string[] {
    if (value === null || typeof value !== "object") return [prefix];
    return Object.entries(value).flatMap(([key, child]) =>
      leafPaths(child, prefix ? `${prefix}.${key}` : key),
    );
  }

  test("property: every reported path differs, and every differing leaf is covered by a reported path", () => {
    fc.assert(
      fc.property(root, root, (before, after) => {
        const changed = changedPaths(before, after);
        assert.equal(new Set(changed).size, changed.length, "no duplicates");
        for (const path of changed) {
          assert.notEqual(
            JSON.stringify(valueAtPath(before, path)),
            JSON.stringify(valueAtPath(after, path)),
            `reported ${path}, but it did not change`,
          );
        }
        for (const path of new Set([...leafPaths(before), ...leafPaths(after)])) {
          if (JSON.stringify(valueAtPath(before, path)) === JSON.stringify(valueAtPath(after, path)))
            continue;
          assert.ok(
            changed.some((reported) => isPathWithin(path, reported)),
            `${path} changed but is not reported in ${JSON.stringify(changed)}`,
          );
        }
        assert.deepEqual(new Set(changedPaths(after, before)), new Set(changed), "symmetric");
        assert.deepEqual(changedPaths(before, structuredClone(before)), []);
      }),
      { numRuns: 500 },
    );
  });
});

describe("isPathWithin", () => {
  test("a path is within itself and its ancestors", () => {
    assert.equal(isPathWithin("subject.head.mobile", "subject.head.mobile"), true);
    assert.equal(isPathWithin("subject.head.mobile", "subject.head"), true);
    assert.equal(isPathWithin("subject.head.mobile", "subject"), true);
    assert.equal(isPathWithin("websites.0.head.mobile", "websites.0"), true);
  });

  test("a sibling that merely shares a prefix is not within", () => {
    assert.equal(isPathWithin("subject.headline", "subject.head"), false);
    assert.equal(isPathWithin("websites.10.name", "websites.1"), false);
    assert.equal(isPathWithin("subject", "subject.head"), false);
    assert.equal(isPathWithin("subject.name", "websites"), false);
  });
});

describe("OrderDataSchema", () => {
  test("an empty draft is valid", () => {
    assert.equal(Value.Check(OrderDataSchema, {}), true);
    assert.equal(Value.Check(OrderDataSchema, { subject: { name: "张三", divisionCode: "330106" } }), true);
  });

  test("unknown fields are refused at every level", () => {
    assert.equal(Value.Check(OrderDataSchema, { extra: 1 }), false);
    assert.equal(Value.Check(OrderDataSchema, { subject: { nickname: "三" } }), false);
    assert.equal(Value.Check(OrderDataSchema, { subject: { head: { age: 30 } } }), false);
    assert.equal(Value.Check(OrderDataSchema, { websites: [{ name: "博客", ip: "1.2.3.4" }] }), false);
  });

  test("closed lists and patterns are enforced", () => {
    assert.equal(Value.Check(OrderDataSchema, { subject: { divisionCode: "33010" } }), false);
    assert.equal(Value.Check(OrderDataSchema, { subject: { type: "company" } }), false);
    assert.equal(Value.Check(OrderDataSchema, { websites: [{ serviceContent: "shop" }] }), false);
    assert.equal(Value.Check(OrderDataSchema, { websites: Array.from({ length: 11 }, () => ({})) }), false);
    assert.equal(Value.Check(OrderDataSchema, { websites: Array.from({ length: 10 }, () => ({})) }), true);
  });
});
