import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { ConfigError, loadConfig } from "../src/platform/config.ts";
import { productionDeliveryCheck } from "../src/platform/notify-config.ts";

/** BEIAN_SMTP_URL, BEIAN_MAIL_FROM, BEIAN_SMS_URL / _TOKEN: checked at start, errors say how to fix them. */
describe("mail and SMS settings", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "beian-notify-config-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ flags: { dataDir }, env });

  test("defaults: the development mailbox and SMS table", () => {
    const config = load({});
    assert.deepEqual(config.mail, { smtpUrl: null, from: "OpenBeian <noreply@localhost>" });
    assert.equal(config.sms, null);
  });

  test("SMTP and an SMS provider when set", () => {
    const config = load({
      BEIAN_SMTP_URL: "smtps://mailer:s3cret@smtp.example.cn:465",
      BEIAN_MAIL_FROM: "备案中心 <beian@example.cn>",
      BEIAN_SMS_URL: "https://sms.example.cn/send",
      BEIAN_SMS_TOKEN: "token-123",
    });
    assert.deepEqual(config.mail, {
      smtpUrl: "smtps://mailer:s3cret@smtp.example.cn:465",
      from: "备案中心 <beian@example.cn>",
    });
    assert.deepEqual(config.sms, { url: "https://sms.example.cn/send", token: "token-123" });
  });

  test("bad values are refused with the setting's name, never echoing the SMTP password", () => {
    const refused = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(
        () => load(env),
        (error: unknown) => error instanceof ConfigError && pattern.test(error.message),
      );
    refused(
      { BEIAN_SMTP_URL: "http://mailer:s3cret@smtp.example.cn" },
      /BEIAN_SMTP_URL must start with smtp:\/\//,
    );
    assert.throws(
      () => load({ BEIAN_SMTP_URL: "imap://mailer:s3cret@smtp.example.cn" }),
      (error: unknown) => error instanceof Error && !error.message.includes("s3cret"),
    );
    refused({ BEIAN_SMTP_URL: "not a url" }, /BEIAN_SMTP_URL must be a URL/);
    refused({ BEIAN_MAIL_FROM: "OpenBeian" }, /BEIAN_MAIL_FROM must be an address/);
    refused({ BEIAN_SMS_URL: "https://sms.example.cn/send" }, /BEIAN_SMS_URL needs BEIAN_SMS_TOKEN/);
    refused({ BEIAN_SMS_TOKEN: "t" }, /BEIAN_SMS_TOKEN is set but BEIAN_SMS_URL is not/);
    refused(
      { BEIAN_SMS_URL: "ftp://sms.example.cn", BEIAN_SMS_TOKEN: "t" },
      /BEIAN_SMS_URL must start with http/,
    );
  });

  test("production refuses the development mailbox and warns about the development SMS table", () => {
    const dev = { smtpUrl: null, from: "OpenBeian <noreply@localhost>" };
    const smtp = { ...dev, smtpUrl: "smtp://mail.example.cn:587" };
    const sms = { url: "https://sms.example.cn/send", token: "t" };
    assert.deepEqual(productionDeliveryCheck("demo", dev, null), { refusal: null, warnings: [] });
    const refused = productionDeliveryCheck("production", dev, sms);
    assert.match(refused.refusal ?? "", /BEIAN_SMTP_URL/);
    assert.match(refused.refusal ?? "", /password-reset/);
    const warned = productionDeliveryCheck("production", smtp, null);
    assert.equal(warned.refusal, null);
    assert.match(warned.warnings.join(), /BEIAN_SMS_URL/);
    assert.deepEqual(productionDeliveryCheck("production", smtp, sms), { refusal: null, warnings: [] });
  });
});
