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
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DEMO_PASSWORD, DEMO_USERS, HttpSession, type DemoReviewer } from "@openbeian/server";
import type { Page } from "playwright-core";
import { dialogSettled } from "./support/antd.ts";
import { startBrowserPlatform, type BrowserPlatform } from "./support/browser-platform.ts";
import {
  fileDemoFiling,
  logIn as logInAt,
  orderOf,
  picture,
  regulatorEvent,
  uploadMissingMaterials,
} from "./support/demo-filing.ts";
import { ENGINES } from "./support/processes.ts";

const SHOTS = "/tmp";
const DOMAIN = "zhangsan-blog.cn";
const SUBJECT_NUMBER = "浙ICP备2026000888号";
const WEBSITE_NUMBER = "浙ICP备2026000888号-1";
const APP_NUMBER = "浙ICP备2026000888号-2A";
const RECEIVER_EMAIL = "receiver@example.cn";
const SLOW = { timeout: 20_000 };

for (const engine of ENGINES) {
  describe(`order kinds in the portal (${engine})`, () => {
    let env: BrowserPlatform;
    let baseUrl = "";
    let reviewer: DemoReviewer;
    let certificateNumber = "";
    // The pages of both accounts, kept between the tests (the app is filed by the receiver).
    let sender: Page;
    let receiver: Page;

    before(async () => {
      env = await startBrowserPlatform({ name: "kinds", engine, pageTimeout: SLOW.timeout });
      baseUrl = env.baseUrl;

      // The sender's filing, through the API; the receiver, an account without one.
      sender = await env.newPage();
      await sender.goto(`${baseUrl}/login`);
      const filed = await fileDemoFiling(env, {
        photo: await picture(sender),
        domain: DOMAIN,
        email: "zhang.san@example.cn",
        subjectNumber: SUBJECT_NUMBER,
        websiteNumber: WEBSITE_NUMBER,
      });
      reviewer = filed.reviewer;
      certificateNumber = filed.order.data.subject?.certificateNumber ?? "";
      await new HttpSession(baseUrl).post("/api/auth/signup", {
        email: RECEIVER_EMAIL,
        password: DEMO_PASSWORD,
        displayName: "张三（新账号）",
        accountType: "personal",
      });
    });

    after(async () => {
      await env?.close();
    });

    /** Clicks the button and returns the HTTP status of the POST it sends to a path ending so. */
    const answerTo = async (page: Page, testId: string, pathEnd: string) => {
      const [response] = await Promise.all([
        page.waitForResponse(
          (answer) =>
            answer.request().method() === "POST" && new URL(answer.url()).pathname.endsWith(pathEnd),
          SLOW,
        ),
        page.getByTestId(testId).click(),
      ]);
      return response.status();
    };

    const shot = (page: Page, name: string, fullPage = true) =>
      page.screenshot({
        path: join(SHOTS, `order-kinds-${engine}-${name}.png`),
        fullPage,
        animations: "disabled",
      });

    test("a filing is transferred to another account, which accepts it", { timeout: 60_000 }, async () => {
      receiver = await env.newPage();
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
        await dialogSettled(sender);
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
        const transfer = await orderOf(sender, baseUrl);
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
        await dialogSettled(receiver);
        await receiver.locator("#certificate-tail").fill("00000X");
        assert.equal(
          await answerTo(receiver, "accept-transfer-ok", "/accept"),
          422,
          "a wrong tail is refused",
        );
        await receiver.getByText("主体证件号码后6位不正确", { exact: false }).waitFor();
        await receiver.locator("#certificate-tail").fill(certificateNumber.slice(-6));
        assert.equal(
          await answerTo(receiver, "accept-transfer-ok", "/accept"),
          200,
          "the right tail accepts",
        );
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
      assert.deepEqual(env.pageErrors, [], "no script errors in the pages");
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
        // check() waits until the box is ticked (a click during a re-render under load can be lost).
        await page.locator('[data-path="app.platforms"]').getByLabel("安卓", { exact: true }).check();
        await page.locator("#app_android_packageName").fill("1bad");
        const packageName = page.locator('[data-path="app.android.packageName"]');
        await packageName.getByText("安卓包名格式不正确", { exact: false }).waitFor();
        // The step's badge counts it (so its going, below, means the step is clean).
        await page.locator('[data-step-errors="2"]').waitFor();
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
        await uploadMissingMaterials(page);
        await page.getByTestId("wizard-next").click();
        await page.getByTestId("face-file").setInputFiles({
          name: "face.jpg",
          mimeType: "image/jpeg",
          buffer: await picture(page),
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
        const app = await orderOf(page, baseUrl);
        assert.equal(app.type, "app");
        assert.equal(app.state, "provider_review");
        assert.equal(app.data.app?.name, "张三记账本");
        assert.deepEqual(app.data.app?.platforms, ["android"]);
        assert.equal(app.data.websites, undefined, "an app order has no websites");

        // Approved: the order page and 我的App show the app number.
        assert.equal((await reviewer.approve(app.id)).state, "queued_for_bureau");
        await regulatorEvent(env, app.number, { type: "sms_sent" });
        await regulatorEvent(env, app.number, { type: "sms_verified" });
        await regulatorEvent(env, app.number, {
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
      assert.deepEqual(env.pageErrors, [], "no script errors in the pages");
    });
  });
}
