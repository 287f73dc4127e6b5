// Throwaway: drives the wizard against a running platform and takes screenshots.
import { chromium } from "playwright-core";
const BASE = "http://127.0.0.1:3397";
const SHOTS = "/tmp/wizard-shots";
const FILES = "/tmp/wizard-files";
const mode = process.argv[2] ?? "fill";

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--disable-gpu",
  ],
});
const errors = [];
async function newPage(width, lang) {
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 900 },
    locale: "zh-CN",
    deviceScaleFactor: 1,
  });
  await context.addInitScript((l) => localStorage.setItem("openbeian.lang", l), lang);
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`);
  });
  return page;
}
async function login(page) {
  await page.goto(`${BASE}/login`);
  await page.locator("#login_email").fill("zhang.san@demo.openbeian.cn");
  await page.locator("#login_password").fill("Demo@2026");
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}
async function pick(page, id, option, search) {
  await page.locator(`#${id}`).click();
  if (search) await page.locator(`#${id}`).fill(search);
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option })
    .first()
    .click();
}
async function fillDate(page, id, value) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(value);
  await input.press("Enter");
}
const shot = (page, name) =>
  page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: "disabled" });
async function settle(page) {
  await page.waitForTimeout(700);
}

if (mode === "fill") {
  const page = await newPage(1440, "zh");
  await login(page);
  const orders = await page.evaluate(() => fetch("/api/orders").then((r) => r.json()));
  const draft = orders.items.find((o) => o.state === "draft");
  if (draft) await page.goto(`${BASE}/orders/${draft.id}/edit`);
  else {
    await page.getByRole("button", { name: /开始备案/ }).click();
    await page.waitForURL(/\/orders\/[^/]+\/edit/);
  }
  const orderId = new URL(page.url()).pathname.split("/").at(-2);
  console.log("order", orderId);
  await page.locator("#subject_province").waitFor();
  await settle(page);
  await shot(page, "zh-1440-step1-empty");
  await pick(page, "subject_province", "浙江", "浙江");
  await page.locator("#subject_divisionCode").fill("330106");
  await page.locator("#subject_certificateNumber").fill(process.argv[3]);
  await pick(page, "websites_0_domain", "zhangsan-blog.cn");
  await page.getByTestId("wizard-next").click();
  await page.waitForURL(/step=2/);
  await page.getByTestId("wizard-prev").click();
  await page.waitForURL(/step=1/);
  await page.getByTestId("order-type").waitFor();
  await settle(page);
  await shot(page, "zh-1440-step1-decided");
  await page.getByTestId("wizard-next").click();
  await page.waitForURL(/step=2/);
  await page.locator("#subject_name").fill("张三");
  await page.locator("#subject_address").fill("浙江省杭州市西湖区文三路100号");
  await page.getByTestId("copy-subject").click();
  await fillDate(page, "subject_head_certificateValidFrom", "2020-01-01");
  await page.locator("#subject_head_certificateLongTerm").check();
  await page.locator("#subject_head_mobile").fill("13800138000");
  await page.locator("#subject_head_emergencyPhone").fill("13900139000");
  await page.locator("#subject_head_email").fill("zhang.san@example.cn");
  await settle(page);
  await shot(page, "zh-1440-step2");
  await page.getByTestId("wizard-next").click();
  await page.waitForURL(/step=3/);
  await page.locator("#websites_0_name").fill("张三的个人博客");
  await pick(page, "websites_0_serviceContent", "博客");
  await pick(page, "websites_0_serviceCode", /未使用/);
  await page.locator("#websites_0_remark").fill("个人读书笔记。");
  await page.getByTestId("copy-head").click();
  await settle(page);
  await shot(page, "zh-1440-step3-problems");
  await page.locator("#websites_0_name").fill("张三的编程笔记");
  await page
    .locator("#websites_0_remark")
    .fill("个人技术博客，记录编程学习笔记与开源项目经验分享，不含经营性内容。");
  await page.getByTestId("wizard-next").click();
  await page.waitForURL(/step=4/);
  await page.locator(".material-row").first().waitFor();
  await settle(page);
  await shot(page, "zh-1440-step4-empty");
  await page.locator('[data-kind="id_front"] input[type=file]').setInputFiles(`${FILES}/id-front.jpg`);
  await page.locator('[data-kind="id_front"] .material-item').waitFor();
  await page.locator('[data-kind="id_back"] input[type=file]').setInputFiles(`${FILES}/big.png`);
  await page.locator('[data-kind="id_back"] [data-testid=upload-error]').waitFor();
  await settle(page);
  await shot(page, "zh-1440-step4-partial");
  await page.locator('[data-kind="id_back"] input[type=file]').setInputFiles(`${FILES}/id-back.png`);
  await page.locator('[data-kind="id_back"] .material-item').waitFor();
  // Every other required kind gets the PDF.
  for (const row of await page.locator('.material-row[data-status="missing"]').all()) {
    await row.locator("input[type=file]").setInputFiles(`${FILES}/signed.pdf`);
    await row.locator(".material-item").waitFor();
  }
  await settle(page);
  await shot(page, "zh-1440-step4-done");
  await page.getByTestId("wizard-next").click();
  await page.waitForURL(/step=5/);
  await page.getByTestId("face-shoot").waitFor();
  await page.waitForTimeout(1500);
  await shot(page, "zh-1440-step5-camera");
  await page.getByTestId("face-shoot").click();
  await page.getByTestId("face-passed").waitFor();
  await settle(page);
  await shot(page, "zh-1440-step5-passed");
  await page.getByTestId("wizard-next").click();
  await page.waitForURL(/step=6/);
  await settle(page);
  await shot(page, "zh-1440-step6");
  console.log("live", await page.getByTestId("live-check").innerText());
  console.log(
    "submit",
    await page.getByTestId("submit-order").innerText(),
    await page.getByTestId("submit-order").isDisabled(),
  );
  console.log(orderId);
}

