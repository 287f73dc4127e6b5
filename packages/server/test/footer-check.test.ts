import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo, LookupFunction } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { runFooterCommand } from "../src/cli/footer-command.ts";
import { decodePage } from "../src/footer/charset.ts";
import { checkFooter, type FooterCheckReport } from "../src/footer/check-footer.ts";
import { fetchHomePage, FetchPageError } from "../src/footer/fetch-page.ts";

/**
 * The footer check over real HTTP (issue 8): home pages served by local node:http and
 * node:https servers, fetched by checkFooter / fetchHomePage, and `beian footer` as a
 * process against them. Covers charsets (GBK by meta, header and sniffing; Big5;
 * gzip), redirects (relative, loop, too many, meta refresh), the deadline, the size
 * cap, TLS with a self-signed certificate, and the CLI's JSON contract and exit codes.
 */
const ZJ = "浙ICP备2026001234号-1";
const BJ_PSB = "京公网安备11000002000001号";
const MIIT = "https://beian.miit.gov.cn/";
const PSB_LINK = "https://beian.mps.gov.cn/#/query/webSearch?code=11000002000001";
const TODAY = new Date("2026-06-01T04:00:00Z");
const MB = 1024 * 1024;

const page = (footer: string, head = '<meta charset="utf-8">') =>
  `<!doctype html><html><head>${head}<title>示例网站</title></head><body><main><h1>欢迎</h1></main><footer>${footer}</footer></body></html>`;
const link = (number: string, href = MIIT) =>
  `<a href="${href}" target="_blank" rel="noopener">${number}</a>`;
const GOOD = page(
  `${link(ZJ)} <img src="/gongan.png" alt=""><a href="${PSB_LINK}" target="_blank">${BJ_PSB}</a>`,
);

/**
 * Bytes in a legacy encoding, found by asking Node's own decoder which two-byte sequence
 * gives each character (no iconv-lite in the tree). Round-tripped in the tests.
 */
function legacyEncoder(label: string): (text: string) => Buffer {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== "\ufffd" && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return (text) =>
    Buffer.from(
      [...text].flatMap((char) => {
        const code = char.charCodeAt(0);
        if (code < 0x80) return [code];
        const bytes = table.get(char);
        assert.ok(bytes, `${char} has no ${label} bytes`);
        return bytes;
      }),
    );
}
const gbk = legacyEncoder("gbk");
const big5 = legacyEncoder("big5");

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;
const html =
  (body: string | Buffer, type = "text/html; charset=utf-8", extra: http.OutgoingHttpHeaders = {}): Handler =>
  (_request, response) => {
    response.writeHead(200, { "content-type": type, ...extra });
    response.end(body);
  };
const redirect =
  (location: string, status = 302): Handler =>
  (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };
/** A page of `size` bytes, the footer at the start or at the end, written with backpressure. */
const large =
  (size: number, footerFirst: boolean): Handler =>
  (_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    const footer = Buffer.from(`<footer>${link(ZJ)}</footer>`);
    const filler = Buffer.from(`<p>${"填充内容 filler ".repeat(200)}</p>\n`);
    let written = 0;
    if (footerFirst) response.write(footer);
    const pump = () => {
      while (written < size) {
        written += filler.length;
        if (!response.write(filler)) return void response.once("drain", pump);
      }
      response.end(footerFirst ? "" : footer);
    };
    response.on("close", () => (written = size));
    pump();
  };

