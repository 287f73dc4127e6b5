/**
 * End-to-end journey through the web portal in a real browser: an applicant
 * files a first-filing order through the wizard in the Chinese UI (with a
 * detour through the English one), uploading the documents and taking the
 * face photo with chromium's fake camera, a reviewer approves it in initial
 * review, and the applicant sees it queued for the bureau. The platform runs in-process on a fresh
 * SQLite file; the web app is built first when packages/web/dist is missing.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { makeResidentId } from "@openbeian/core";
import { DEMO_PASSWORD, DEMO_USERS } from "@openbeian/server";
import type { Page, Request } from "playwright-core";
import { confirmDialog, pickOption } from "./support/antd.ts";
import { CHROMIUM, startBrowserPlatform, type BrowserPlatform } from "./support/browser-platform.ts";
import { regulatorEvent as regulatorEventAt, uploadMissingMaterials } from "./support/demo-filing.ts";

const SHOTS = "/tmp";

let env: BrowserPlatform;
let baseUrl = "";

before(async () => {
  await waitForFile(CHROMIUM, 120_000);
  env = await startBrowserPlatform({
    name: "e2e",
    // The worker delivers the in-app notifications the journey checks at the end.
    worker: true,
    chromiumArgs: [
      "--disable-quic",
      "--disable-component-update",
      "--disable-sync",
      // The wizard's 人脸核验 step: a fake camera, permission granted without asking.
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
    ],
  });
  baseUrl = env.baseUrl;
});

after(async () => {
  await env?.close();
});

async function waitForFile(path: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`${path} did not appear (is chromium installed?)`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** A page in the browser's own time zone (the return journey types dates computed in UTC). */
async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => env.pageErrors.push(error.message));
  return page;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `e2e-${name}.png`), fullPage: true, animations: "disabled" });
}

async function logIn(page: Page, email: string) {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login$/);
  await page.locator("#login_email").fill(email);
  await page.locator("#login_password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function logOut(page: Page) {
  await page.getByTestId("user-menu").hover();
  await page.getByRole("menuitem", { name: /退出登录|Log out/ }).click();
  await page.waitForURL(/\/login$/);
}

const pick = pickOption;

async function fillDate(page: Page, id: string, value: string) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(value);
  await input.press("Enter");
}

/**
 * The wizard's 下一步: saves the draft and shows step `step` (from 1); a click a busy machine
 * swallowed (the page stays put) is repeated once.
 */
async function nextStep(page: Page, step: number) {
  const there = new RegExp(`[?&]step=${step}$`);
  await page.getByTestId("wizard-next").click();
  try {
    await page.waitForURL(there, { timeout: 10_000 });
  } catch {
    // The button is gone once the last step shows, and disabled while a save runs.
    if (!there.test(page.url()))
      await page
        .getByTestId("wizard-next")
        .click({ timeout: 5_000 })
        .catch(() => {});
    await page.waitForURL(there, { timeout: 20_000 });
  }
}

/** 人脸核验 with chromium's fake camera: 拍照, and the simulated liveness check passes. */
async function captureFace(page: Page) {
  await page.getByTestId("face-shoot").click();
  await page.getByTestId("face-passed").getByText("活体检测通过（模拟）").waitFor();
}

/** Waits for the live check to report no errors; when it does not, fails naming the problems it shows. */
async function expectNoErrors(page: Page) {
  const clean = page.getByTestId("live-check").filter({ hasText: "实时检查：0个错误" });
  try {
    await clean.waitFor({ timeout: 20_000 });
  } catch (error) {
    const line = await page
      .getByTestId("live-check")
      .innerText()
      .catch(() => "(no live check)");
    const listed = await page
      .locator(".problem-list li")
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`live check not clean: ${line} | ${listed.join(" | ")}`, { cause: error });
  }
}

/** Reports an event as the regulator bridge would. */
const regulatorEvent = (orderNumber: string, event: Record<string, unknown>) =>
  regulatorEventAt(env, orderNumber, event);

test("applicant files an order in the portal, reviewer approves it", { timeout: 150_000 }, async () => {
  const page = await newPage();
  try {
    await journey(page);
  } catch (error) {
    await shot(page, "failure").catch(() => {});
    throw error;
  }
  assert.deepEqual(env.pageErrors, []);
});

