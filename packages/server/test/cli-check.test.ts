import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { makeUscc } from "@openbeian/core";

/**
 * `beian check` and `beian precheck` as operators script them: real processes, one
 * JSON line, exit codes 0 / 1 / 2. They must work anywhere without configuration, so
 * they run in an empty directory in production mode without secrets (where any other
 * command refuses to start) and must leave that directory empty.
 *
 * Each process costs about a second (tsx plus the server's imports), so every
 * invocation is listed once below and they all start up front, a few at a time; the
 * tests then read their results.
 */
const BIN = join(import.meta.dirname, "../bin/beian.mjs");
const FIXTURES = join(import.meta.dirname, "fixtures");
const EXAMPLE = join(import.meta.dirname, "../../../docs/precheck-order-example.json");
const cwd = mkdtempSync(join(tmpdir(), "beian-check-"));
const env: Record<string, string | undefined> = { ...process.env, BEIAN_MODE: "production" };
for (const name of ["DATABASE_URL", "BEIAN_DATA_KEY", "BEIAN_REGULATOR_TOKEN", "BEIAN_DATA_DIR"])
  delete env[name];

const USCC = makeUscc("91330106MA2XXXXX0");
const USCC_BAD = USCC.slice(0, 17) + (USCC.endsWith("1") ? "2" : "1");
after(() => rmSync(cwd, { recursive: true, force: true }));

const CALLS = {
  id: ["check", "id", "11010519491231002x", "--json"],
  idBad: ["check", "id", "110105194912310021", "--json"],
  uscc: ["check", "uscc", USCC.toLowerCase(), "--json", "--subject", "organisation"],
  usccBad: ["check", "uscc", USCC_BAD, "--json"],
  phone: ["check", "phone", "+86 138 0013 8000", "--json"],
  phoneBad: ["check", "phone", "400-810-8888", "--json"],
  domainIdn: ["check", "domain", "WWW.例子.中国.", "--json", "--province", "33"],
  domainIo: ["check", "domain", "example.io", "--json"],
  domainBeijingHuman: ["check", "domain", "example.asia", "--province", "京"],
  icpFiling: ["check", "icp-number", "浙ICP备2025131364号-2A", "--json"],
  icpLicence: ["check", "icp-number", "京ICP证150476号", "--json", "--province", "11"],
  icpBad: ["check", "icp-number", "川ICP备2025131364号", "--json"],
  psb: ["check", "psb-number", "京公网安备11000002000001号", "--json"],
  psbBad: ["check", "psb-number", "京公网安备44030502008569号", "--json"],
  nameOrganisation: ["check", "website-name", "张三的技术博客", "--subject", "organization", "--json"],
  namePersonal: ["check", "website-name", "张三的技术博客", "--json"],
  unknownKind: ["check", "passport", "E12345678", "--json"],
  unknownProvince: ["check", "domain", "example.com", "--province", "99", "--json"],
  precheckExampleHuman: ["precheck", EXAMPLE],
  precheckProblems: ["precheck", join(FIXTURES, "precheck-12-problems.json"), "--json"],
  precheckMalformed: ["precheck", join(FIXTURES, "precheck-malformed.json"), "--json"],
} satisfies Record<string, string[]>;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const PARALLEL = 3;
let running = 0;
const waiting: (() => void)[] = [];

async function beian(args: string[]): Promise<Run> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const runs = Object.fromEntries(
  Object.entries(CALLS).map(([name, args]) => {
    const promise = beian(args);
    promise.catch(() => {}); // reported by the test that awaits it
    return [name, promise];
  }),
) as Record<keyof typeof CALLS, Promise<Run>>;

/** The single JSON line of a run, after checking its exit code. */
async function json(name: keyof typeof CALLS, status: number): Promise<any> {
  const run = await runs[name];
  assert.equal(run.status, status, `${name}: exit ${run.status}\n${run.stderr}`);
  assert.equal(run.stdout.trim().split("\n").length, 1, `${name}: one line of output`);
  return JSON.parse(run.stdout);
}

function assertProblemShape(problem: any, field: string) {
  assert.deepEqual(
    Object.keys(problem)
      .filter((key) => key !== "province")
      .sort(),
    ["field", "message", "ruleId", "severity", "source"],
  );
  assert.equal(problem.field, field);
  assert.ok(problem.severity === "error" || problem.severity === "warning");
  assert.ok(problem.message.zh && problem.message.en && problem.source);
}

