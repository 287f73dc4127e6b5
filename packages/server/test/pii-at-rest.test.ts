import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS, makeResidentId, type OrderData } from "@openbeian/core";
import PDFDocument from "pdfkit";
import sharp from "sharp";
import { createLogger } from "../src/platform/logger.ts";
import { ApiClient } from "./support/client.ts";
import { personalOrder, staffClient, uniqueEmail } from "./support/factories.ts";
import { bureauApproves, regulatorEvent } from "./support/filed-order.ts";
import { photo, uploadMaterial } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { databaseValues, MemoryLog, occurrences, storedFiles } from "./support/raw-store.ts";
import { uploadForm } from "./support/upload-fixtures.ts";

/**
 * Issue 11: certificate numbers, phone numbers and photos are encrypted at rest,
 * masked in lists and absent from the logs. One full journey per engine with
 * plaintexts known in advance: real-name data, a domain held under the ID, the
 * order created and submitted with an agency token and idempotency keys, ID
 * photos and a signed PDF, an SMS phone for notifications and an extra recipient,
 * initial review with a call, MIIT's SMS through the platform's channel, bureau
 * approval into filed records, every job the worker runs (e-mail, texts,
 * webhooks), and staff searching the audit log for the number. Then the raw
 * database (every table from the catalogue, every column), every stored file
 * and the debug-level logs are searched for the plaintexts and their variants.
 */
const ID = makeResidentId("330106", "1986-11-23", "735");
const HEAD_MOBILE = "15867239041";
const EMERGENCY = "18712563490";
const ACCOUNT_PHONE = "13652418790";
const RECIPIENT_PHONE = "17790214638";
const PHONES = [HEAD_MOBILE, EMERGENCY, ACCOUNT_PHONE, RECIPIENT_PHONE];
/** A verification text: its code must be sealed like the phone it goes to. */
const SMS_TEXT = "【工信部】您的ICP备案短信核验码为604172，请在24小时内完成短信核验。";
const PDF_MARKER = "PII-PDF-MARKER-9c4e2b71";
const NAME = "王建国";

/** The certificate and phone numbers, in the forms they are typed and stored in (+86 forms contain these). */
function personalNeedles(): string[] {
  const forms = (phone: string) => [
    phone,
    `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
    `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
  ];
  return [ID, ID.slice(0, 17) /* without the check character */, ID.toLowerCase(), ...PHONES.flatMap(forms)];
}

/** …and the verification code and the PDF's marker: nothing at rest or in logs may show them either. */
function textNeedles(): string[] {
  return [...personalNeedles(), "核验码为604172", PDF_MARKER];
}

/** Distinctive pieces of a file as served (24-byte windows) and of its base64 form. */
function fileNeedles(bytes: Buffer): Buffer[] {
  const windows = [1 / 3, 1 / 2, 2 / 3].map((at) => {
    const start = Math.floor(bytes.length * at);
    return bytes.subarray(start, start + 24);
  });
  const base64 = bytes.toString("base64");
  const middle = Math.floor(base64.length / 2);
  return [...windows, Buffer.from(base64.slice(middle, middle + 40))];
}

async function distinctivePhoto(seed: number): Promise<Buffer> {
  return sharp({
    create: {
      width: 160,
      height: 120,
      channels: 3,
      background: { r: 40 + seed, g: 90, b: 200 - seed },
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 90 })
    .withMetadata({ exif: { IFD0: { ImageDescription: `${PDF_MARKER}-exif-${seed}` } } })
    .toBuffer();
}

async function markedPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", info: { Title: PDF_MARKER }, compress: false });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(12).text(`Verification form ${PDF_MARKER}`);
  doc.end();
  return done;
}