const ROUTES: Record<string, Handler> = {
  "/good": html(GOOD),
  "/gbk-meta": html(gbk(page(link(ZJ), '<meta charset="gbk">')), "text/html"),
  "/gbk-header": html(gbk(page(link(ZJ), "")), "text/html; charset=GB2312"),
  "/gbk-sniffed": html(gbk(page(link(ZJ), "")), "text/html"),
  "/gbk-http-equiv": html(
    gbk(page(link(ZJ), '<meta http-equiv="Content-Type" content="text/html; charset=gb18030">')),
    "text/html",
  ),
  "/big5": html(
    big5(
      `<html><head><meta charset="big5"><title>範例網站</title></head><body><h1>歡迎</h1>${link("粵ICP備2026000007號")}</body></html>`,
    ),
    "text/html",
  ),
  "/gzip": html(gzipSync(Buffer.from(GOOD)), "text/html; charset=utf-8", { "content-encoding": "gzip" }),
  "/spaces": html(page(link("浙ICP备&nbsp;\n        2026001234 号-1"))),
  "/no-link": html(page(`<p>${ZJ}</p>`)),
  "/comment": html(page(`<!-- ${link(ZJ)} --><p>© 2026</p>`)),
  "/hidden": html(page(`<div style="display:none"><p>${link(ZJ)}</p></div>`)),
  "/wrong-province": html(page(link("苏ICP备2026001234号-1"))),
  "/guangdong": html(page(link("粤ICP备2026000007号-2"))),
  "/old-link": html(page(link(ZJ, "http://www.miitbeian.gov.cn/"))),
  "/never": () => {},
  "/loop-a": redirect("/loop-b"),
  // Absolute, so the loop is found across two spellings of the same URLs.
  "/loop-b": (request, response) => redirect(`http://${request.headers.host}/loop-a`)(request, response),
  "/dir/start": redirect("../good", 301),
  "/refresh": html(page("", '<meta http-equiv="refresh" content="0; url=/good">')),
  "/big-footer-last": large(3 * MB, false),
  "/big-footer-first": large(3 * MB, true),
  "/missing": (_request, response) => {
    response.writeHead(404, { "content-type": "text/html" });
    response.end(page(link(ZJ)));
  },
  "/image": html(Buffer.from([0x89, 0x50, 0x4e, 0x47]), "image/png"),
};

function route(request: http.IncomingMessage, response: http.ServerResponse) {
  const path = new URL(request.url ?? "/", "http://x").pathname;
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain) return redirect(`/chain/${Number(chain[1]) + 1}`)(request, response);
  const handler = ROUTES[path];
  if (!handler) {
    response.writeHead(404).end();
    return;
  }
  handler(request, response);
}

let server: http.Server;
let base = "";
let tlsServer: https.Server;
let tlsBase = "";
let tlsCert = "";
const certDir = mkdtempSync(join(tmpdir(), "beian-footer-"));

before(async () => {
  server = http.createServer(route);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${port(server)}`;
  // A self-signed certificate for 127.0.0.1, made the way an owner would make one.
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
      ...["-keyout", join(certDir, "key.pem"), "-out", join(certDir, "cert.pem"), "-days", "1"],
      ...["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
    ],
    { stdio: "ignore" },
  );
  tlsCert = readFileSync(join(certDir, "cert.pem"), "utf8");
  tlsServer = https.createServer({ key: readFileSync(join(certDir, "key.pem")), cert: tlsCert }, html(GOOD));
  await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
  tlsBase = `https://127.0.0.1:${port(tlsServer)}`;
});

after(() => {
  for (const each of [server, tlsServer]) {
    each?.closeAllConnections();
    each?.close();
  }
  rmSync(certDir, { recursive: true, force: true });
});

function port(listening: http.Server | https.Server): number {
  return (listening.address() as AddressInfo).port;
}

const check = (path: string, expect = {}, options = {}) =>
  checkFooter(`${base}${path}`, expect, { today: TODAY, ...options });
const codes = (report: FooterCheckReport) => report.problems.map((problem) => problem.ruleId);