const ruleIds = (output: any): string[] => output.problems.map((problem: any) => problem.ruleId);
const BASE_KEYS = ["normalized", "problems", "valid"];

describe("beian check", () => {
  test("id: an 18-digit resident ID, normalised to upper-case X; a bad check character is invalid", async () => {
    const valid = await json("id", 0);
    assert.deepEqual(valid, { valid: true, normalized: "11010519491231002X", problems: [] });
    const invalid = await json("idBad", 1);
    assert.deepEqual(Object.keys(invalid).sort(), BASE_KEYS);
    assert.equal(invalid.valid, false);
    assert.equal(invalid.normalized, "110105194912310021");
    assert.deepEqual(ruleIds(invalid), ["resident_id.checksum"]);
    assertProblemShape(invalid.problems[0], "id");
    assert.equal(invalid.problems[0].severity, "error");
  });

  test("uscc: makeUscc's code (lower case accepted); a wrong check character is invalid", async () => {
    assert.deepEqual(await json("uscc", 0), { valid: true, normalized: USCC, problems: [] });
    const invalid = await json("usccBad", 1);
    assert.equal(invalid.normalized, USCC_BAD);
    assert.deepEqual(ruleIds(invalid), ["uscc.checksum"]);
    assertProblemShape(invalid.problems[0], "uscc");
  });

  test("phone: any mainland mobile or landline; 400 numbers are refused", async () => {
    assert.deepEqual(await json("phone", 0), { valid: true, normalized: "13800138000", problems: [] });
    const invalid = await json("phoneBad", 1);
    assert.deepEqual(invalid, { ...invalid, valid: false, normalized: null });
    assert.deepEqual(ruleIds(invalid), ["phone.not_landline"]);
    assertProblemShape(invalid.problems[0], "phone");
  });

  test("domain: Punycode, registrable domain and filable; .io is not filable; Beijing refuses .asia", async () => {
    const idn = await json("domainIdn", 0);
    assert.deepEqual(Object.keys(idn).sort(), [...BASE_KEYS, "filable", "registrableDomain"].sort());
    assert.equal(idn.valid, true);
    assert.equal(idn.normalized, "www.xn--fsqu00a.xn--fiqs8s");
    assert.equal(idn.registrableDomain, "xn--fsqu00a.xn--fiqs8s");
    assert.equal(idn.filable, true);
    // A sub-domain is a valid name; the warning says a filing names the registrable domain.
    assert.deepEqual(ruleIds(idn), ["domain.subdomain"]);
    assert.equal(idn.problems[0].severity, "warning");
    assert.equal(idn.problems[0].province, "33");
    assertProblemShape(idn.problems[0], "domain");

    const io = await json("domainIo", 1);
    assert.deepEqual(
      { ...io, problems: ruleIds(io) },
      {
        valid: false,
        normalized: "example.io",
        registrableDomain: "example.io",
        filable: false,
        problems: ["domain.suffix_not_approved"],
      },
    );
    assert.equal(io.problems[0].province, undefined);
  });

  test("without --json: a zh/en summary, one line per problem, same exit code (Beijing refuses .asia)", async () => {
    const beijing = await runs.domainBeijingHuman;
    assert.equal(beijing.status, 1, beijing.stderr);
    assert.deepEqual(beijing.stdout.trim().split("\n"), [
      "✗ 无效 / invalid domain: example.asia",
      "  主域名 / registrable domain: example.asia",
      "  可备案 / filable: 否 / no",
      "  ✗ 错误 error   domain.suffix_not_approved: 域名后缀“.asia”不在北京管局批准的可备案后缀名单中 / " +
        '".asia" is not on the Beijing bureau\'s list of filable suffixes (fact-base §4.2 [T-PROV] (2019-01-01))',
    ]);
  });

  test("icp-number: filing numbers with a service suffix, licence numbers; 川 is not an ICP prefix", async () => {
    assert.deepEqual(await json("icpFiling", 0), {
      valid: true,
      normalized: "浙ICP备2025131364号-2A",
      kind: "filing",
      provinceCode: "33",
      subjectNumber: "浙ICP备2025131364号",
      serviceSuffix: "-2A",
      problems: [],
    });
    assert.deepEqual(await json("icpLicence", 0), {
      valid: true,
      normalized: "京ICP证150476号",
      kind: "licence",
      provinceCode: "11",
      subjectNumber: "京ICP证150476号",
      serviceSuffix: null,
      problems: [],
    });
    const invalid = await json("icpBad", 1);
    assert.deepEqual(
      { ...invalid, problems: ruleIds(invalid) },
      {
        valid: false,
        normalized: null,
        kind: "filing",
        provinceCode: null,
        subjectNumber: null,
        serviceSuffix: null,
        problems: ["icp_number.prefix"],
      },
    );
    assertProblemShape(invalid.problems[0], "icp-number");
  });

  test("psb-number: the division code must lie in the province of the character", async () => {
    assert.deepEqual(await json("psb", 0), {
      valid: true,
      normalized: "京公网安备11000002000001号",
      problems: [],
    });
    const invalid = await json("psbBad", 1);
    assert.deepEqual(Object.keys(invalid).sort(), BASE_KEYS);
    assert.deepEqual(ruleIds(invalid), ["psb_number.region"]);
    assertProblemShape(invalid.problems[0], "psb-number");
  });

  test("website-name: 博客 is refused for a personal site, fine for an organisation", async () => {
    assert.deepEqual(await json("nameOrganisation", 0), {
      valid: true,
      normalized: "张三的技术博客",
      problems: [],
    });
    const personal = await json("namePersonal", 1);
    assert.equal(personal.valid, false);
    assert.equal(personal.normalized, "张三的技术博客");
    assert.ok(ruleIds(personal).includes("name.personal_banned"), ruleIds(personal).join());
    for (const problem of personal.problems) assertProblemShape(problem, "website-name");
  });

  test("usage errors exit 2 with the usage on stderr and nothing on stdout", async () => {
    const expected: [keyof typeof CALLS, RegExp][] = [
      ["unknownKind", /unknown kind "passport"/],
      ["unknownProvince", /unknown province "99"/],
    ];
    for (const [name, message] of expected) {
      const run = await runs[name];
      assert.equal(run.status, 2, `${name}: ${run.stderr}`);
      assert.equal(run.stdout, "", name);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /beian check <kind> <value>/);
    }
  });
});

