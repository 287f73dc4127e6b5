import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DAY_MS, type OrderData } from "@openbeian/core";
import sharp from "sharp";
import type { ApiClient } from "./support/client.ts";
import { readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder, regulatorEvent } from "./support/filed-order.ts";
import { uploadMaterial, uploadStandardMaterials } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { uploadForm } from "./support/upload-fixtures.ts";

/**
 * APP备案 (issue 9) through the API: the app is filed under the subject as it
 * stands, its identifiers are checked (package name, signature MD5, bundle ID,
 * certificate SHA-1, domains), the icon must be an image of at most 100 KB, and
 * the bureau's number carries the -NA suffix under the subject number.
 */
const APP = {
  name: "张三记账本",
  platforms: ["android", "ios"],
  android: {
    packageName: "cn.zhangsan.ledger",
    publicKey: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0Z3VS5JJcds3xfn/ygWyF0qJVAYRz",
    signatureMd5: "3a:9f:12:0b:7c:44:de:01:92:ab:cd:ef:10:32:54:76",
  },
  ios: { bundleId: "cn.zhangsan.ledger", certificateSha1: "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678" },
  domains: ["api.zhangsan-ledger.cn"],
  serviceContent: "个人记账工具，数据仅保存在用户本机，不涉及经营性内容",
};

for (const engine of engines()) {
  describe(`app filing (${engine})`, () => {
    let platform: TestPlatform;
    let applicant: ReadyApplicant;
    let reviewer: ApiClient;
    let subjectNumber: string;

    before(async () => {
      platform = await startTestPlatform(engine, { sessionTtlMs: 400 * DAY_MS });
      applicant = await readyApplicant(platform);
      reviewer = await staffClient(platform);
      subjectNumber = (await filedOrder(platform, applicant, reviewer)).numbers.subjectNumber;
    });
    after(() => platform.close());

    test("an app is checked, filed under the subject and numbered -NA", async () => {
      const filing = (await applicant.client.post("/api/orders", { type: "change" })).body as {
        id: string;
        version: number;
        data: OrderData;
      };
      await applicant.client.post(`/api/orders/${filing.id}/abandon`, { version: filing.version });
      const head = filing.data.subject!.head!;
      const wrong = {
        ...APP,
        head,
        android: { ...APP.android, signatureMd5: "not-a-digest" },
        ios: { bundleId: "ledger" },
      };
      const created = await applicant.client.post("/api/orders", { type: "app", data: { app: wrong } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const order = created.body as { id: string; number: string; version: number; data: OrderData };
      assert.equal(
        order.data.subject?.certificateNumber,
        applicant.certificateNumber,
        "the subject as filed",
      );
      const codes = (created.body.problems as Array<{ ruleId: string }>).map((problem) => problem.ruleId);
      for (const code of ["app.signatureMd5_invalid", "app.bundleId_invalid", "required"]) {
        assert.ok(codes.includes(code), `${code} in ${codes.join(", ")}`);
      }

      const saved = await applicant.client.put(`/api/orders/${order.id}/data`, {
        version: order.version,
        data: { ...order.data, app: { ...APP, head } },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const big = await sharp(randomBytes(300 * 300 * 3), { raw: { width: 300, height: 300, channels: 3 } })
        .png()
        .toBuffer();
      const tooLarge = await applicant.client.binary(
        "POST",
        `/api/orders/${order.id}/materials`,
        uploadForm("app_icon", big, "icon.png"),
      );
      assert.equal(tooLarge.status, 413, tooLarge.body.toString());
      assert.equal(tooLarge.json().code, "APP_ICON_TOO_LARGE");
      await uploadStandardMaterials(applicant.client, order.id);
      await uploadMaterial(applicant.client, order.id, "app_icon");
      const ready = (await applicant.client.get(`/api/orders/${order.id}`)).body;
      assert.deepEqual(
        (ready.problems as Array<{ ruleId: string; severity: string }>).filter(
          (problem) => problem.severity === "error",
        ),
        [],
        "complete",
      );

      const submitted = await applicant.client.post(`/api/orders/${order.id}/submit`, {
        version: ready.version,
        acknowledgeWarnings: true,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      const approved = await reviewer.post(`/api/review/orders/${order.id}/approve`, {
        version: submitted.body.version,
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.regulatorType, "app", "MIIT receives it as an app filing");
      const appNumber = `${subjectNumber}-2A`;
      const event = (body: { type: string; numbers?: unknown }) =>
        regulatorEvent(platform, order.number, body);
      for (const body of [{ type: "sms_sent" }, { type: "sms_verified" }]) {
        const answer = await event(body);
        assert.equal(answer.status, 200, `${body.type}: ${JSON.stringify(answer.body)}`);
      }
      // Sent while the bureau still reviews the order, so only the number's form can refuse it.
      const wrongNumber = await event({
        type: "bureau_approved",
        numbers: { subjectNumber, websiteNumbers: {}, appNumber: `${subjectNumber}-3` },
      });
      assert.notEqual(wrongNumber.status, 200, "an app number needs the A suffix");
      const answer = await event({
        type: "bureau_approved",
        numbers: { subjectNumber, websiteNumbers: {}, appNumber },
      });
      assert.equal(answer.status, 200, `bureau_approved: ${JSON.stringify(answer.body)}`);
      const apps = (await applicant.client.get("/api/apps")).body.items as Array<Record<string, unknown>>;
      assert.equal(apps.length, 1);
      assert.equal(apps[0]!.appNumber, appNumber);
      assert.deepEqual(apps[0]!.platforms, ["android", "ios"]);
      await platform.worker.runDue();
      const inbox = (await applicant.client.get("/api/notifications")).body.items as Array<{
        title: { zh: string };
      }>;
      assert.ok(
        inbox.some((item) => item.title.zh.includes(appNumber)),
        "the owner is told the app number",
      );
    });
  });
}
