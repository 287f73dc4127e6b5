import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ApiClient } from "./support/client.ts";
import { readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder } from "./support/filed-order.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * The public lookup (issue 8): no login; by domain (and hosts under it), by
 * website or subject number, by a Chinese substring of the subject's name or its
 * pinyin initials; only what MIIT publishes; "not filed here" kept apart from
 * "unknown"; rate limited.
 */
for (const engine of engines()) {
  describe(`public lookup (${engine})`, () => {
    let platform: TestPlatform;
    let zhang: ReadyApplicant;
    let numbers: { subjectNumber: string; websiteNumbers: Record<string, string> };
    const visitor = () => new ApiClient(platform.app);
    const lookup = async (q: string, client = visitor()) => {
      const answer = await client.get(`/api/public/filings?q=${encodeURIComponent(q)}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body as {
        kind: string;
        verdict: string;
        items: { domain: string; subjectName: string; websiteNumber: string }[];
      };
    };

    before(async () => {
      platform = await startTestPlatform(engine);
      const reviewer = await staffClient(platform);
      zhang = await readyApplicant(platform);
      ({ numbers } = await filedOrder(platform, zhang, reviewer));
    });
    after(() => platform.close());

    test("by domain, a host under it, upper case or a URL", async () => {
      const domain = zhang.domain.toLowerCase();
      for (const q of [domain, `www.${domain}`, domain.toUpperCase(), `https://${domain}/about`]) {
        const found = await lookup(q);
        assert.equal(found.kind, "domain", q);
        assert.equal(found.verdict, "filed", q);
        assert.deepEqual(
          found.items.map((item) => item.domain),
          [domain],
          q,
        );
      }
    });

    test("by website number or subject number", async () => {
      const websiteNumber = Object.values(numbers.websiteNumbers)[0]!;
      const byWebsite = await lookup(websiteNumber);
      assert.equal(byWebsite.kind, "icp_number");
      assert.equal(byWebsite.items[0]?.websiteNumber, websiteNumber);
      const bySubject = await lookup(numbers.subjectNumber);
      assert.equal(bySubject.items.length, 1, "the subject's websites");
    });

    test("by a Chinese substring of the name or its pinyin initials", async () => {
      assert.equal((await lookup("三")).items[0]?.subjectName, "张三");
      const initials = await lookup("ZS");
      assert.equal(initials.kind, "subject_name");
      assert.equal(initials.items[0]?.subjectName, "张三", "zs are the initials of 张三");
      assert.equal((await lookup("张%")).items.length, 0, "LIKE wildcards are literal");
    });

    test("only what MIIT publishes: no certificate, phone, address or e-mail", async () => {
      const text = JSON.stringify(await lookup(zhang.domain));
      assert.ok(!text.includes(zhang.certificateNumber), "no certificate number");
      assert.ok(!text.includes(zhang.mobile), "no mobile number");
      assert.ok(!text.includes("文三路"), "no address");
      assert.ok(!text.includes("@"), "no e-mail");
      const item = (await lookup(zhang.domain)).items[0] as unknown as Record<string, unknown>;
      assert.deepEqual(Object.keys(item).sort(), [
        "approvedOn",
        "domain",
        "status",
        "subjectName",
        "subjectNature",
        "subjectNumber",
        "websiteName",
        "websiteNumber",
      ]);
    });

    test("a well-formed domain or number filed nowhere here is 'not filed here'; gibberish is 'unknown'", async () => {
      assert.equal((await lookup("never-filed-here.cn")).verdict, "not_filed_here");
      assert.equal((await lookup("浙ICP备2099999999号")).verdict, "not_filed_here");
      assert.equal((await lookup("qqqqxyz")).verdict, "unknown");
      const empty = await visitor().get("/api/public/filings?q=");
      assert.equal(empty.status, 400, "an empty query is refused");
    });

    test("30 lookups a minute per address, then 429", async () => {
      const client = visitor();
      for (let index = 0; index < 30; index++) await lookup("rate.cn", client);
      const refused = await client.get("/api/public/filings?q=rate.cn");
      assert.equal(refused.status, 429);
    });
  });
}
