import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { FieldCipher, maskCertificate } from "../src/platform/crypto.ts";

test("values round-trip, differ on every encryption and reveal nothing", () => {
  const cipher = new FieldCipher(randomBytes(32));
  const first = cipher.encrypt("330106199003071235");
  const second = cipher.encrypt("330106199003071235");
  assert.notEqual(first, second);
  assert.doesNotMatch(first, /3301/);
  assert.equal(cipher.decrypt(first), "330106199003071235");
  assert.deepEqual(cipher.decryptJson(cipher.encryptJson({ mobile: "13800138000" })), {
    mobile: "13800138000",
  });
});

test("a tampered value or another key is refused", () => {
  const cipher = new FieldCipher(randomBytes(32));
  const sealed = cipher.encrypt("13800138000");
  const parts = sealed.split(":");
  parts[3] = Buffer.from("13900139000").toString("base64url");
  assert.throws(() => cipher.decrypt(parts.join(":")));
  assert.throws(() => new FieldCipher(randomBytes(32)).decrypt(sealed));
  assert.throws(() => cipher.decrypt("plain text"), /not an encrypted value/);
  assert.throws(() => new FieldCipher(randomBytes(16)), /32 bytes/);
});

test("the blind index matches equal certificates whatever the case, and differs by key", () => {
  const key = randomBytes(32);
  const cipher = new FieldCipher(key);
  assert.equal(cipher.blindIndex("11010519491231002x"), cipher.blindIndex(" 11010519491231002X "));
  assert.notEqual(
    cipher.blindIndex("11010519491231002X"),
    new FieldCipher(randomBytes(32)).blindIndex("11010519491231002X"),
  );
});

test("certificate numbers are masked to the region and the last four", () => {
  assert.equal(maskCertificate("33010619900307123X"), "330***********123X");
  assert.equal(maskCertificate("12345"), "*****");
});

test("file bytes are sealed with their own key and bound to their context", () => {
  const key = randomBytes(32);
  const cipher = new FieldCipher(key);
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from("身份证照片")]);
  const sealed = cipher.encryptBytes(bytes, "material:m1:original");
  assert.ok(!sealed.includes(bytes.subarray(0, 3)));
  assert.notDeepEqual(sealed, cipher.encryptBytes(bytes, "material:m1:original"));
  assert.deepEqual(cipher.decryptBytes(sealed, "material:m1:original"), bytes);
  assert.throws(() => cipher.decryptBytes(sealed, "material:m2:original"));
  assert.throws(() => new FieldCipher(randomBytes(32)).decryptBytes(sealed, "material:m1:original"));
  const tampered = Buffer.from(sealed);
  tampered[tampered.length - 1]! ^= 1;
  assert.throws(() => cipher.decryptBytes(tampered, "material:m1:original"));
  assert.throws(() => cipher.decryptBytes(bytes), /not encrypted bytes/);
});
