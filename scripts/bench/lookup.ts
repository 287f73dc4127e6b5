import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { nameInitials } from "../../packages/server/src/lookup/initials.ts";
import { publicLookup } from "../../packages/server/src/lookup/public-lookup.ts";
import { openPlatform } from "../../packages/server/src/platform/bootstrap.ts";
import { newId } from "../../packages/server/src/platform/ids.ts";

/**
 * The public lookup with `count` filings stored (one subject and one website
 * each, on SQLite): the mean latency of a lookup by domain, by website number,
 * by pinyin initials and by a Chinese substring of the name, against a primary
 * key read of one website in the same database as the baseline. The rows are
 * written straight to the tables: setup, not the thing measured.
 */
export interface LookupFigures {
  filings: number;
  seedMs: number;
  baselineMicroseconds: number;
  domainMicroseconds: number;
  numberMicroseconds: number;
  initialsMicroseconds: number;
  substringMicroseconds: number;
}

const SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英";

export async function benchLookup(count: number): Promise<LookupFigures> {
  const dir = mkdtempSync(join(tmpdir(), "beian-lookup-"));
  const platform = await openPlatform({
    databaseUrl: join(dir, "lookup.sqlite"),
    storageDir: join(dir, "files"),
    dataKey: randomBytes(32),
    regulatorToken: randomBytes(24).toString("base64url"),
    logger: pino({ level: "silent" }),
  });
  const { ctx } = platform;
  try {
    const started = performance.now();
    const accountId = newId();
    await ctx.db
      .insertInto("account")
      .values({ id: accountId, kind: "customer", type: "personal", name: "bench", created_at: 0 })
      .execute();
    const batch = 2_000;
    for (let start = 0; start < count; start += batch) {
      await ctx.db.transaction().execute(async (trx) => {
        const subjects = [];
        const websites = [];
        for (let i = start; i < Math.min(start + batch, count); i++) {
          const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i >> 5) % GIVEN.length]}${GIVEN[(i >> 10) % GIVEN.length]}`;
          const subjectId = `s${String(i).padStart(8, "0")}`;
          const serial = String(2020000000 + i);
          subjects.push({
            id: subjectId,
            account_id: accountId,
            type: "personal",
            name,
            certificate_type: "resident_id",
            certificate_enc: "x",
            certificate_hash: `h${i}`,
            division_code: "330106",
            address: "x",
            head_name: name,
            head_mobile_enc: "x",
            head_emergency_enc: "x",
            head_email: "x",
            subject_number: `浙ICP备${serial}号`,
            name_initials: initialsOf(name),
            created_at: 0,
            updated_at: 0,
          });
          websites.push({
            id: `w${String(i).padStart(8, "0")}`,
            subject_id: subjectId,
            account_id: accountId,
            order_id: "bench",
            name: `${name}的网站`,
            domain: `site-${i.toString(36)}.cn`,
            home_url: "x",
            service_content: "blog",
            languages: "zh-CN",
            pre_approvals: "[]",
            remark: "",
            head_name: name,
            head_certificate_enc: "x",
            head_mobile_enc: "x",
            head_emergency_enc: "x",
            head_email: "x",
            service_code: "x",
            server_id: "x",
            ip: "47.96.10.20",
            website_number: `浙ICP备${serial}号-1`,
            status: "filed" as const,
            opened_on: null,
            psb_number: null,
            psb_recorded_at: null,
            created_at: 0,
          });
        }
        // SQLite takes at most 32,766 bound values in one statement.
        for (let at = 0; at < subjects.length; at += 500) {
          await trx
            .insertInto("subject")
            .values(subjects.slice(at, at + 500))
            .execute();
          await trx
            .insertInto("website")
            .values(websites.slice(at, at + 500))
            .execute();
        }
      });
    }
    const seedMs = performance.now() - started;
    const pick = (i: number) => (i * 7919) % count;
    const baselineMicroseconds = await mean(200, (i) =>
      ctx.db
        .selectFrom("website")
        .selectAll()
        .where("id", "=", `w${String(pick(i)).padStart(8, "0")}`)
        .execute(),
    );
    return {
      filings: count,
      seedMs,
      baselineMicroseconds,
      domainMicroseconds: await mean(200, (i) => publicLookup(ctx, `www.site-${pick(i).toString(36)}.cn`)),
      numberMicroseconds: await mean(200, (i) => publicLookup(ctx, `浙ICP备${2020000000 + pick(i)}号-1`)),
      initialsMicroseconds: await mean(20, () => publicLookup(ctx, "zwf")),
      substringMicroseconds: await mean(20, () => publicLookup(ctx, "芳娜")),
    };
  } finally {
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const initials = new Map<string, string>();
function initialsOf(name: string): string {
  let value = initials.get(name);
  if (value === undefined) initials.set(name, (value = nameInitials(name)));
  return value;
}

async function mean(times: number, run: (index: number) => Promise<unknown>): Promise<number> {
  await run(0);
  const started = performance.now();
  for (let index = 1; index <= times; index++) await run(index);
  return ((performance.now() - started) / times) * 1000;
}