if (mode === "views") {
  const orderId = process.argv[3];
  for (const lang of ["zh", "en"]) {
    for (const width of [1440, 390]) {
      const page = await newPage(width, lang);
      await login(page);
      for (let step = 1; step <= 6; step++) {
        await page.goto(`${BASE}/orders/${orderId}/edit?step=${step}`);
        await page.getByTestId("live-check").waitFor();
        if (step === 5) await page.getByTestId("face-passed").waitFor();
        if (step === 4) await page.locator(".material-row").first().waitFor();
        await settle(page);
        await shot(page, `${lang}-${width}-step${step}`);
        if (step === 5) {
          await page.getByTestId("face-retake").click();
          await page.getByTestId("face-shoot").waitFor();
          await page.waitForTimeout(1200);
          await shot(page, `${lang}-${width}-step5-camera`);
        }
      }
      await page.context().close();
    }
  }
}

if (mode === "states") {
  const orderId = process.argv[3];
  for (const [lang, width] of [
    ["zh", 1440],
    ["en", 1440],
    ["zh", 390],
  ]) {
    const page = await newPage(width, lang);
    await login(page);
    // The records say the subject is already filed in this account: 新增网站, not handled yet.
    await page.route(/precheck-context$/, async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      json.records.subject = "this_account";
      await route.fulfill({ response, json });
    });
    await page.goto(`${BASE}/orders/${orderId}/edit?step=3`);
    await page.locator('[data-order-type="add_website"]').waitFor();
    await settle(page);
    await shot(page, `${lang}-${width}-step1-not-first-filing`);
    console.log("url after block", page.url(), await page.getByTestId("wizard-next").isDisabled());
    await page.context().close();
  }
  // Camera refused: the fallback upload.
  for (const [lang, width] of [
    ["zh", 1440],
    ["en", 390],
  ]) {
    const page = await newPage(width, lang);
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException("denied", "NotAllowedError"));
    });
    await login(page);
    await page.goto(`${BASE}/orders/${orderId}/edit?step=5`);
    await page.getByTestId("face-retake").click();
    await page.getByTestId("face-camera-problem").waitFor();
    await settle(page);
    await shot(page, `${lang}-${width}-step5-camera-denied`);
    await page.getByTestId("face-file").setInputFiles(`${FILES}/face.jpg`);
    await page.getByTestId("face-passed").waitFor();
    await settle(page);
    await shot(page, `${lang}-${width}-step5-fallback-passed`);
    await page.context().close();
  }
  // The server refuses a file that only looks like a picture.
  {
    const page = await newPage(1440, "zh");
    await login(page);
    await page.goto(`${BASE}/orders/${orderId}/edit?step=4`);
    await page
      .locator('[data-kind="id_back"] input[type=file]')
      .setInputFiles({
        name: "fake.jpg",
        mimeType: "image/jpeg",
        buffer: Buffer.from("not really a picture"),
      });
    await page.locator('[data-kind="id_back"] [data-testid=upload-error]').waitFor();
    console.log(
      "server refusal:",
      await page.locator('[data-kind="id_back"] [data-testid=upload-error]').innerText(),
    );
    await page.locator('[data-kind="id_back"] [data-testid=upload-error]').scrollIntoViewIfNeeded();
    await shot(page, "zh-1440-step4-server-refusal");
    await page.locator('[data-kind="id_back"] input[type=file]').setInputFiles(`${FILES}/notes.txt`);
    console.log(
      "client refusal:",
      await page.locator('[data-kind="id_back"] [data-testid=upload-error]').innerText(),
    );
    await page.context().close();
  }
}