describe("checkFooter on served pages", () => {
  test("a correct page with the ICP and public-security numbers, icon and links", async () => {
    const report = await check("/good", { icpNumber: ZJ, psbNumber: BJ_PSB });
    assert.deepEqual(codes(report), [], "no problems");
    assert.equal(report.ok, true, "ok");
    assert.equal(report.icpNumber, ZJ, "ICP number");
    assert.equal(report.linkTarget, MIIT, "link target");
    assert.equal(report.psbNumber, BJ_PSB, "PSB number");
    assert.equal(report.psbLinked, true, "PSB linked");
    assert.equal(report.status, 200, "status");
    assert.equal(report.url, `${base}/good`, "final URL");
    assert.ok(report.fetchMs >= 0, "fetch time measured");
  });

  test("GBK pages: declared by <meta charset>, by the header, by http-equiv, or not at all", async () => {
    const sample = gbk(ZJ);
    assert.equal(new TextDecoder("gbk").decode(sample), ZJ, "the test's GBK bytes round-trip");
    assert.ok(sample.length < Buffer.byteLength(ZJ), "and they are GBK, not UTF-8");
    for (const path of ["/gbk-meta", "/gbk-header", "/gbk-http-equiv", "/gbk-sniffed"]) {
      const report = await check(path, { icpNumber: ZJ });
      assert.equal(report.icpNumber, ZJ, `${path}: number decoded`);
      assert.deepEqual(codes(report), [], `${path}: no problems`);
    }
  });

  test("a Big5 page's traditional characters read as the number", async () => {
    const report = await check("/big5", { icpNumber: "粤ICP备2026000007号-1" });
    assert.equal(report.icpNumber, "粤ICP备2026000007号", "folded to simplified");
    assert.deepEqual(codes(report), [], "Guangdong's subject number: no problems");
  });

  test("a gzip-compressed page", async () => {
    const report = await check("/gzip", { icpNumber: ZJ });
    assert.equal(report.icpNumber, ZJ, "decompressed");
  });

  test("a number with spaces, &nbsp; and a line break inside", async () => {
    const report = await check("/spaces", { icpNumber: ZJ });
    assert.equal(report.icpNumber, ZJ, "read whole");
    assert.deepEqual(codes(report), [], "no problems");
  });

  test("a number without a link", async () => {
    const report = await check("/no-link", { icpNumber: ZJ });
    assert.deepEqual(codes(report), ["FOOTER_ICP_NOT_LINKED"], "not linked");
    assert.equal(report.ok, false, "an error");
    assert.equal(report.icpLinked, false, "icpLinked false");
  });

  test("a commented-out footer and a hidden footer", async () => {
    for (const path of ["/comment", "/hidden"]) {
      const report = await check(path, { icpNumber: ZJ });
      assert.deepEqual(codes(report), ["FOOTER_ICP_HIDDEN"], `${path}: hidden`);
      assert.equal(report.visible, false, `${path}: not visible`);
    }
  });

  test("the wrong province character", async () => {
    const report = await check("/wrong-province", { icpNumber: ZJ });
    assert.deepEqual(codes(report), ["FOOTER_ICP_WRONG_PROVINCE"], "wrong character");
  });

  test("a Guangdong site showing the website number: a warning naming the subject number", async () => {
    const report = await check("/guangdong", { icpNumber: "粤ICP备2026000007号-2" });
    assert.deepEqual(codes(report), ["FOOTER_ICP_SUFFIX_SHOWN"], "suffix shown");
    assert.equal(report.ok, true, "a warning only");
    assert.ok(report.problems[0]?.message.zh.includes("主体备案号"), "says the subject number");
  });

  test("an old link target", async () => {
    const report = await check("/old-link", { icpNumber: ZJ });
    assert.deepEqual(codes(report), ["FOOTER_ICP_LINK_OLD"], "old link");
    assert.equal(report.linkTarget, "http://www.miitbeian.gov.cn/", "target reported");
  });

  test("a home page that only meta-refreshes to the real one", async () => {
    const report = await check("/refresh", { icpNumber: ZJ });
    assert.equal(report.url, `${base}/good`, "followed");
    assert.deepEqual(codes(report), [], "no problems");
  });

  test("a relative redirect is followed; names resolve through the lookup option", async () => {
    const report = await check("/dir/start", { icpNumber: ZJ });
    assert.equal(report.url, `${base}/good`, "../good from /dir/start");
    const lookup = ((_host, options, callback) =>
      options.all
        ? callback(null, [{ address: "127.0.0.1", family: 4 }])
        : callback(null, "127.0.0.1", 4)) as LookupFunction;
    const named = await checkFooter(`http://site.example.test:${port(server)}/good`, {}, { lookup });
    assert.equal(named.icpNumber, ZJ, "fetched through the lookup");
  });
});

