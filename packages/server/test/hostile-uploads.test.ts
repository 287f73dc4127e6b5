import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { ERROR_CATALOGUE } from "@openbeian/core";
import sharp from "sharp";
import type { RawResponse } from "./support/client.ts";
import { personalOrder, readyApplicant, type ReadyApplicant } from "./support/factories.ts";
import {
  encryptedPdf,
  gigapixelPng,
  handPdf,
  hugeJpegHeader,
  linuxExecutable,
  pdfObjectStreamBomb,
  pdfWithEmbeddedFile,
  pdfWithHiddenScript,
  pdfWithOpaqueObjectStream,
  pngDeclaring,
  svgWithScript,
  windowsExecutable,
  zeroBomb,
  zipArchive,
} from "./support/hostile-files.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { form, uploadForm } from "./support/upload-fixtures.ts";

/**
 * Issue 11, hostile uploads, through the real route (POST /api/orders/:id/materials):
 * executables and archives under an image's name, SVG with script, polyglots, PDFs
 * with attachments or hidden scripts, decompression bombs, an oversized file,
 * malformed multipart, path-traversal names. Each refusal has a catalogued code and
 * a zh/en message and leaves no row, no audit entry and no file. The platform's
 * data directory is a private temporary one, so anything written beside or above
 * the storage directory shows up in a scan of it.
 */
/** In every hostile file name: a file of that name anywhere means a name reached the file system. */
const TOKEN = `hostile-${randomBytes(4).toString("hex")}`;
const TRAVERSAL_NAMES = [
  `../../${TOKEN}-etc-passwd.jpg`,
  `../../../../../../tmp/${TOKEN}-up.jpg`,
  `/tmp/${TOKEN}-absolute.jpg`,
  `${tmpdir()}/${TOKEN}-tmpdir.jpg`,
  `..\\..\\${TOKEN}-windows.jpg`,
  `C:\\Windows\\System32\\${TOKEN}-drive.jpg`,
  `%2e%2e%2f%2e%2e%2f${TOKEN}-encoded.jpg`,
  `....//....//${TOKEN}-doubled.jpg`,
  `${TOKEN}-nul\u0000.exe.jpg`,
  `${TOKEN}-rtl\u202egpj.exe`,
  `${TOKEN}-${"长".repeat(3000)}.jpg`,
  "..",
  "/",
];