describe("beian precheck", () => {
  test("the documented example is a complete Zhejiang personal first filing: no errors", async () => {
    // Human-readable: "no problems" also rules out warnings. The JSON form is tested below.
    const human = await runs.precheckExampleHuman;
    assert.equal(human.status, 0, human.stdout + human.stderr);
    assert.equal(human.stdout, "✓ 未发现问题 / no problems found\n");
  });

  test("the broken fixture reports at least 12 distinct problems and exits 1", async () => {
    const output = await json("precheckProblems", 1);
    assert.deepEqual(Object.keys(output), ["problems"]);
    const distinct = new Set(ruleIds(output));
    assert.ok(distinct.size >= 12, [...distinct].join(", "));
    for (const problem of output.problems) {
      assertProblemShape(problem, problem.field);
      assert.equal(problem.province, "33");
    }
    for (const ruleId of [
      "resident_id.checksum",
      "mobile.not_mobile",
      "email.format",
      "domain.suffix_not_approved",
      "server.not_mainland",
      "service_code.unavailable",
    ]) {
      assert.ok(distinct.has(ruleId), ruleId);
    }
  });

  test("a file that does not match the schema exits 2 and names the paths", async () => {
    const malformed = await runs.precheckMalformed;
    assert.equal(malformed.status, 2);
    assert.equal(malformed.stdout, "");
    for (const path of [
      "/order/subject/type",
      "/order/subject/divisionCode",
      "/order/subject/head/certificateValidTo",
      "/order/websites/0/homepage",
      "/context/today",
      "/context/domains/0/expiresAt",
    ]) {
      assert.ok(malformed.stderr.includes(`${path}:`), `${path} in\n${malformed.stderr}`);
    }
  });

  test("neither command needs a data directory or configuration: the working directory stays empty", async () => {
    await Promise.all(Object.values(runs));
    assert.ok(existsSync(cwd));
    assert.deepEqual(readdirSync(cwd), []);
  });
});