describe("checkFooter when the page cannot be read", () => {
  test("a site that never answers: FOOTER_FETCH_TIMEOUT after the deadline", async () => {
    const started = performance.now();
    const report = await check("/never", {}, { timeoutMs: 300 });
    const elapsed = performance.now() - started;
    assert.deepEqual(codes(report), ["FOOTER_FETCH_TIMEOUT"], "timed out");
    assert.equal(report.ok, false, "not ok");
    assert.ok(elapsed >= 290 && elapsed < 5000, `waited about 300 ms: ${Math.round(elapsed)}`);
  });

  test("a redirect loop: FOOTER_REDIRECT_LOOP", async () => {
    const report = await check("/loop-a");
    assert.deepEqual(codes(report), ["FOOTER_REDIRECT_LOOP"], "loop");
  });

  test("too many redirects: FOOTER_TOO_MANY_REDIRECTS after 5 (or the limit given)", async () => {
    const report = await check("/chain/0");
    assert.deepEqual(codes(report), ["FOOTER_TOO_MANY_REDIRECTS"], "too many");
    assert.equal(report.url, `${base}/chain/5`, "stopped after five redirects");
    const two = await check("/chain/0", {}, { maxRedirects: 2 });
    assert.equal(two.url, `${base}/chain/2`, "stopped after two");
  });

  test("a page over the size cap: analysed up to the cap, FOOTER_PAGE_TRUNCATED", async () => {
    const last = await check("/big-footer-last", { icpNumber: ZJ });
    assert.deepEqual(codes(last), ["FOOTER_ICP_MISSING", "FOOTER_PAGE_TRUNCATED"], "footer cut off");
    assert.equal(last.truncated, true, "truncated");
    const first = await check("/big-footer-first", { icpNumber: ZJ });
    assert.deepEqual(codes(first), ["FOOTER_PAGE_TRUNCATED"], "footer seen, page cut");
    assert.equal(first.ok, true, "a warning only");
    const exact = await fetchHomePage(`${base}/big-footer-last`, { maxBytes: 100_000 });
    assert.equal(exact.bytes, 100_000, "exactly the cap read");
    assert.equal(exact.truncated, true, "and marked truncated");
    const whole = await fetchHomePage(`${base}/good`, { maxBytes: Buffer.byteLength(GOOD) });
    assert.equal(whole.truncated, false, "a page exactly at the cap is whole");
  });

  test("an error status, a page that is not HTML", async () => {
    const missing = await check("/missing");
    assert.deepEqual(codes(missing), ["FOOTER_HTTP_STATUS"], "404");
    assert.equal(missing.status, 404, "status reported");
    const image = await check("/image");
    assert.deepEqual(codes(image), ["FOOTER_NOT_HTML"], "image");
  });

  test("nothing listening, an invalid URL", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const free = port(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const report = await checkFooter(`http://127.0.0.1:${free}/`);
    assert.deepEqual(codes(report), ["FOOTER_UNREACHABLE"], "refused");
    assert.deepEqual(codes(await checkFooter("ftp://example.cn/")), ["FOOTER_URL_INVALID"], "not http");
    await assert.rejects(fetchHomePage("example.cn"), FetchPageError, "fetchHomePage throws its error");
  });

  test("a self-signed certificate: FOOTER_TLS_ERROR; the same server trusted passes", async () => {
    const report = await checkFooter(`${tlsBase}/`, { icpNumber: ZJ });
    assert.deepEqual(codes(report), ["FOOTER_TLS_ERROR"], "certificate refused");
    assert.ok(report.problems[0]?.message.en.includes("SELF_SIGNED"), report.problems[0]?.message.en);
    const agent = new https.Agent({ ca: tlsCert });
    const trusted = await checkFooter(`${tlsBase}/`, { icpNumber: ZJ }, { agents: { https: agent } });
    agent.destroy();
    assert.deepEqual(codes(trusted), [], "with the certificate trusted");
  });
});

