/**
 * Issue 9's portal pages in a real browser, on both engines. The demo applicant's first filing
 * is approved over HTTP (upload, submit, initial review, SMS, bureau). 转移备案: the receiving
 * account (signed up over HTTP) copies its 账号ID from 账号信息; the sender, in another browser
 * context, opens 转移备案 on 我的网站, names that account and sends it: the order waits for the
 * receiver (待对方接收) and can be withdrawn. The receiver sees it on 我的网站, is refused with a
 * wrong certificate tail, accepts with the right one and holds the filing; the sender's order
 * says 已转移. APP备案: the receiving account now files an app under that subject through the
 * wizard (the subject locked, the app's step with its live checks, the documents with the app
 * icon, the face photo) and submits it; approved over HTTP with its number, the order page and
 * 我的App show the number. Screenshots go to /tmp/order-kinds-*.png.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  DemoReviewer,
  HttpSession,
  buildApp,
  openPlatform,
  seedDemo,
  type OrderView,
} from "@openbeian/server";
import pg from "pg";
import { chromium, type Browser, type Page } from "playwright-core";
import pino from "pino";
import {
  fileDemoFiling,
  logIn as logInAt,
  picture,
  regulatorEvent as regulatorEventAt,
} from "./support/demo-filing.ts";
import { PG_URL } from "./support/processes.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const WEB_DIST = join(ROOT, "packages/web/dist");
const CHROMIUM = "/usr/bin/chromium";
const SHOTS = "/tmp";
const DOMAIN = "zhangsan-blog.cn";
const SUBJECT_NUMBER = "浙ICP备2026000888号";
const WEBSITE_NUMBER = "浙ICP备2026000888号-1";
const APP_NUMBER = "浙ICP备2026000888号-2A";
const RECEIVER_EMAIL = "receiver@example.cn";
const SLOW = { timeout: 20_000 };
const engines = process.env.TEST_ENGINES ? process.env.TEST_ENGINES.split(",") : ["sqlite", "postgres"];

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

before(() => {
  if (!existsSync(join(WEB_DIST, "index.html"))) {
    const build = spawnSync("npm", ["run", "build", "-w", "@openbeian/web"], { cwd: ROOT, stdio: "inherit" });
    assert.equal(build.status, 0, "building the web app failed");
  }
});

for (const engine of engines) {
  describe(`order kinds in the portal (${engine})`, () => {
    let baseUrl = "";
    let regulatorToken = "";
    let browser: Browser;
    let stop: () => Promise<void> = async () => {};
    let reviewer: DemoReviewer;
    let certificateNumber = "";
    const pageErrors: string[] = [];
    // The pages of both accounts, kept between the tests (the app is filed by the receiver).
    let sender: Page;
    let receiver: Page;

    before(async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "openbeian-kinds-"));
      let schema: string | undefined;
      if (engine === "postgres") {
        schema = `e2e_${randomBytes(6).toString("hex")}`;
        await adminQuery(`CREATE SCHEMA ${schema}`);
      }
      const platform = await openPlatform({
        databaseUrl: schema ? PG_URL : join(dataDir, "e2e.sqlite"),
        pgSchema: schema,
        storageDir: join(dataDir, "files"),
        dataKey: randomBytes(32),
        regulatorToken: (regulatorToken = randomBytes(24).toString("base64url").slice(0, 32)),
        logger: pino({ level: "silent" }),
      });
      await seedDemo(platform.ctx);
      const app = await buildApp(platform.ctx, { webDist: WEB_DIST, logger: false });
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      assert.ok(address && typeof address === "object", "the platform listens on a TCP port");
      baseUrl = `http://127.0.0.1:${address.port}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
      });
      stop = async () => {
        await browser.close();
        await app.close();
        await platform.close();
        if (schema) await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
        rmSync(dataDir, { recursive: true, force: true });
      };

      // The sender's filing, through the API; the receiver, an account without one.
      const applicant = new HttpSession(baseUrl);
      await applicant.post("/api/auth/login", { email: DEMO_USERS.applicant, password: DEMO_PASSWORD });
      reviewer = await DemoReviewer.logIn(baseUrl, { email: DEMO_USERS.reviewer, password: DEMO_PASSWORD });
      sender = await newPage();
      await sender.goto(`${baseUrl}/login`);
      const filed = await fileDemoFiling({
        baseUrl,
        regulatorToken,
        applicant,
        reviewer,
        photo: await picture(sender),
        domain: DOMAIN,
        email: "zhang.san@example.cn",
        subjectNumber: SUBJECT_NUMBER,
        websiteNumber: WEBSITE_NUMBER,
      });
      certificateNumber = filed.data.subject?.certificateNumber ?? "";
      await new HttpSession(baseUrl).post("/api/auth/signup", {
        email: RECEIVER_EMAIL,
        password: DEMO_PASSWORD,
        displayName: "张三（新账号）",
        accountType: "personal",
      });
    });

    after(async () => {
      await stop();
    });

    async function newPage(): Promise<Page> {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
      });
      const page = await context.newPage();
      page.setDefaultTimeout(SLOW.timeout);
      page.on("pageerror", (error) => pageErrors.push(error.message));
      return page;
    }

    const shot = (page: Page, name: string, fullPage = true) =>
      page.screenshot({
        path: join(SHOTS, `order-kinds-${engine}-${name}.png`),
        fullPage,
        animations: "disabled",
      });

    /** The order the page shows (/orders/:id…), read over the page's session. */
    async function orderOf(page: Page): Promise<OrderView & { data: { app?: Record<string, unknown> } }> {
      const id = /\/orders\/([^/?]+)/.exec(page.url())?.[1];
      assert.ok(id, `an order page: ${page.url()}`);
      const response = await page.request.get(`${baseUrl}/api/orders/${id}`);
      assert.equal(response.status(), 200);
      return (await response.json()) as OrderView & { data: { app?: Record<string, unknown> } };
    }

    test("a filing is transferred to another account, which accepts it", { timeout: 60_000 }, async () => {
      receiver = await newPage();
      try {
        // The receiver's 账号ID, as it would copy it from 账号信息.
        await logInAt(receiver, baseUrl, RECEIVER_EMAIL);
        await receiver.goto(`${baseUrl}/account`);
        const accountId = (await receiver.getByTestId("account-id").innerText()).trim();
        assert.match(accountId, /^\S{8,}$/, "the account ID is shown");

        // 转移备案 on the sender's 我的网站: the dialog names the account; the order waits for it.
        await logInAt(sender, baseUrl, DEMO_USERS.applicant);
        await sender.goto(`${baseUrl}/websites`);
        await sender.getByTestId("filing-actions").getByText(SUBJECT_NUMBER).waitFor();
        await sender.getByTestId("start-transfer").click();
        const dialog = sender.getByTestId("transfer-dialog");
        await dialog.getByText("主体证件号码后6位", { exact: false }).waitFor();
        await sender.locator("#transfer-account-id").fill(accountId);
        await shot(sender, "transfer-dialog", false);
        await sender.getByTestId("transfer-send").click();
        await sender.waitForURL(/\/orders\/[^/]+$/, SLOW);
        const panel = sender.locator('[data-testid="transfer-order"][data-state="awaiting_acceptance"]');
        await panel.getByTestId("transfer-to").getByText(accountId).waitFor();
        await sender
          .locator('[data-state="awaiting_acceptance"]', { hasText: "待对方接收" })
          .first()
          .waitFor();
        await sender.locator('button[data-action="withdraw"]', { hasText: "撤销转移" }).waitFor();
        const transfer = await orderOf(sender);
        assert.equal(transfer.type, "transfer");
        assert.equal(transfer.state, "awaiting_acceptance");
        await shot(sender, "transfer-sent");

        // The receiver: 待接收 on 我的网站; a wrong certificate tail is refused, the right one accepts.
        await receiver.goto(`${baseUrl}/websites`);
        const incoming = receiver.locator(
          `[data-testid="incoming-transfer"][data-number="${transfer.number}"]`,
        );
        await incoming.getByText(DOMAIN).waitFor();
        await shot(receiver, "transfer-incoming");
        await incoming.getByTestId("accept-transfer").click();
        await receiver.locator("#certificate-tail").fill("00000X");
        await receiver.getByTestId("accept-transfer-ok").click();
        await receiver.getByText("主体证件号码后6位不正确", { exact: false }).waitFor();
        await receiver.locator("#certificate-tail").fill(certificateNumber.slice(-6));
        await receiver.getByTestId("accept-transfer-ok").click();
        await receiver.getByTestId("filing-actions").getByText(SUBJECT_NUMBER).waitFor();
        await receiver.locator(`[data-testid="website"][data-domain="${DOMAIN}"]`).waitFor();
        assert.equal(await receiver.getByTestId("incoming-transfers").count(), 0, "nothing left to accept");
        await shot(receiver, "transfer-accepted");

        // The sender's order says 已转移; its 我的网站 has no filing left.
        await sender.reload();
        await sender.locator('[data-state="approved"]', { hasText: "已转移" }).first().waitFor();
        await sender.goto(`${baseUrl}/websites`);
        await sender.getByTestId("websites-empty").waitFor();
        assert.equal(await sender.getByTestId("filing-actions").count(), 0);
      } catch (error) {
        await shot(sender, "failure-sender").catch(() => {});
        await shot(receiver, "failure-receiver").catch(() => {});
        throw error;
      }
      assert.deepEqual(pageErrors, [], "no script errors in the pages");
    });

    test("the receiving account files an app through the wizard", { timeout: 60_000 }, async () => {
      const page = receiver;
      try {
        await page.goto(`${baseUrl}/websites`);
        await page.getByTestId("start-app").click();
        await page.waitForURL(/\/orders\/[^/]+\/edit$/, SLOW);
        await page.getByTestId("order-kind").getByTestId("order-kind-tag").getByText("APP备案").waitFor();
        // The subject as filed, read-only; no 基础信息校验 step.
        await page.locator('[data-step="subject"]').waitFor();
        assert.equal(await page.locator("#subject_name").isDisabled(), true, "the subject is as filed");
        assert.equal(await page.locator(".wizard-steps .ant-steps-item").count(), 5);
        await page.getByTestId("wizard-next").click();

        // App信息: a bad package name is marked at once, then fixed.
        await page.getByTestId("app-step").waitFor();
        await page.locator("#app_name").fill("张三记账本");
        await page.locator('[data-path="app.platforms"]').getByText("安卓", { exact: true }).click();
        await page.locator("#app_android_packageName").fill("1bad");
        const packageName = page.locator('[data-path="app.android.packageName"]');
        await packageName.getByText("安卓包名格式不正确", { exact: false }).waitFor();
        await page.locator("#app_android_packageName").fill("cn.zhangsan.ledger");
        await page
          .locator("#app_android_signatureMd5")
          .fill("A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90");
        await page.locator("#app_android_publicKey").fill("30820122300d06092a864886f70d01010105000382010f00");
        await page.locator("#app_domains").fill("api.zhangsan-blog.cn");
        await page.keyboard.press("Enter");
        await page.locator("#app_serviceContent").fill("个人记账工具");
        await page.getByTestId("copy-head").click();
        // Nothing left to fix on this step (the documents come next).
        await page.waitForFunction(() => !document.querySelector('[data-step-errors="2"]'));
        await shot(page, "app-step");
        await page.getByTestId("wizard-next").click();

        // 上传资料: the head's ID and the app icon; 人脸核验 from a file.
        await page.locator('.material-row[data-kind="app_icon"]').waitFor();
        for (;;) {
          const missing = page.locator('.material-row[data-status="missing"]');
          if ((await missing.count()) === 0) break;
          const kind = (await missing.first().getAttribute("data-kind")) ?? "";
          await missing
            .first()
            .locator('input[type="file"]')
            .setInputFiles({
              name: `${kind}.jpg`,
              mimeType: "image/jpeg",
              buffer: Buffer.from(await picture(page)),
            });
          await page.locator(`.material-row[data-kind="${kind}"][data-status="uploaded"]`).waitFor();
        }
        await page.getByTestId("wizard-next").click();
        await page.getByTestId("face-file").setInputFiles({
          name: "face.jpg",
          mimeType: "image/jpeg",
          buffer: Buffer.from(await picture(page)),
        });
        await page.getByTestId("face-passed").waitFor();
        await page.getByTestId("wizard-next").click();

        // 提交: no errors left; submitted to initial review.
        await page.locator('[data-step="submit"]').waitFor();
        await page.getByTestId("live-check").filter({ hasText: "实时检查：0个错误" }).waitFor();
        const acknowledge = page.getByTestId("acknowledge-warnings");
        if (await acknowledge.count()) await acknowledge.check();
        await page.getByTestId("submit-order").click();
        await page.waitForURL(/\/orders\/[^/]+$/, SLOW);
        await page.locator('[data-state="provider_review"]').first().waitFor();
        const app = await orderOf(page);
        assert.equal(app.type, "app");
        assert.equal(app.state, "provider_review");
        assert.equal(app.data.app?.name, "张三记账本");
        assert.deepEqual(app.data.app?.platforms, ["android"]);
        assert.equal(app.data.websites, undefined, "an app order has no websites");

        // Approved: the order page and 我的App show the app number.
        assert.equal((await reviewer.approve(app.id)).state, "queued_for_bureau");
        await regulatorEventAt(baseUrl, regulatorToken, app.number, { type: "sms_sent" });
        await regulatorEventAt(baseUrl, regulatorToken, app.number, { type: "sms_verified" });
        await regulatorEventAt(baseUrl, regulatorToken, app.number, {
          type: "bureau_approved",
          numbers: { subjectNumber: SUBJECT_NUMBER, websiteNumbers: {}, appNumber: APP_NUMBER },
        });
        await page.reload();
        await page.getByTestId("app-number-card").getByText(APP_NUMBER).waitFor();
        await shot(page, "app-approved");
        await page.goto(`${baseUrl}/websites`);
        await page.getByTestId("filed-apps").getByText(APP_NUMBER).waitFor();
      } catch (error) {
        await shot(page, "failure-app").catch(() => {});
        throw error;
      }
      assert.deepEqual(pageErrors, [], "no script errors in the pages");
    });
  });
}
