import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { dataKeyId, FieldCipher, maskCertificate } from "../src/platform/crypto.ts";
import { legacySeal, legacySealBytes } from "./support/legacy-seal.ts";

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

test("values name their key; a keyring opens every key's values and seals with the current one", () => {
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
  const before = new FieldCipher(oldKey);
  const ring = new FieldCipher(newKey, [oldKey]);
  assert.equal(before.keyId, dataKeyId(oldKey));
  assert.match(before.keyId, /^[0-9a-f]{8}$/);
  assert.deepEqual(ring.previousKeyIds, [before.keyId]);
  const sealed = before.encrypt("13800138000");
  assert.ok(sealed.startsWith(`v2:${before.keyId}:`));
  assert.equal(ring.decrypt(sealed), "13800138000");
  assert.equal(ring.stateOf(sealed), "previous");
  assert.equal(ring.stateOf(ring.encrypt("x")), "current");
  assert.throws(() => new FieldCipher(newKey).decrypt(sealed), /unknown data key/);
  assert.equal(new FieldCipher(newKey).stateOf(sealed), "unknown-key");

  const resealed = ring.reseal(sealed);
  assert.ok(ring.isCurrent(resealed) && !ring.isCurrent(sealed));
  assert.equal(ring.reseal(resealed), resealed, "a current value is left as it is");
  assert.equal(new FieldCipher(newKey).decrypt(resealed), "13800138000");

  const file = before.encryptBytes(Buffer.from("照片"), "material:m1:original");
  assert.equal(ring.stateOfBytes(file), "previous");
  const refiled = ring.resealBytes(file, "material:m1:original");
  assert.ok(ring.isCurrentBytes(refiled));
  assert.deepEqual(
    new FieldCipher(newKey).decryptBytes(refiled, "material:m1:original"),
    Buffer.from("照片"),
  );

  // Lookups match rows under either key; what is stored is the current key's.
  assert.deepEqual(ring.blindIndexes("11010519491231002X"), [
    ring.blindIndex("11010519491231002X"),
    before.blindIndex("11010519491231002X"),
  ]);
  assert.equal(
    new FieldCipher(newKey, [newKey, oldKey, oldKey]).previousKeyIds.length,
    1,
    "duplicates are one key",
  );
});

test("values sealed before keys had ids open with whichever key of the ring fits, and rotate", () => {
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
  const legacy = legacySeal(oldKey, "33010619900307123X");
  const legacyFile = legacySealBytes(oldKey, Buffer.from("scan"), "material:m2:thumbnail");
  const ring = new FieldCipher(newKey, [oldKey]);
  assert.equal(ring.stateOf(legacy), "legacy");
  assert.equal(ring.decrypt(legacy), "33010619900307123X");
  assert.equal(new FieldCipher(oldKey).decrypt(legacy), "33010619900307123X");
  assert.throws(() => new FieldCipher(newKey).decrypt(legacy), /does not open/);
  assert.equal(new FieldCipher(newKey).decrypt(ring.reseal(legacy)), "33010619900307123X");
  assert.equal(ring.stateOfBytes(legacyFile), "legacy");
  assert.deepEqual(ring.decryptBytes(legacyFile, "material:m2:thumbnail"), Buffer.from("scan"));
  assert.throws(() => ring.decryptBytes(legacyFile, "material:m2:original"), /do not open/);
  assert.ok(ring.isCurrentBytes(ring.resealBytes(legacyFile, "material:m2:thumbnail")));
  assert.ok(ring.isSealed(legacy) && !ring.isSealed('{"id":1}'));
});