describe("decodePage: the page's bytes as the TextDecoder of its charset reads them", () => {
  /** What a page without a declared charset gave before UTF-8 had a faster road: the WHATWG decoder. */
  const sniffedUtf8 = (bytes: Uint8Array) =>
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
  const TEXT = "<p>é 备案 😀 ICP</p>";

  test("a UTF-8 page cut inside a character (the size cap) is UTF-8 up to the cut, at every byte", () => {
    const bytes = Buffer.from(TEXT);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoded = decodePage(bytes.subarray(0, cut), null);
      assert.equal(decoded.charset, "utf-8", `cut at ${cut}: still UTF-8`);
      assert.equal(decoded.from, "sniffed", `cut at ${cut}: sniffed`);
      assert.equal(
        decoded.html,
        sniffedUtf8(bytes.subarray(0, cut)),
        `cut at ${cut}: the complete characters`,
      );
    }
    assert.equal(decodePage(bytes, "text/html").html, TEXT, "whole, with a character outside the BMP");
    assert.equal(decodePage(Buffer.from("plain ASCII"), null).html, "plain ASCII", "ASCII");
  });

  test("bytes that are not UTF-8 are GB18030, a broken sequence at the end too", () => {
    const start = Buffer.from("<p>备案</p>");
    for (const tail of [
      [0xc0],
      [0xed, 0xa0],
      [0xf0, 0x80],
      [0xf4, 0x90],
      [0xe6, 0xb5, 0x41],
      [0x80],
      [0xff],
    ]) {
      const body = Buffer.concat([start, Buffer.from(tail)]);
      assert.throws(() => sniffedUtf8(body), TypeError, `${Buffer.from(tail).toString("hex")}: not UTF-8`);
      const decoded = decodePage(body, null);
      assert.equal(decoded.charset, "gb18030", `${Buffer.from(tail).toString("hex")}: GB18030`);
      assert.equal(decoded.html, new TextDecoder("gb18030").decode(body), "as GB18030 reads it");
    }
    const undeclared = page(link(ZJ), "");
    assert.deepEqual(
      decodePage(gbk(undeclared), null),
      { html: undeclared, charset: "gb18030", from: "sniffed" },
      "a GBK page without a charset",
    );
  });

  test("a byte-order mark decides the charset and is not part of the text", () => {
    const utf8 = decodePage(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]),
      "text/html; charset=gbk",
    );
    assert.deepEqual(utf8, { html: TEXT, charset: "utf-8", from: "bom" }, "UTF-8");
    const twice = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from("x")]);
    assert.equal(decodePage(twice, null).html, "\ufeffx", "only the first mark goes");
    const broken = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("备"),
      Buffer.from([0xe6, 0xb5]),
    ]);
    assert.equal(
      decodePage(broken, null).html,
      new TextDecoder().decode(broken),
      "broken bytes after a mark",
    );
    for (const [mark, charset] of [
      [[0xfe, 0xff], "utf-16be"],
      [[0xff, 0xfe], "utf-16le"],
    ] as const) {
      const units = Buffer.from(TEXT, "utf16le");
      if (charset === "utf-16be") units.swap16();
      for (let round = 0; round < 2; round++) {
        const decoded = decodePage(Buffer.concat([Buffer.from(mark), units]), null);
        assert.deepEqual(decoded, { html: TEXT, charset, from: "bom" }, `${charset}, page ${round + 1}`);
      }
    }
  });

  test("declared UTF-8 with broken bytes: U+FFFD where TextDecoder puts one", () => {
    // Broken wherever they are; and starts of characters, broken only when something follows.
    const broken = [[0x80], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]];
    const unfinished = [
      [0xf0, 0x9f, 0x98],
      [0xe6, 0xb5],
    ];
    const cases = [
      ...[...broken, ...unfinished].map((bytes) => ({ bytes, after: "案", utf8: false })),
      ...broken.map((bytes) => ({ bytes, after: "", utf8: false })),
      ...unfinished.map((bytes) => ({ bytes, after: "", utf8: true })),
    ];
    for (const { bytes, after, utf8 } of cases) {
      const body = Buffer.concat([Buffer.from("备"), Buffer.from(bytes), Buffer.from(after)]);
      const hex = body.toString("hex");
      const decoded = decodePage(body, "text/html; charset=UTF-8");
      assert.equal(decoded.html, new TextDecoder().decode(body), `${hex}: as TextDecoder`);
      assert.ok(decoded.html.includes("\ufffd"), `${hex}: a replacement character`);
      const undeclared = decodePage(body, null).charset;
      assert.equal(
        undeclared,
        utf8 ? "utf-8" : "gb18030",
        `${hex}: undeclared, ${utf8 ? "cut short" : "not UTF-8"}`,
      );
    }
  });

  test("decoders serve page after page: a page cut mid-character leaves nothing behind", () => {
    const text = page(link(ZJ), '<meta charset="gbk">');
    const whole = gbk(text);
    const cut = whole.subarray(0, whole.indexOf(Buffer.from("</title>")) - 1);
    for (let round = 0; round < 3; round++) {
      assert.equal(
        decodePage(cut, "text/html; charset=gbk").html,
        new TextDecoder("gbk").decode(cut),
        `round ${round + 1}: the cut page, its last half-character replaced`,
      );
      assert.equal(
        decodePage(whole, "text/html; charset=gbk").html,
        text,
        `round ${round + 1}: the next page whole`,
      );
      assert.equal(decodePage(whole, null).charset, "gbk", `round ${round + 1}: by its <meta>`);
    }
  });
});