if (mode === "returned" && !process.argv[4]) {
  const orderId = process.argv[3];
  const page = await newPage(1440, "zh");
  await login(page);
  await page.goto(`${BASE}/orders/${orderId}/edit?step=6`);
  await page.getByTestId("submit-order").waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="submit-order"]').disabled);
  await page.getByTestId("submit-order").click();
  await page.waitForURL(new RegExp(`/orders/${orderId}$`));
  await page.locator('[data-state="provider_review"]').first().waitFor();
  const reviewer = await newPage(1440, "zh");
  await reviewer.goto(`${BASE}/login`);
  await reviewer.locator("#login_email").fill("reviewer@demo.openbeian.cn");
  await reviewer.locator("#login_password").fill("Demo@2026");
  await reviewer.getByTestId("login-submit").click();
  await reviewer.waitForURL((u) => !u.pathname.startsWith("/login"));
  const result = await reviewer.evaluate(async (id) => {
    const session = await fetch("/api/session").then((r) => r.json());
    const order = await fetch(`/api/review/orders/${id}`).then((r) => r.json());
    const response = await fetch(`/api/review/orders/${id}/return`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
      body: JSON.stringify({
        version: order.version,
        fields: [
          { field: "websites.0.remark", reason: "请补充网站的具体栏目" },
          { field: "subject.head.email", reason: "请使用常用邮箱" },
        ],
      }),
    });
    return response.status;
  }, orderId);
  console.log("return status", result);
}
if (mode === "returned") {
  const orderId = process.argv[3];
  for (const [lang, width] of [
    ["zh", 1440],
    ["en", 1440],
    ["zh", 390],
  ]) {
    const p = await newPage(width, lang);
    await login(p);
    await p.goto(`${BASE}/orders/${orderId}/edit`);
    await p.locator("#subject_head_email").waitFor();
    console.log(
      "opened at",
      p.url(),
      "name disabled",
      await p.locator("#subject_name").isDisabled(),
      "email editable",
      await p.locator("#subject_head_email").isEditable(),
    );
    await settle(p);
    await shot(p, `${lang}-${width}-returned-step2`);
    await p.goto(`${BASE}/orders/${orderId}/edit?step=3`);
    await p.locator("#websites_0_remark").waitFor();
    await settle(p);
    await shot(p, `${lang}-${width}-returned-step3`);
    await p.context().close();
  }
}

if (mode === "org") {
  const page = await newPage(1440, "zh");
  await page.goto(`${BASE}/login`);
  await page.getByRole("tab", { name: "注册" }).click();
  await page.locator("#signup_displayName").fill("杭州示例科技有限公司");
  await page.locator("#signup_email").fill(`org${Date.now()}@example.cn`);
  await page.locator("#signup_password").fill("Org-Secret-2026");
  await page.getByTestId("signup-submit").click();
  await page.getByRole("heading", { name: "工作台" }).waitFor();
  await page.getByRole("button", { name: /开始备案/ }).click();
  await page.waitForURL(/\/orders\/[^/]+\/edit/);
  await pick(page, "subject_type", "单位");
  await page.locator("#subject_certificateType").click();
  await settle(page);
  await shot(page, "zh-1440-org-step1-certificate-types");
  await page.keyboard.press("Escape");
  await pick(page, "subject_province", "江苏", "江苏");
  await page.locator("#subject_certificateNumber").fill("91320100MA1234567X");
  await page.getByTestId("save-draft").click();
  await page.getByText("已保存").waitFor();
  const url = page.url().split("?")[0];
  await page.goto(`${url}?step=2`);

  await page.locator("#subject_legalRepresentative_name").fill("王五");
  await settle(page);
  await shot(page, "zh-1440-org-step2");
  await page.goto(`${url}?step=3`);
  await page.locator("#websites_0_serviceContent").click();
  await settle(page);
  await shot(page, "zh-1440-org-step3-content");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${url}?step=2`);
  await page.locator("#subject_legalRepresentative_name").waitFor();
  await settle(page);
  await shot(page, "zh-390-org-step2");
  await page.evaluate(() => localStorage.setItem("openbeian.lang", "en"));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${url}?step=2`);
  await page.locator("#subject_legalRepresentative_name").waitFor();
  await settle(page);
  await shot(page, "en-1440-org-step2");
}
console.log("errors", JSON.stringify(errors, null, 1));
await browser.close();