for (const engine of engines()) {
  describe(`personal data at rest, in lists and in logs (${engine})`, () => {
    const log = new MemoryLog();
    let platform: TestPlatform;
    let applicant: ApiClient;
    let reviewer: ApiClient;
    let admin: ApiClient;
    let order: { id: string; number: string };
    let agencyToken = "obt_";
    /** The stored files as the server serves them (decrypted): they must not be found at rest. */
    const served: Buffer[] = [];
    const uploaded: Buffer[] = [];

    before(async () => {
      platform = await startTestPlatform(engine, {
        logger: createLogger("trace", log.stream),
        regulatorUrl: "http://127.0.0.1:9/",
      });
      // No regulator listens there: the submission's delivery fails (and is logged) like an outage.
      reviewer = await staffClient(platform);
      admin = await staffClient(platform, "admin");
      applicant = new ApiClient(platform.app);
      await applicant.signUp(uniqueEmail("pii"), "Passw0rd!2026", NAME);
      const ok = (response: { status: number; body: unknown }, status = 200) =>
        assert.equal(response.status, status, JSON.stringify(response.body));

      ok(await applicant.put("/api/account/identity", { name: NAME, certificateNumber: ID }));
      const now = platform.clock.now().getTime();
      const domain = `pii-${Date.now().toString(36)}.cn`;
      ok(
        await applicant.post("/api/domains", {
          name: domain,
          holderName: NAME,
          holderCertificateNumber: ID,
          realNameVerifiedAt: new Date(now - 10 * DAY_MS).toISOString(),
          expiresAt: new Date(now + 365 * DAY_MS).toISOString(),
        }),
        201,
      );
      const server = await applicant.post("/api/servers", {
        instanceId: `i-pii-${Date.now().toString(36)}`,
        region: "cn-hangzhou",
        product: "ecs.e-c1m2.large",
        billingType: "subscription",
        paidFrom: new Date(now - DAY_MS).toISOString(),
        paidUntil: new Date(now + 364 * DAY_MS).toISOString(),
        autoRenew: false,
        publicIp: "47.96.10.20",
      });
      ok(server, 201);
      ok(await applicant.put("/api/notification-preferences", { phone: `+86 ${ACCOUNT_PHONE}` }));
      ok(
        await applicant.post("/api/recipients", {
          name: "李会计",
          role: "finance",
          email: "finance@example.cn",
          phone: RECIPIENT_PHONE,
          emailGroups: ["order"],
          smsGroups: ["order", "sms"],
        }),
        201,
      );
      ok(await applicant.post("/api/webhooks", { url: "http://127.0.0.1:9/hook", events: ["order.*"] }), 201);
      agencyToken = (await applicant.post("/api/tokens", { name: "ERP", scopes: ["read", "file"] })).body
        .token;
      const token = agencyToken;

      // The agency creates and submits with idempotency keys; each retry replays the stored answer.
      const agency = new ApiClient(platform.app);
      const asAgency = (url: string, body: unknown, key: string) =>
        agency.request("POST", url, body, { authorization: `Bearer ${token}`, "idempotency-key": key });
      const data = orderData(domain, server.body.serviceCodes[0].code as string);
      const created = await asAgency("/api/orders", { data }, "pii-create");
      ok(created, 201);
      assert.deepEqual((await asAgency("/api/orders", { data }, "pii-create")).body, created.body);
      order = { id: created.body.id, number: created.body.number };

      const photos = [await distinctivePhoto(1), await distinctivePhoto(2), await photo()];
      const kinds = ["id_front", "id_back", "face_capture"];
      for (const [index, kind] of kinds.entries()) {
        const material = await uploadMaterial(applicant, order.id, kind, photos[index]);
        uploaded.push(photos[index]!);
        served.push((await applicant.binary("GET", material.url)).body);
        if (material.thumbnailUrl) served.push((await applicant.binary("GET", material.thumbnailUrl)).body);
      }
      const pdf = await markedPdf();
      assert.ok(pdf.includes(PDF_MARKER), "the marker is readable in the PDF as uploaded");
      const form = await applicant.binary(
        "POST",
        `/api/orders/${order.id}/materials`,
        uploadForm("verification_form", pdf, "核验单.pdf", "application/pdf"),
      );
      assert.equal(form.status, 201, form.body.toString());
      uploaded.push(pdf);

      const submit = () =>
        asAgency(`/api/orders/${order.id}/submit`, { version: created.body.version }, "pii-submit");
      const submitted = await submit();
      ok(submitted);
      assert.deepEqual((await submit()).body, submitted.body);

      const queue = await reviewer.get("/api/review/orders");
      ok(queue);
      ok(
        await reviewer.post(`/api/review/orders/${order.id}/calls`, {
          outcome: "answered",
          note: `已致电 ${HEAD_MOBILE}，${NAME}本人确认（证件 ${ID}）`,
        }),
        201,
      );
      ok(await reviewer.post(`/api/review/orders/${order.id}/approve`, { version: submitted.body.version }));

      const sms = await new ApiClient(platform.app).request(
        "POST",
        "/api/internal/sms",
        { messageId: "pii-sms-1", orderNumber: order.number, mobile: `+86 158-6723-9041`, text: SMS_TEXT },
        { authorization: `Bearer ${platform.regulatorToken}` },
      );
      ok(sms);
      ok(await regulatorEvent(platform, order.number, { type: "sms_sent" }));
      ok(await regulatorEvent(platform, order.number, { type: "sms_verified" }));
      await bureauApproves(platform, order.number, domain);
      for (let round = 0; round < 10 && (await platform.worker.runDue()) > 0; round++);

      // Staff look the number up in the audit log (the query string reaches the request log).
      ok(await admin.get(`/api/audit?q=${HEAD_MOBILE}`));
      ok(await admin.get(`/api/audit?q=${encodeURIComponent(`+86 ${ACCOUNT_PHONE}`)}`));
      ok(await admin.get(`/api/audit?q=${ID}`));
    });
    after(() => platform.close());

    test("the raw database holds none of the plaintexts, in any table or column", async () => {
      const values = await databaseValues(platform.ctx.db, platform.ctx.engine);
      assert.ok(values.length > 500, `the journey wrote data (${values.length} values)`);
      const tables = new Set(values.map((value) => value.where.split(".")[0]));
      for (const table of ["subject", "website", "filing_order", "material", "dev_sms", "sms_message", "job"])
        assert.ok(tables.has(table), `${table} has rows`);
      const needles = [...textNeedles(), ...served.flatMap(fileNeedles), ...uploaded.flatMap(fileNeedles)];
      assert.deepEqual(occurrences(values, needles), []);
    });

    test("no stored file holds a photo, the PDF or its marker", () => {
      const files = storedFiles(platform.storageDir);
      assert.ok(files.length >= 7, `originals and thumbnails are stored (${files.length} files)`);
      const needles = [...textNeedles(), ...served.flatMap(fileNeedles), ...uploaded.flatMap(fileNeedles)];
      assert.deepEqual(occurrences(files, needles), []);
      for (const file of files)
        assert.ok(!file.bytes.subarray(0, 4).equals(Buffer.from([0xff, 0xd8, 0xff, 0xe0])));
    });

    test("the journey's logs, at trace level, name no certificate or phone number", () => {
      const lines = log.lines();
      assert.ok(lines.length > 50, `requests and jobs were logged (${lines.length} lines)`);
      assert.ok(
        lines.some((line) => line.level === 10),
        "trace lines are in",
      );
      assert.ok(
        lines.some((line) =>
          String((line.req as { url?: string } | undefined)?.url).startsWith("/api/audit?q="),
        ),
        "the searches were logged",
      );
      const secrets = ["ob_session=", agencyToken];
      assert.deepEqual(
        occurrences([{ where: "logs", bytes: Buffer.from(log.text()) }], [...textNeedles(), ...secrets]),
        [],
      );
    });

    test("lists show the numbers masked", async () => {
      const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
      const lists: Record<string, unknown> = {
        orders: (await applicant.get("/api/orders")).body,
        websites: (await applicant.get("/api/websites")).body,
        notifications: (await applicant.get("/api/notifications")).body,
        account: (await applicant.get("/api/account")).body,
        recipients: (await applicant.get("/api/recipients")).body,
        preferences: (await applicant.get("/api/notification-preferences")).body,
        sms: (await applicant.get(`/api/orders/${order.id}/sms`)).body,
        queue: (await reviewer.get("/api/review/orders?state=approved")).body,
        trail: (await reviewer.get(`/api/review/orders/${order.id}/audit`)).body,
        audit: (await admin.get("/api/audit?limit=200")).body,
        devSms: (await admin.get("/api/dev/sms")).body,
        devMail: (await admin.get("/api/dev/mailbox")).body,
        publicLookup: (await new ApiClient(platform.app).get(`/api/public/filings?q=${order.number}`)).body,
      };
      for (const [name, body] of Object.entries(lists)) {
        // (The phone panel shows the owner MIIT's text, code included: that is what it is for.)
        const bytes = Buffer.from(JSON.stringify(body));
        assert.deepEqual(occurrences([{ where: name, bytes }], personalNeedles()), []);
      }
      const text = (name: string) => JSON.stringify(lists[name]);
      assert.match(text("account"), new RegExp(`"330\\*{11}${ID.slice(-4)}"`));
      assert.match(text("recipients"), new RegExp(`"${masked(RECIPIENT_PHONE).replace(/\*/g, "\\*")}"`));
      assert.match(text("preferences"), new RegExp(`"${masked(ACCOUNT_PHONE).replace(/\*/g, "\\*")}"`));
      assert.match(text("sms"), new RegExp(`"${masked(HEAD_MOBILE).replace(/\*/g, "\\*")}"`));
      assert.match(text("devSms"), new RegExp(masked(RECIPIENT_PHONE).replace(/\*/g, "\\*")));
    });
  });
}

function orderData(domain: string, serviceCode: string): OrderData {
  const data = personalOrder(
    { certificateNumber: ID, mobile: HEAD_MOBILE, domain, serviceCodes: [serviceCode] },
    NAME,
  );
  for (const head of [data.subject!.head!, ...data.websites!.map((website) => website.head!)]) {
    head.emergencyPhone = EMERGENCY;
    head.email = "wangjianguo@example.cn";
  }
  return data;
}
