/**
 * The simulator's pages in a real browser: a person verifies their SMS code
 * on the 短信核验 page (mobile, code, last 6 characters of the certificate),
 * then an operator logs in with the token and approves the order on the
 * bureau's page, which issues its numbers. Wrong entries show the refusal.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";
import { createSimulator, type Simulator } from "@openbeian/regulator-sim";
import { chromium, type Browser } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const token = randomBytes(24).toString("base64url");
const head = { name: "张三", certificateNumber: "11010519900307123X", mobile: "13800138000" };
let simulator: Simulator;
let url = "";
let browser: Browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), "Debian's chromium is installed (.ci/run installs it)");
  // Beijing's bureau is slow here, so the order waits for the operator.
  simulator = createSimulator({
    token,
    speed: 1_000_000,
    bureauWorkingDays: { "11": 250 },
    domainResolves: async () => null,
  });
  url = await simulator.listen(0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
});

after(async () => {
  await browser?.close();
  await simulator?.close();
});

test("短信核验 page verifies the code; the operator page approves and shows the numbers", async () => {
  const submitted = await fetch(`${url}/api/submissions`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      messageId: "page-1",
      orderNumber: "OB20261128000042",
      orderType: "first_filing",
      province: "11",
      payload: {
        subject: { type: "personal", name: head.name, certificateNumber: head.certificateNumber, head },
        websites: [{ name: "张三的编程笔记", domain: "zhangsan-notes.cn", head }],
      },
    }),
  });
  assert.equal(submitted.status, 201);
  for (let tries = 0; simulator.engine.phase("OB20261128000042") !== "sms_pending" && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await simulator.step();
  }
  const code = simulator.engine.session("OB20261128000042")?.messages()[0]?.code ?? "";
  assert.match(code, /^\d{6}$/);

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${url}/sms?mobile=${head.mobile}&last6=07123X`);
  assert.equal(await page.inputValue("#mobile"), head.mobile, "prefilled from the link");
  await page.fill("#code", code === "000000" ? "111111" : "000000");
  await page.click("#submit");
  await page.waitForSelector("#status.status-error");
  assert.match((await page.textContent("#status")) ?? "", /验证码错误/);
  await page.fill("#code", code);
  await page.click("#submit");
  await page.waitForSelector("#status.status-success");
  assert.match((await page.textContent("#status")) ?? "", /核验成功/);
  await page.screenshot({ path: "/tmp/regulator-sms-verified.png", fullPage: true });
  assert.equal(simulator.engine.phase("OB20261128000042"), "bureau_review");

  await page.goto(`${url}/operator`);
  await page.fill("#token", "wrong-token");
  await page.press("#token", "Enter");
  await page.waitForSelector("text=令牌错误");
  await page.fill("#token", token);
  await page.press("#token", "Enter");
  await page.waitForSelector("text=OB20261128000042");
  await page.click("button.btn-primary:has-text('通过')");
  await page.waitForFunction(() => document.body.textContent?.includes("京ICP备"));
  await page.screenshot({ path: "/tmp/regulator-operator-approved.png", fullPage: true });
  const decision = simulator.engine.order("OB20261128000042")?.decision;
  assert.equal(decision?.by, "operator");
  assert.match(decision?.subjectNumber ?? "", /^京ICP备\d{10}号$/);
  assert.match((await page.textContent("body")) ?? "", new RegExp(decision?.subjectNumber ?? "-"));
  await page.close();
});