async function journey(page: Page) {
  const certificate = makeResidentId("330106", "1990-03-07", "123");

  // 1. The applicant logs in and lands on the Chinese 工作台.
  await logIn(page, DEMO_USERS.applicant);
  await page.getByRole("heading", { name: "工作台" }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
  await page.getByRole("button", { name: /开始备案/ }).waitFor();
  await shot(page, "1-dashboard-zh");

  // 2. English on the header toggle; the choice survives a reload.
  await page.getByTestId("lang-toggle").click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
  await page.getByRole("button", { name: /Start filing/ }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
  await shot(page, "2-dashboard-en");

  // 3. Servers: the demo server is eligible and shows its five unused service codes.
  await page.getByRole("menuitem", { name: "Servers" }).click();
  await page.getByRole("heading", { name: "Servers" }).waitFor();
  const codeRows = page.locator(".service-codes tbody tr.ant-table-row");
  await codeRows.first().waitFor();
  assert.equal(await codeRows.count(), 5);
  assert.equal(await page.locator('.service-codes [data-code-state="unused"]').count(), 5);
  await page.getByText("Eligible", { exact: true }).waitFor();
  await shot(page, "3-servers-en");

  // 4. Back to Chinese; start an order: the filing wizard.
  await page.getByTestId("lang-toggle").click();
  await page.getByRole("menuitem", { name: "工作台" }).click();
  await page.getByRole("button", { name: /开始备案/ }).click();
  await page.waitForURL(/\/orders\/[^/]+\/edit$/);
  const orderId = page.url().split("/").at(-2) ?? "";

  // Step 1, 基础信息校验: province (the division code follows), certificate, domain; then the
  // platform says which order type the records call for.
  await page.locator(".ant-steps-item-active", { hasText: "基础信息校验" }).waitFor();
  await pick(page, "subject_province", "浙江", "浙江");
  assert.equal(await page.locator("#subject_divisionCode").inputValue(), "330100");
  await page.locator("#subject_divisionCode").fill("330106");
  // A wrong check character: the error appears beside the field while typing, and the step is marked.
  const badCertificate = certificate.slice(0, 17) + (certificate.endsWith("1") ? "2" : "1");
  await page.locator("#subject_certificateNumber").fill(badCertificate);
  const certificateItem = page.locator(".ant-form-item", { has: page.locator("#subject_certificateNumber") });
  await certificateItem.locator(".ant-form-item-explain", { hasText: "身份证号码校验位错误" }).waitFor();
  assert.match((await certificateItem.getAttribute("class")) ?? "", /ant-form-item-has-error/);
  await shot(page, "4a1-wizard-bad-id-zh");
  await page.locator("#subject_certificateNumber").fill(certificate);
  await certificateItem
    .locator(".ant-form-item-explain", { hasText: "校验位" })
    .waitFor({ state: "detached" });
  await pick(page, "websites_0_domain", "zhangsan-blog.cn");
  await nextStep(page, 2);
  await page.getByTestId("wizard-prev").click();
  await page.waitForURL(/[?&]step=1$/);
  await page
    .locator('[data-testid="order-type"][data-order-type="first_filing"]', {
      hasText: "订单类型：首次备案 — 主体与域名均未备案，办理首次备案",
    })
    .waitFor();
  await shot(page, "4a-wizard-basics-zh");
  await nextStep(page, 2);

  // Step 2, 主办者信息.
  await page.locator("#subject_name").fill("张三");
  await page.locator("#subject_address").fill("浙江省杭州市西湖区文三路100号");
  await page.locator("#subject_head_name").fill("张三");
  await page.locator("#subject_head_certificateNumber").fill(certificate);
  await fillDate(page, "subject_head_certificateValidFrom", "2020-01-01");
  await page.locator("#subject_head_certificateLongTerm").check();
  await page.locator("#subject_head_mobile").fill("13800138000");
  await page.locator("#subject_head_emergencyPhone").fill("13900139000");
  await page.locator("#subject_head_email").fill("zhang.san@example.cn");
  await shot(page, "4a2-wizard-subject-zh");
  await nextStep(page, 3);

  // Step 3, 互联网信息服务. Live pre-check: a word personal sites may not use is flagged beside the field as it is
  // typed, before anything is saved, and the flag goes once the name is changed.
  const saves: string[] = [];
  const countSave = (request: Request) => {
    if (request.method() === "PUT" && request.url().endsWith(`/api/orders/${orderId}/data`)) {
      saves.push(request.url());
    }
  };
  page.on("request", countSave);
  const nameItem = page.locator(".ant-form-item", { has: page.locator("#websites_0_name") });
  const bannedWord = nameItem.locator(".ant-form-item-explain", {
    hasText: "个人网站名称不能使用以下词语：博客",
  });
  await page.locator("#websites_0_name").fill("张三的个人博客");
  await bannedWord.waitFor();
  assert.match((await nameItem.getAttribute("class")) ?? "", /ant-form-item-has-error/);
  await page.locator('.problem-list [data-field="websites.0.name"]', { hasText: "博客" }).waitFor();
  await page
    .getByTestId("live-check")
    .filter({ hasText: /^实时检查：\d+个错误，\d+个提示$/ })
    .waitFor();
  await nameItem.scrollIntoViewIfNeeded();
  await shot(page, "live-precheck");
  await page.locator("#websites_0_name").fill("张三的编程笔记");
  await bannedWord.waitFor({ state: "detached" });
  assert.equal(await page.locator('.problem-list [data-field="websites.0.name"]').count(), 0);
  assert.deepEqual(saves, [], "the live check must not save");
  page.off("request", countSave);
  // The domain picked in step 1 gave the home page.
  assert.equal(await page.locator("#websites_0_homeUrl").inputValue(), "http://zhangsan-blog.cn");
  await pick(page, "websites_0_serviceContent", "博客");
  await pick(page, "websites_0_serviceCode", /未使用/);
  await page
    .locator("#websites_0_remark")
    .fill("个人技术博客，记录编程学习笔记与开源项目经验分享，不含经营性内容。");
  await page.getByTestId("copy-head").click();
  assert.equal(await page.locator("#websites_0_head_mobile").inputValue(), "13800138000");
  await page.getByTestId("save-draft").click();
  await page.getByText("已保存").waitFor();
  await shot(page, "4-order-form-zh");

  // Step 4, 上传资料: a file over 4 MB is refused in the browser; the pre-filled verification
  // form downloads; then every required document is uploaded.
  await nextStep(page, 4);
  const idFront = page.locator('.material-row[data-kind="id_front"]');
  await idFront.locator('input[type="file"]').setInputFiles({
    name: "huge.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.alloc(4 * 1024 * 1024 + 1),
  });
  await idFront.getByText("文件超过 4 MB").waitFor();
  // A text file dressed as a JPEG passes the browser's checks; the server sniffs the bytes and refuses it.
  await idFront.locator('input[type="file"]').setInputFiles({
    name: "id-front.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from("<html><script>alert(1)</script></html>"),
  });
  await idFront.getByText("文件格式不支持，只能上传 JPEG、PNG 图片或 PDF 文件").waitFor();
  await shot(page, "4b1-wizard-upload-refused-zh");
  const form = await page.request.get(`${baseUrl}/api/orders/${orderId}/documents/verification-form.pdf`);
  assert.equal(form.status(), 200);
  assert.match(form.headers()["content-type"] ?? "", /application\/pdf/);
  await uploadMissingMaterials(page);
  await idFront.locator(".material-item img").waitFor();
  await shot(page, "4b-wizard-materials-zh");

  // Step 5, 人脸核验 with the fake camera.
  await nextStep(page, 5);
  await captureFace(page);
  await shot(page, "4c-wizard-face-zh");

  // Step 6, 提交: nothing left to fix. The order is then in initial review (初审中).
  await nextStep(page, 6);
  await expectNoErrors(page);
  await shot(page, "4d-wizard-review-zh");
  await page.locator('.ant-list-item [data-kind="face_capture"]').waitFor();
  await page.getByTestId("submit-order").click();
  await page.waitForURL(new RegExp(`/orders/${orderId}$`));
  await page.locator('[data-state="provider_review"]', { hasText: "初审中" }).first().waitFor();
  await page.getByText("接入商初审中").waitFor();
  const orderNumber = (await page.getByRole("heading", { level: 4 }).innerText()).split(" ").at(-1) ?? "";
  assert.match(orderNumber, /^OB\d{14}$/);
  // The estimated dates of the remaining steps, or why there are none yet (the working-day
  // calendar may not reach that far ahead of the machine's date).
  const eta = page.getByTestId("eta");
  await eta.getByText("预计时间").waitFor();
  await eta.locator('[data-step="initial_review"], .ant-alert').first().waitFor();
  if ((await eta.locator(".ant-alert").count()) === 0) {
    await eta.getByText("预计最晚备案完成日期").waitFor();
    assert.match(await page.getByTestId("eta-filed-by").innerText(), /^\d{4}-\d{2}-\d{2}$/);
  } else {
    await eta.getByText("工作日历缺少相关年份的数据").waitFor();
  }
  await shot(page, "5-order-submitted-zh");
  await eta.screenshot({ path: join(SHOTS, "e2e-order-eta.png"), animations: "disabled" });
  await logOut(page);

  // 6. The reviewer finds the order in the queue and approves it.
  await logIn(page, DEMO_USERS.reviewer);
  await page.getByRole("heading", { name: "审核队列" }).waitFor();
  await page.getByRole("link", { name: orderNumber }).waitFor();
  await shot(page, "6-review-queue-zh");
  await page.getByRole("link", { name: orderNumber }).click();
  await page.waitForURL(new RegExp(`/console/orders/${orderId}$`));
  await page.getByText("第1次提交", { exact: true }).waitFor();
  await shot(page, "7-review-order-zh");
  await page.locator('button[data-action="approve"]').click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox").fill("资料齐全，初审通过");
  await confirmDialog(page, /确\s*定/);
  await page.locator('[data-state="queued_for_bureau"]').first().waitFor();
  assert.equal(await page.locator('button[data-action="approve"]').count(), 0);
  await shot(page, "8-review-approved-zh");
  await logOut(page);

  // 7. The applicant sees the order queued for the bureau, and a message about it.
  await logIn(page, DEMO_USERS.applicant);
  await page.getByRole("heading", { name: "工作台" }).waitFor();
  const row = page.locator("tr", { hasText: orderNumber });
  await row.locator('[data-state="queued_for_bureau"]', { hasText: "待提交管局" }).waitFor();
  await shot(page, "9-dashboard-queued-zh");
  await page.getByRole("menuitem", { name: "消息" }).click();
  await page.getByText(`备案订单 ${orderNumber} 初审通过`).waitFor();
  await shot(page, "10-notifications-zh");
}

test(
  "new applicant: sign-up, resources, returned fields, resubmission, ICP numbers",
  { timeout: 150_000 },
  async () => {
    const applicant = await newPage();
    const reviewer = await newPage();
    try {
      await returnJourney(applicant, reviewer);
    } catch (error) {
      await shot(applicant, "failure-applicant").catch(() => {});
      await shot(reviewer, "failure-reviewer").catch(() => {});
      throw error;
    }
    assert.deepEqual(env.pageErrors, []);
  },
);

async function returnJourney(page: Page, reviewer: Page) {
  const certificate = makeResidentId("110105", "1988-08-08", "456");
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  // Sign up as a new personal applicant.
  await page.goto(`${baseUrl}/login`);
  await page.getByRole("heading", { name: "登录 OpenBeian" }).waitFor();
  await shot(page, "0-login-zh");
  await page.getByRole("tab", { name: "注册" }).click();
  await page.locator("#signup_displayName").fill("李四");
  await page.locator("#signup_email").fill("li.si@example.cn");
  await page.locator("#signup_password").fill("Li4-Secret-2026");
  await page.getByTestId("signup-submit").click();
  await page.getByRole("heading", { name: "工作台" }).waitFor();

  // Register a domain (real-name verified yesterday: a warning on submit) and a server.
  await page.getByRole("menuitem", { name: "域名" }).click();
  await page.getByRole("button", { name: /添加域名/ }).click();
  await page.locator("#domain_name").fill("lisi-notes.cn");
  await page.locator("#domain_holderName").fill("李四");
  await page.locator("#domain_holderCertificateNumber").fill(certificate);
  await fillDate(page, "domain_realNameVerifiedAt", `${day(-1)} 10:00:00`);
  await fillDate(page, "domain_expiresAt", day(730));
  await confirmDialog(page, /保\s*存/);
  await page.getByRole("cell", { name: "lisi-notes.cn" }).waitFor();
  await page.getByText("已实名", { exact: false }).waitFor();

  await page.getByRole("menuitem", { name: "服务器" }).click();
  await page.getByRole("button", { name: /添加服务器/ }).click();
  await page.locator("#server_instanceId").fill("i-bp1e2e0000lisi");
  await page.locator("#server_product").fill("ecs.e-c1m1.large");
  await page.locator("#server_publicIp").fill("47.96.10.21");
  await confirmDialog(page, /保\s*存/);
  await page.locator('.service-codes [data-code-state="unused"]').nth(4).waitFor();
  await shot(page, "11-servers-added-zh");

  // Start and walk the wizard; the recent real-name verification needs acknowledging.
  await page.getByRole("menuitem", { name: "工作台" }).click();
  await page.getByRole("button", { name: /开始备案/ }).click();
  await page.waitForURL(/\/orders\/[^/]+\/edit$/);
  const orderId = page.url().split("/").at(-2) ?? "";
  await pick(page, "subject_province", "北京", "北京");
  await page.locator("#subject_divisionCode").fill("110105");
  await page.locator("#subject_certificateNumber").fill(certificate);
  await pick(page, "websites_0_domain", "lisi-notes.cn");
  await nextStep(page, 2);
  await page.locator("#subject_name").fill("李四");
  await page.locator("#subject_address").fill("北京市朝阳区建国路1号");
  await page.locator("#subject_head_name").fill("李四");
  await page.locator("#subject_head_certificateNumber").fill(certificate);
  await fillDate(page, "subject_head_certificateValidFrom", "2018-05-01");
  await fillDate(page, "subject_head_certificateValidTo", "2038-05-01");
  await page.locator("#subject_head_mobile").fill("13700137000");
  await page.locator("#subject_head_emergencyPhone").fill("010-65000000");
  await page.locator("#subject_head_email").fill("li.si@example.cn");
  await nextStep(page, 3);
  await page.locator("#websites_0_name").fill("李四的读书笔记");
  await pick(page, "websites_0_serviceContent", "博客");
  await pick(page, "websites_0_serviceCode", /未使用/);
  await page.locator("#websites_0_remark").fill("个人读书笔记。");
  await page.getByTestId("copy-head").click();
  // The short remark is an error beside the field, and a badge on its step.
  const remarkItem = page.locator(".ant-form-item", { has: page.locator("#websites_0_remark") });
  await remarkItem.getByText("个人网站备注需如实描述网站内容，不少于20字").waitFor();
  await nextStep(page, 4);
  await uploadMissingMaterials(page);
  await nextStep(page, 5);
  await captureFace(page);
  await nextStep(page, 6);
  // It blocks submission: the button says how many errors remain, the list says which.
  const submitButton = page.getByTestId("submit-order");
  await submitButton.filter({ hasText: /提交初审（1个错误待解决）/ }).waitFor();
  assert.equal(await submitButton.isDisabled(), true);
  await page.locator('.problem-list [data-field="websites.0.remark"]').waitFor();
  await page.locator('[data-step-errors="2"]').waitFor();
  await shot(page, "12-order-blocked-zh");
  // Back to its step from the list of problems, fixed, and on to 提交 again.
  await page.getByRole("button", { name: /第 3\/6 步：互联网信息服务/ }).click();
  await page.waitForURL(/[?&]step=3$/);
  await page.locator("#websites_0_remark").fill("个人读书笔记，分享读过的书籍摘要与读后感，不含经营性内容。");
  await nextStep(page, 4);
  await nextStep(page, 5);
  await nextStep(page, 6);
  // The warning (domain verified only yesterday) must be acknowledged before submitting.
  await page.locator('.problem-list [data-severity="warning"]').first().waitFor();
  await submitButton.filter({ hasText: /^提交初审$/ }).waitFor();
  assert.equal(await submitButton.isDisabled(), true);
  await page.getByTestId("acknowledge-warnings").check();
  await shot(page, "13-order-warning-zh");
  await submitButton.click();
  await page.waitForURL(new RegExp(`/orders/${orderId}$`));
  await page.locator('[data-state="provider_review"]').first().waitFor();
  const orderNumber = (await page.getByRole("heading", { level: 4 }).innerText()).split(" ").at(-1) ?? "";

  // The reviewer returns the remark with a reason.
  await logIn(reviewer, DEMO_USERS.reviewer);
  await reviewer.goto(`${baseUrl}/console/orders/${orderId}`);
  await reviewer.locator('button[data-action="return"]').click();
  const returnDialog = reviewer.getByRole("dialog");
  await pick(reviewer, "decision_fields_0_field", "网站1 · 备注", "备注");
  await returnDialog.locator("#decision_fields_0_reason").fill("请补充网站的具体栏目");
  await shot(reviewer, "14-review-return-zh");
  await confirmDialog(reviewer, /确\s*定/);
  await reviewer.locator('[data-state="returned"]').first().waitFor();

  // The applicant may change only the returned field; the wizard opens on its step.
  await page.reload();
  await page.locator('[data-state="returned"]').first().waitFor();
  await page.getByText("请补充网站的具体栏目").first().waitFor();
  await page.locator('button[data-action="edit"]').click();
  await page.waitForURL(/\/edit$/);
  await page.locator(".ant-steps-item-active", { hasText: "互联网信息服务" }).waitFor();
  await page.locator("#websites_0_remark").waitFor();
  assert.equal(await page.locator("#websites_0_name").isDisabled(), true);
  assert.equal(await page.locator("#websites_0_remark").isEditable(), true);
  await page.getByTestId("wizard-prev").click();
  await page.waitForURL(/[?&]step=2$/);
  assert.equal(await page.locator("#subject_name").isDisabled(), true);
  await nextStep(page, 3);
  await page
    .locator("#websites_0_remark")
    .fill("个人读书笔记，栏目有书评、读书摘要与书单推荐，不含经营性内容，不开放评论。");
  await shot(page, "15-order-returned-form-zh");
  await nextStep(page, 4);
  await nextStep(page, 5);
  await page.getByTestId("face-passed").waitFor();
  await nextStep(page, 6);
  await page.getByTestId("acknowledge-warnings").check();
  await page.getByTestId("submit-order").click();
  await page.waitForURL(new RegExp(`/orders/${orderId}$`));
  await page.locator('[data-state="resubmitted"]').first().waitFor();

  // The reviewer sees what changed in the second submission and approves.
  await reviewer.goto(`${baseUrl}/console/queue`);
  await reviewer.getByRole("link", { name: orderNumber }).click();
  await reviewer.getByText("第2次提交", { exact: true }).waitFor();
  await reviewer.locator(".ant-tag", { hasText: "网站1 · 备注" }).first().waitFor();
  await shot(reviewer, "16-review-resubmitted-zh");
  await reviewer.locator('button[data-action="approve"]').click();
  await confirmDialog(reviewer, /确\s*定/);
  await reviewer.locator('[data-state="queued_for_bureau"]').first().waitFor();

  // The bureau files it; the applicant sees the numbers and the footer snippet.
  const websiteNumber = "京ICP备2026000123号-1";
  await regulatorEvent(orderNumber, { type: "sms_sent" });
  await regulatorEvent(orderNumber, { type: "sms_verified" });
  await regulatorEvent(orderNumber, {
    type: "bureau_approved",
    numbers: { subjectNumber: "京ICP备2026000123号", websiteNumbers: { "lisi-notes.cn": websiteNumber } },
  });
  await page.reload();
  await page.locator('[data-state="approved"]').first().waitFor();
  const records = page.getByTestId("records");
  await records.getByText(websiteNumber, { exact: true }).waitFor();
  assert.equal(
    await records.locator("pre.snippet").innerText(),
    `<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">${websiteNumber}</a>`,
  );
  await shot(page, "17-order-approved-zh");
}