for (const engine of engines()) {
  describe(`hostile uploads (${engine})`, () => {
    let dataDir: string;
    let platform: TestPlatform;
    let applicant: ReadyApplicant;
    let orderId: string;
    let photo: Buffer;

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), "beian-hostile-uploads-"));
      platform = await startTestPlatform(engine, { dataDir });
      applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      orderId = created.body.id;
      photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } })
        .jpeg()
        .toBuffer();
    });
    after(async () => {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const send = (request: ReturnType<typeof form>) =>
      applicant.client.binary("POST", `/api/orders/${orderId}/materials`, request);
    const upload = (data: Buffer, filename = "scan.jpg", contentType = "image/jpeg", kind = "id_front") =>
      send(uploadForm(kind, data, filename, contentType));

    /** What an upload can leave behind: rows, audit entries, stored files, files anywhere else in the data directory. */
    const traces = async () => ({
      materials: await platform.ctx.db
        .selectFrom("material")
        .select(["id", "storage_key", "thumbnail_key"])
        .execute(),
      audits: (
        await platform.ctx.db.selectFrom("audit_log").select("id").where("entity", "=", "material").execute()
      ).length,
      stored: filesUnder(platform.storageDir),
      elsewhere: filesUnder(dataDir).filter((path) => !isOwnFile(platform, dataDir, path)),
    });

    const assertRefused = async (
      what: string,
      attempt: () => Promise<RawResponse>,
      status: number,
      code: keyof typeof ERROR_CATALOGUE,
    ) => {
      const before = await traces();
      const response = await attempt();
      assert.equal(response.status, status, `${what}: ${response.body.toString().slice(0, 300)}`);
      const body = response.json();
      assert.equal(body.code, code, what);
      assert.match(body.message.zh, /[\u4e00-\u9fff]/, `${what}: a Chinese message`);
      assert.ok(body.message.en.length > 10, `${what}: an English message`);
      assert.deepEqual(await traces(), before, `${what}: the refusal left something behind`);
    };

    /** An accepted upload's files are exactly the rows' files, under random keys: nothing else was written. */
    const assertStoredOnlyUnderKeys = async () => {
      const now = await traces();
      const keys = now.materials.flatMap((row) => [row.storage_key, row.thumbnail_key]).filter(Boolean);
      assert.deepEqual(
        now.stored.map((path) => path.split("/").pop()).sort(),
        [...keys].sort(),
        "every stored file is a row's, and every row's file is stored",
      );
      for (const path of now.stored) assert.match(path, /^[a-f0-9]{2}\/[a-f0-9]{2}\/[a-f0-9]{40}$/);
      assert.deepEqual(now.elsewhere, []);
    };

    test("executables, archives and markup named as images are refused by their bytes", async () => {
      const cases: [string, Buffer, string, string][] = [
        ["a Windows executable named .jpg", windowsExecutable(), "photo.jpg", "image/jpeg"],
        ["a Linux executable named .jpg", linuxExecutable(), "photo.jpg", "image/jpeg"],
        ["a ZIP named .jpg", zipArchive("invoice.exe", windowsExecutable()), "photo.jpg", "image/jpeg"],
        ["a ZIP named .pdf", zipArchive("a.js", Buffer.from("alert(1)")), "form.pdf", "application/pdf"],
        ["HTML named .png", Buffer.from("<html><script>alert(1)</script></html>"), "photo.png", "image/png"],
        ["an SVG with script", svgWithScript(), "photo.svg", "image/svg+xml"],
        ["an SVG with script named .png", svgWithScript(), "photo.png", "image/png"],
        ["an SVG with an XML prolog named .jpg", svgWithScript(true), "photo.jpg", "image/jpeg"],
        ["a GIF named .png", await sharp(photo).gif().toBuffer(), "photo.png", "image/png"],
      ];
      for (const [what, data, name, type] of cases) {
        await assertRefused(what, () => upload(data, name, type), 415, "UPLOAD_TYPE_NOT_ALLOWED");
      }
    });

    test("image and PDF signatures over anything else are refused as unreadable", async () => {
      const cases: [string, Buffer][] = [
        ["a JPEG signature over noise", Buffer.concat([photo.subarray(0, 4), randomBytes(2000)])],
        [
          "a PNG signature and a broken header",
          Buffer.concat([pngDeclaring(10, 10, Buffer.alloc(0)).subarray(0, 20)]),
        ],
        ["a PDF header over HTML", Buffer.from("%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n")],
        ["an encrypted PDF", encryptedPdf()],
        ["a PDF whose object stream cannot be inspected", pdfWithOpaqueObjectStream()],
      ];
      for (const [what, data] of cases) {
        await assertRefused(what, () => upload(data), 422, "UPLOAD_UNREADABLE");
      }
    });

    test("PDFs with scripts or attachments are refused", async () => {
      const cases: [string, Buffer][] = [
        ["a PDF with an embedded executable", pdfWithEmbeddedFile()],
        ["a PDF with an escaped script name in a compressed object stream", pdfWithHiddenScript()],
      ];
      for (const [what, data] of cases) {
        await assertRefused(
          what,
          () => upload(data, "form.pdf", "application/pdf"),
          422,
          "UPLOAD_PDF_ACTIVE_CONTENT",
        );
      }
    });

    test("polyglots: a PDF or a photo that also opens as a ZIP is refused", async () => {
      const archive = zipArchive(`${TOKEN}.exe`, windowsExecutable());
      const cases: [string, Buffer, string, string][] = [
        ["a PDF that is also a ZIP", Buffer.concat([handPdf(""), archive]), "form.pdf", "application/pdf"],
        [
          "a PDF that is also a ZIP, its end record 60 KB before the end",
          Buffer.concat([
            handPdf(""),
            archive.subarray(0, -2),
            Buffer.from([0xff, 0xff]),
            Buffer.alloc(60_000, 0x20),
          ]),
          "form.pdf",
          "application/pdf",
        ],
        ["a JPEG that is also a ZIP", Buffer.concat([photo, archive]), "photo.jpg", "image/jpeg"],
      ];
      for (const [what, data, name, type] of cases) {
        await assertRefused(what, () => upload(data, name, type), 422, "UPLOAD_HIDDEN_CONTENT");
      }
    });

    test("decompression bombs are refused before they are decoded, or decoded no further than their pixels", async () => {
      await assertRefused(
        "a PNG declaring 50,000 × 50,000 pixels",
        () => upload(gigapixelPng(), "bomb.png", "image/png"),
        422,
        "UPLOAD_UNREADABLE",
      );
      await assertRefused(
        "a JPEG declaring 65,500 × 65,500 pixels",
        () => upload(hugeJpegHeader()),
        422,
        "UPLOAD_UNREADABLE",
      );
      await assertRefused(
        "a PDF object stream inflating to 200 MB",
        () => upload(pdfObjectStreamBomb(200_000_000), "form.pdf", "application/pdf"),
        422,
        "UPLOAD_UNREADABLE",
      );
      // 1000 × 1000 grey pixels need 1 MB; the stream would inflate to 200 MB. The decoder
      // stops at the last row, so this is an ordinary (black) image, re-encoded small.
      const started = Date.now();
      const inflating = pngDeclaring(1000, 1000, zeroBomb(200_000_000));
      const response = await upload(inflating, "bomb.png", "image/png", "certificate_scan");
      assert.equal(response.status, 201, response.body.toString());
      assert.ok(Date.now() - started < 20_000, `decoding took ${Date.now() - started} ms`);
      assert.ok(response.json().sizeBytes < inflating.length / 10, "what is kept is the re-encoding");
      await assertStoredOnlyUnderKeys();
    });

    test("an oversized file, malformed multipart and extra parts are refused", async () => {
      const oversized = Buffer.concat([photo, Buffer.alloc(4 * 1024 * 1024)]);
      await assertRefused("a file over 4 MB", () => upload(oversized), 413, "UPLOAD_TOO_LARGE");
      const valid = uploadForm("id_front", photo);
      const cases: [string, ReturnType<typeof form>][] = [
        ["a body cut short", { ...valid, payload: valid.payload.subarray(0, valid.payload.length - 40) }],
        ["no boundary", { ...valid, headers: { "content-type": "multipart/form-data" } }],
        [
          "the wrong boundary",
          { ...valid, headers: { "content-type": "multipart/form-data; boundary=nope" } },
        ],
        ["ten fields", form(Array.from({ length: 10 }, () => ({ name: "kind", value: "id_front" })))],
        [
          "the file before its kind",
          form([
            { name: "file", file: { filename: "a.jpg", contentType: "image/jpeg", data: photo } },
            { name: "kind", value: "id_front" },
          ]),
        ],
        ["no file", form([{ name: "kind", value: "id_front" }])],
        ["an empty file", uploadForm("id_front", Buffer.alloc(0))],
        [
          "JSON instead of multipart",
          { payload: Buffer.from('{"kind":"id_front"}'), headers: { "content-type": "application/json" } },
        ],
      ];
      for (const [what, request] of cases)
        await assertRefused(what, () => send(request), 400, "VALIDATION_FAILED");
      await assertRefused(
        "an unknown kind",
        () => send(uploadForm("../../etc/passwd", photo)),
        400,
        "MATERIAL_KIND_UNKNOWN",
      );
      await assertRefused(
        "a kind of 5,000 characters",
        () => send(uploadForm("k".repeat(5000), photo)),
        400,
        "MATERIAL_KIND_UNKNOWN",
      );
    });

    test("path-traversal and disguised names are refused, whatever the bytes; an odd but plain name is display text", async () => {
      // Folders, control characters, bidi overrides, "." and "..", over 255 characters.
      const hostile = TRAVERSAL_NAMES.filter((name) => !name.includes("%2e"));
      for (const name of hostile) {
        for (const data of [windowsExecutable(), photo]) {
          await assertRefused(
            `a file named ${JSON.stringify(name.slice(0, 60))}`,
            () => upload(data, name),
            400,
            "UPLOAD_FILE_NAME_INVALID",
          );
        }
      }
      // Percent signs are just characters in a name: nothing decodes them.
      const encoded = TRAVERSAL_NAMES.find((name) => name.includes("%2e"))!;
      await assertRefused(
        "an executable with an encoded name",
        () => upload(windowsExecutable(), encoded),
        415,
        "UPLOAD_TYPE_NOT_ALLOWED",
      );
      const response = await upload(photo, encoded, "image/jpeg", "residence_permit");
      assert.equal(response.status, 201, response.body.toString());
      assert.equal(response.json().originalName, encoded);
      const served = await applicant.client.binary("GET", response.json().url);
      assert.match(
        String(served.headers["content-disposition"]),
        /^inline; filename="[A-Za-z0-9._-]+\.jpg"; filename\*=UTF-8''[^\s"/\\]+$/,
      );
      await assertStoredOnlyUnderKeys();
    });

    test("no name ever reached the file system: nothing outside the storage directory, nowhere a file of those names", () => {
      const server = resolve(import.meta.dirname, "..");
      const bases = [
        platform.storageDir,
        join(platform.storageDir, "ab", "cd"),
        dataDir,
        process.cwd(),
        server,
        tmpdir(),
      ];
      // ".." and "/" name directories that exist anyway; the others name files nobody makes.
      for (const name of TRAVERSAL_NAMES.filter((item) => item.includes(TOKEN))) {
        for (const base of bases) {
          for (const candidate of [resolve(base, name), resolve(base, name.replaceAll("\\", "/"))]) {
            assert.equal(existsSync(candidate), false, `${candidate} exists`);
          }
        }
      }
      for (const dir of [tmpdir(), dataDir, process.cwd(), server, "/tmp"]) {
        const hits = readdirSync(dir).filter((entry) => entry.includes(TOKEN));
        assert.deepEqual(hits, [], `in ${dir}`);
      }
      assert.deepEqual(
        filesUnder(dataDir).filter((path) => !isOwnFile(platform, dataDir, path)),
        [],
        "the data directory holds only the database, the secrets and the storage directory",
      );
    });
  });
}

/** Every file below a directory, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(at, entry.name)) : [relative(dir, join(at, entry.name))],
    );
  return existsSync(dir) ? walk(dir).sort() : [];
}

/** The platform's own files in its data directory: the SQLite database (and its journals), the secrets, the storage. */
function isOwnFile(platform: TestPlatform, dataDir: string, path: string): boolean {
  const storage = relative(dataDir, platform.storageDir);
  return path.startsWith(`${storage}/`) || path.startsWith("openbeian.sqlite") || path === "secrets.json";
}
