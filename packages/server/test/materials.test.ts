import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { findPdfFont } from "../src/materials/documents/font.ts";
import type { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import {
  PDF_MARKER,
  SECRET,
  form,
  makeFixtures,
  uploadForm,
  type Fixtures,
} from "./support/upload-fixtures.ts";

/**
 * Uploads of filing materials: what is accepted and what is refused (by the
 * bytes, not the name), images re-encoded without metadata, files encrypted at
 * rest, one material per kind, ownership, reviewers' access, the editable
 * states, the audit trail, and the generated forms.
 */
let fx: Fixtures;
before(async () => {
  fx = await makeFixtures();
});

const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

function storedFiles(platform: TestPlatform): Buffer[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  return walk(platform.storageDir).map((path) => readFileSync(path));
}

for (const engine of engines()) {
  describe(`materials (${engine})`, () => {
    let platform: TestPlatform;
    let applicant: ReadyApplicant;
    let other: ReadyApplicant;
    let reviewer: ApiClient;
    let orderId: string;
    let otherOrderId: string;
    const uploaded: Record<string, { id: string; url: string; thumbnailUrl: string | null }> = {};

    before(async () => {
      platform = await startTestPlatform(engine);
      applicant = await readyApplicant(platform);
      other = await readyApplicant(platform, "李四");
      reviewer = await staffClient(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      orderId = created.body.id;
      const theirs = await other.client.post("/api/orders", { data: personalOrder(other, "李四") });
      otherOrderId = theirs.body.id;
    });
    after(() => platform.close());

    const upload = (request: ReturnType<typeof form>, client = applicant.client, id = orderId) =>
      client.binary("POST", `/api/orders/${id}/materials`, request);
    const rowCount = async () =>
      Number(
        (
          await platform.ctx.db
            .selectFrom("material")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test("JPEG, PNG and PDF are accepted; images get a JPEG thumbnail, PDFs none", async () => {
      const cases = [
        { kind: "id_front", data: fx.jpeg, name: "身份证正面.jpg", type: "image/jpeg" },
        { kind: "id_back", data: fx.png, name: "back.png", type: "image/png" },
        { kind: "verification_form", data: fx.pdf, name: "核验单.pdf", type: "application/pdf" },
      ];
      for (const item of cases) {
        const response = await upload(uploadForm(item.kind, item.data, item.name, item.type));
        assert.equal(response.status, 201, response.body.toString());
        const body = response.json();
        assert.deepEqual(Object.keys(body).sort(), [
          "contentType",
          "createdAt",
          "id",
          "kind",
          "originalName",
          "sizeBytes",
          "thumbnailUrl",
          "url",
        ]);
        assert.equal(body.kind, item.kind);
        assert.equal(body.contentType, item.type);
        assert.equal(body.originalName, item.name);
        assert.equal(body.url, `/api/orders/${orderId}/materials/${body.id}`);
        assert.equal(
          body.thumbnailUrl,
          item.type === "application/pdf" ? null : `${body.url}?variant=thumbnail`,
        );
        uploaded[item.kind] = body;
      }
      const pdf = await applicant.client.binary("GET", uploaded.verification_form!.url);
      assert.deepEqual(pdf.body, fx.pdf, "a PDF is kept byte for byte");
      assert.equal(
        (await applicant.client.binary("GET", `${uploaded.verification_form!.url}?variant=thumbnail`)).status,
        404,
      );

      const thumbnail = await applicant.client.binary("GET", uploaded.id_back!.thumbnailUrl!);
      assert.equal(thumbnail.status, 200);
      assert.equal(thumbnail.headers["content-type"], "image/jpeg");
      const meta = await sharp(thumbnail.body).metadata();
      assert.equal(meta.format, "jpeg");
      assert.ok(meta.width! <= 320 && meta.height! <= 320);

      const list = await applicant.client.get(`/api/orders/${orderId}/materials`);
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items.map((item: { kind: string }) => item.kind).sort(), [
        "id_back",
        "id_front",
        "verification_form",
      ]);
      assert.ok(Array.isArray(list.body.required));
    });

    test("images are turned upright and re-encoded without their metadata", async () => {
      assert.ok(fx.jpeg.includes(SECRET), "the fixture carries the EXIF secret");
      const stored = await applicant.client.binary("GET", uploaded.id_front!.url);
      assert.equal(stored.status, 200);
      assert.ok(!stored.body.includes(SECRET));
      const meta = await sharp(stored.body).metadata();
      assert.equal(meta.format, "jpeg");
      assert.equal(meta.exif, undefined);
      assert.equal(meta.icc, undefined);
      assert.deepEqual([meta.width, meta.height], [480, 640], "EXIF orientation 6 applied");
    });

    test("downloads carry headers that keep a file opened on its own inert", async () => {
      const response = await applicant.client.binary("GET", uploaded.id_front!.url);
      assert.equal(response.headers["content-type"], "image/jpeg");
      assert.equal(response.headers["x-content-type-options"], "nosniff");
      assert.equal(response.headers["cache-control"], "private, no-store");
      assert.equal(response.headers["content-security-policy"], "default-src 'none'");
      assert.match(
        String(response.headers["content-disposition"]),
        /^inline; filename="[A-Za-z0-9._-]+\.jpg"/,
      );
      assert.match(String(response.headers["content-disposition"]), /filename\*=UTF-8''%E8%BA%AB/);
    });

    test("the type is read from the bytes: disguised HTML, SVG, GIF and polyglots are refused", async () => {
      const refused = [
        { data: fx.html, name: "photo.jpg", type: "image/jpeg" },
        { data: fx.svg, name: "photo.svg", type: "image/svg+xml" },
        { data: fx.svg, name: "photo.png", type: "image/png" },
        { data: fx.gif, name: "form.pdf", type: "application/pdf" },
        { data: fx.pngHeaderHtml, name: "photo.png", type: "image/png" },
      ];
      for (const item of refused) {
        const response = await upload(uploadForm("id_front", item.data, item.name, item.type));
        assert.equal(response.status, 415, `${item.name}: ${response.body.toString()}`);
        assert.equal(response.json().code, "UPLOAD_TYPE_NOT_ALLOWED");
      }
      // A real PNG with a script after its end is accepted, but only its pixels are kept.
      const polyglot = await upload(uploadForm("face_capture", fx.pngWithScript, "face.png", "text/html"));
      assert.equal(polyglot.status, 201, polyglot.body.toString());
      assert.equal(polyglot.json().contentType, "image/png");
      const stored = await applicant.client.binary("GET", polyglot.json().url);
      assert.ok(stored.body.subarray(0, 4).equals(PNG_MAGIC));
      assert.ok(!stored.body.includes("<script>"));
      uploaded.face_capture = polyglot.json();
    });

    test("PDFs with scripts or launch actions, or without a document, are refused", async () => {
      for (const data of [fx.pdfJavaScript, fx.pdfLaunchEscaped, fx.pdfHiddenAction]) {
        const response = await upload(uploadForm("commitment_letter", data, "letter.pdf", "application/pdf"));
        assert.equal(response.status, 422, response.body.toString());
        assert.equal(response.json().code, "UPLOAD_PDF_ACTIVE_CONTENT");
      }
      const fake = await upload(
        uploadForm("commitment_letter", fx.pdfHeaderHtml, "letter.pdf", "application/pdf"),
      );
      assert.equal(fake.status, 422);
      assert.equal(fake.json().code, "UPLOAD_UNREADABLE");
      // Page content that happens to spell /JS is drawing data, not an action.
      const innocent = await upload(
        uploadForm("commitment_letter", fx.pdfInnocentStream, "letter.pdf", "application/pdf"),
      );
      assert.equal(innocent.status, 201, innocent.body.toString());
    });

    test("a decompression bomb is refused before it is decoded", async () => {
      assert.ok(fx.bomb.length < 4 * 1024 * 1024, `the bomb is ${fx.bomb.length} bytes on disk`);
      const response = await upload(uploadForm("id_front", fx.bomb, "bomb.png", "image/png"));
      assert.equal(response.status, 422, response.body.toString());
      assert.equal(response.json().code, "UPLOAD_UNREADABLE");
      assert.equal(response.json().details.reason, "too_many_pixels");
    });

    test("a photo of a few megabytes is accepted (the JSON body limit does not apply)", async () => {
      assert.ok(fx.largePhoto.length > 1024 * 1024);
      const response = await upload(uploadForm("domain_certificate", fx.largePhoto));
      assert.equal(response.status, 201, response.body.toString());
    });

    test("a file over 4 MB is refused with 413 and nothing is stored", async () => {
      const rows = await rowCount();
      const files = storedFiles(platform).length;
      const response = await upload(uploadForm("id_front", fx.oversized));
      assert.equal(response.status, 413);
      assert.equal(response.json().code, "UPLOAD_TOO_LARGE");
      assert.equal(await rowCount(), rows);
      assert.equal(storedFiles(platform).length, files);
    });

    test("unknown kinds, a missing kind or file, and a kind after the file are refused", async () => {
      const unknown = await upload(uploadForm("passport_of_cat", fx.jpeg));
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json().code, "MATERIAL_KIND_UNKNOWN");
      const noFile = await upload(form([{ name: "kind", value: "id_front" }]));
      assert.equal(noFile.status, 400);
      assert.equal(noFile.json().code, "VALIDATION_FAILED");
      assert.equal(noFile.json().details.field, "file");
      const late = await upload(
        form([
          { name: "file", file: { filename: "a.jpg", contentType: "image/jpeg", data: fx.jpeg } },
          { name: "kind", value: "id_front" },
        ]),
      );
      assert.equal(late.status, 400);
      assert.equal(late.json().details.field, "kind");
      const json = await applicant.client.post(`/api/orders/${orderId}/materials`, { kind: "id_front" });
      assert.equal(json.status, 400);
      assert.equal(json.body.code, "VALIDATION_FAILED");
    });

    test("an upload without the CSRF header is refused like any other change", async () => {
      const request = uploadForm("id_front", fx.jpeg);
      const response = await applicant.client.binary("POST", `/api/orders/${orderId}/materials`, {
        payload: request.payload,
        headers: { ...request.headers, "x-csrf-token": "forged" },
      });
      assert.equal(response.status, 403);
      assert.equal(response.json().code, "CSRF_FAILED");
    });

    test("the original name is display text only: folders and control characters are refused", async () => {
      const response = await upload(
        uploadForm("certificate_scan", fx.png, "../../etc/pass\u0007wd.png", "image/png"),
      );
      assert.equal(response.status, 400, response.body.toString());
      assert.equal(response.json().code, "UPLOAD_FILE_NAME_INVALID");
      const long = await upload(
        uploadForm("residence_permit", fx.png, `${"长".repeat(150)}.png`, "image/png"),
      );
      assert.equal(Array.from(long.json().originalName as string).length, 100);
    });

    test("one material per kind: a new upload replaces the old one and its files", async () => {
      const files = storedFiles(platform).length;
      const first = uploaded.id_front!;
      const second = await upload(uploadForm("id_front", fx.png, "again.png", "image/png"));
      assert.equal(second.status, 201);
      assert.notEqual(second.json().id, first.id);
      assert.equal(storedFiles(platform).length, files, "the old file and thumbnail are gone");
      assert.equal((await applicant.client.binary("GET", first.url)).status, 404);
      const list = await applicant.client.get(`/api/orders/${orderId}/materials`);
      assert.equal(list.body.items.filter((item: { kind: string }) => item.kind === "id_front").length, 1);
      uploaded.id_front = second.json();
    });

    test("a material can be deleted while the order is editable", async () => {
      const target = await upload(uploadForm("phone_bills", fx.jpeg));
      const files = storedFiles(platform).length;
      const removed = await applicant.client.binary("DELETE", target.json().url);
      assert.equal(removed.status, 204);
      assert.equal(storedFiles(platform).length, files - 2);
      assert.equal((await applicant.client.binary("GET", target.json().url)).status, 404);
      assert.equal((await applicant.client.binary("DELETE", target.json().url)).status, 404);
    });

    test("the files at rest are ciphertext", async () => {
      const files = storedFiles(platform);
      assert.ok(files.length >= 6);
      for (const bytes of files) {
        assert.ok(!bytes.subarray(0, 3).equals(JPEG_MAGIC));
        assert.ok(!bytes.subarray(0, 4).equals(PNG_MAGIC));
        assert.ok(!bytes.includes("%PDF"));
        assert.ok(!bytes.includes(PDF_MARKER));
        assert.ok(!bytes.includes("JFIF"));
      }
    });

    test("uploads, replacements and deletions are audited without names or contents", async () => {
      const rows = await platform.ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity", "=", "material")
        .execute();
      const actions = new Set(rows.map((row) => row.action));
      assert.deepEqual([...actions].sort(), ["delete", "replace", "upload"]);
      for (const row of rows) {
        assert.equal(row.account_id !== null, true);
        assert.doesNotMatch(row.detail, /passwd|身份证|again|长|secret/);
        assert.equal(JSON.parse(row.detail).orderId, orderId);
      }
    });

    test("other accounts' orders and materials are not found", async () => {
      const mine = uploaded.id_back!;
      const theirs = other.client;
      assert.equal((await theirs.get(`/api/orders/${orderId}/materials`)).status, 404);
      assert.equal((await theirs.binary("GET", mine.url)).status, 404);
      assert.equal((await theirs.binary("DELETE", mine.url)).status, 404);
      assert.equal((await upload(uploadForm("id_front", fx.jpeg), theirs)).status, 404);
      assert.equal(
        (await theirs.binary("GET", `/api/orders/${orderId}/documents/verification-form.pdf`)).status,
        404,
      );
      // A material id under an order it does not belong to is not found either.
      assert.equal(
        (await theirs.binary("GET", `/api/orders/${otherOrderId}/materials/${mine.id}`)).status,
        404,
      );
      // Applicants cannot use the review console's routes.
      assert.equal((await applicant.client.get(`/api/review/orders/${orderId}/materials`)).status, 403);
    });

    test("reviewers list the materials and download files and thumbnails", async () => {
      const list = await reviewer.get(`/api/review/orders/${orderId}/materials`);
      assert.equal(list.status, 200);
      const front = list.body.items.find((item: { kind: string }) => item.kind === "id_front");
      assert.equal(front.url, `/api/review/orders/${orderId}/materials/${front.id}`);
      assert.ok(Array.isArray(list.body.required));
      const file = await reviewer.binary("GET", front.url);
      assert.equal(file.status, 200);
      assert.equal(file.headers["content-type"], "image/png");
      const thumbnail = await reviewer.binary("GET", front.thumbnailUrl);
      assert.equal(thumbnail.status, 200);
      assert.ok(thumbnail.body.subarray(0, 3).equals(JPEG_MAGIC));
      assert.equal(
        (await reviewer.binary("GET", `/api/orders/${orderId}/materials/${front.id}`)).status,
        403,
      );
    });

    test("the verification form and the commitment letter are generated as PDFs", async (t) => {
      let fontInstalled = true;
      try {
        findPdfFont();
      } catch {
        fontInstalled = false;
      }
      const number = (await applicant.client.get(`/api/orders/${orderId}`)).body.number as string;
      for (const document of ["verification-form.pdf", "commitment-letter.pdf"]) {
        const response = await applicant.client.binary("GET", `/api/orders/${orderId}/documents/${document}`);
        if (!fontInstalled) {
          t.diagnostic("no CJK font installed: expecting PDF_FONT_MISSING");
          assert.equal(response.status, 503);
          assert.equal(response.json().code, "PDF_FONT_MISSING");
          continue;
        }
        assert.equal(response.status, 200, response.body.toString().slice(0, 300));
        assert.equal(response.headers["content-type"], "application/pdf");
        assert.equal(response.headers["content-security-policy"], "default-src 'none'");
        assert.equal(response.body.subarray(0, 5).toString("latin1"), "%PDF-");
        assert.ok(response.body.includes(number), "the order number is in the document's properties");
        // The Chinese text is there: the font's map back to Unicode lists 备 (5907) and 案 (6848).
        const text = inflatedStreams(response.body);
        assert.match(text, /<5907>/i);
        assert.match(text, /<6848>/i);
        // Printed, signed and scanned it becomes a material; as generated it passes the PDF checks too.
        const back = await upload(
          uploadForm("commitment_letter", response.body, document, "application/pdf"),
        );
        assert.equal(back.status, 201, back.body.toString());
      }
      assert.equal(
        (await applicant.client.binary("GET", `/api/orders/${orderId}/documents/other.pdf`)).status,
        400,
      );
    });

    test("a configured font that is missing is reported, not replaced", async () => {
      const saved = process.env.BEIAN_PDF_FONT;
      process.env.BEIAN_PDF_FONT = "/nonexistent/font.ttf";
      try {
        const response = await applicant.client.binary(
          "GET",
          `/api/orders/${orderId}/documents/commitment-letter.pdf`,
        );
        assert.equal(response.status, 503);
        assert.equal(response.json().code, "PDF_FONT_MISSING");
        assert.match(response.json().message.zh, /fonts-wqy-microhei/);
      } finally {
        if (saved === undefined) delete process.env.BEIAN_PDF_FONT;
        else process.env.BEIAN_PDF_FONT = saved;
      }
    });
    test("the pre-check sees the uploads; once submitted, materials cannot change (409)", async () => {
      const before = await applicant.client.get(`/api/orders/${orderId}/materials`);
      const have = new Set(before.body.items.map((item: { kind: string }) => item.kind));
      for (const required of before.body.required) {
        assert.equal(typeof required.reason.zh, "string");
        assert.equal(typeof required.source, "string");
        if (!have.has(required.kind)) {
          assert.equal((await upload(uploadForm(required.kind, fx.jpeg))).status, 201);
        }
      }
      const view = await applicant.client.get(`/api/orders/${orderId}`);
      const missing = view.body.problems.filter((problem: { ruleId: string }) =>
        problem.ruleId.startsWith("material.missing."),
      );
      assert.deepEqual(missing, []);
      const submitted = await applicant.client.post(`/api/orders/${orderId}/submit`, {
        version: view.body.version,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      assert.equal(submitted.body.state, "provider_review");

      const late = await upload(uploadForm("id_front", fx.jpeg));
      assert.equal(late.status, 409);
      assert.equal(late.json().code, "TRANSITION_NOT_ALLOWED");
      const removal = await applicant.client.binary("DELETE", uploaded.id_back!.url);
      assert.equal(removal.status, 409);
      // Reading is still allowed.
      assert.equal((await applicant.client.binary("GET", uploaded.id_back!.url)).status, 200);
    });
  });
}

/** The text of every Flate stream of a PDF (pdfkit compresses its content and font maps). */
function inflatedStreams(pdf: Buffer): string {
  const text = pdf.toString("latin1");
  const out: string[] = [];
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf("endstream", start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString("latin1"));
    } catch {
      // Not a Flate stream (font program, image): skipped.
    }
  }
  return out.join("\n");
}