describe("beian footer", () => {
  const BIN = join(import.meta.dirname, "../bin/beian.mjs");
  const cwd = mkdtempSync(join(tmpdir(), "beian-footer-cli-"));
  const env: Record<string, string | undefined> = { ...process.env, BEIAN_MODE: "production" };
  for (const name of ["DATABASE_URL", "BEIAN_DATA_KEY", "BEIAN_REGULATOR_TOKEN", "BEIAN_DATA_DIR"])
    delete env[name];
  after(() => rmSync(cwd, { recursive: true, force: true }));

  function beian(args: string[]) {
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, "footer", ...args], { cwd, env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  }

  const KEYS = [
    "ok",
    "icpNumber",
    "icpLinked",
    "linkTarget",
    "visible",
    "psbNumber",
    "psbLinked",
    "problems",
    "evidence",
    "url",
  ];

  test("one JSON line with the contract's keys in order; exit 0 ok, 1 not ok, 2 usage error", async () => {
    // Each process costs a second or more (tsx and the server's imports): two, in parallel; the
    // usage errors run in-process below, through the same function main() returns from.
    const [good, bad] = await Promise.all([
      beian([`${base}/good`, "--json", "--expect", ZJ, "--expect-psb", BJ_PSB]),
      beian([`${base}/no-link`, "--json", "--timeout", "5000"]),
    ]);
    assert.equal(good.status, 0, `ok page exits 0: ${good.stderr}`);
    assert.equal(good.stdout.trim().split("\n").length, 1, "one line");
    const json = JSON.parse(good.stdout);
    assert.deepEqual(Object.keys(json), KEYS, "the contract's keys, in order");
    assert.deepEqual(
      [
        json.ok,
        json.icpNumber,
        json.icpLinked,
        json.linkTarget,
        json.visible,
        json.psbNumber,
        json.psbLinked,
      ],
      [true, ZJ, true, MIIT, true, BJ_PSB, true],
      "values",
    );
    assert.deepEqual(json.problems, [], "no problems");
    assert.equal(json.url, `${base}/good`, "url");

    assert.equal(bad.status, 1, `not ok exits 1: ${bad.stderr}`);
    const failed = JSON.parse(bad.stdout);
    assert.deepEqual(Object.keys(failed), KEYS, "same keys when not ok");
    assert.equal(failed.ok, false, "ok false");
    assert.deepEqual(
      Object.keys(failed.problems[0]).sort(),
      ["field", "message", "province", "ruleId", "severity", "source"],
      "a Problem",
    );
    assert.equal(failed.problems[0].ruleId, "FOOTER_ICP_NOT_LINKED", "the problem");
  });

  test("usage errors: a bad URL, --expect, --expect-psb or --timeout, no URL, an unknown option exit 2", async (t) => {
    const errors = t.mock.method(console, "error", () => {});
    const printed = t.mock.method(console, "log", () => {});
    const cases = [
      [`${base}/good`, "--expect", "浙ICP备123号"],
      ["example.cn", "--json"],
      [`${base}/good`, "--expect-psb", "京公网安备123号"],
      [`${base}/good`, "--timeout", "soon"],
      [`${base}/good`, "--timeout", "0"],
      ["--json"],
      [`${base}/good`, "--unknown-option"],
    ];
    for (const args of cases) {
      assert.equal(await runFooterCommand(args), 2, `${args.join(" ")}: exit 2`);
    }
    assert.equal(errors.mock.callCount(), cases.length, "one usage message each");
    assert.ok(
      errors.mock.calls.every((call) => String(call.arguments[0]).includes("beian footer <url>")),
      "each with the usage",
    );
    assert.equal(printed.mock.callCount(), 0, "nothing on stdout");
    assert.ok(
      String(errors.mock.calls[0]?.arguments[0]).includes("expected ICP number"),
      "says what is wrong with --expect",
    );
  });
});
