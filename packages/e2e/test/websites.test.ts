/**
 * 我的网站 in a real browser: the demo applicant's first filing is approved over HTTP
 * (upload, submit, initial review, SMS, bureau) with the platform's clock 40 days back,
 * so today its public-security filing (公安联网备案) is 10 days overdue. In the page the
 * applicant copies the access data the public-security form asks for, is refused a wrong
 * number (the server's error beside the field), records the opening day (7 days left),
 * records a valid number and gets the footer code; then the same in English and on a
 * phone. Then the footer of its home page (a local HTTP server the platform's resolver
 * points the domain at) is checked: by the applicant, failing and passing, with the
 * filing watch's finding opened and closed; and by a supervisor's footer campaign in the
 * console. The platform runs in-process on a fresh SQLite file. Screenshots go to
 * /tmp/websites-*.png.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DAY_MS, type Clock } from "@openbeian/core";
import { DEMO_USERS, Worker, type OrderView } from "@openbeian/server";
import type { Page } from "playwright-core";
import { pickOption } from "./support/antd.ts";
import { startBrowserPlatform, type BrowserPlatform } from "./support/browser-platform.ts";
import { fileDemoFiling, logIn as logInAt, picture } from "./support/demo-filing.ts";

const SHOTS = "/tmp";
/** The seeded applicant's domain, and the numbers the bureau gives it. */
const DOMAIN = "zhangsan-blog.cn";
const SUBJECT_NUMBER = "浙ICP备2026000777号";
const WEBSITE_NUMBER = "浙ICP备2026000777号-1";
/** 330106 is Hangzhou Xihu: a Zhejiang number. */
const PSB_NUMBER = "浙公网安备33010602011234号";
const FILED_DAYS_AGO = 40;

/** The platform's clock: real time, moved back while the filing is set up. */
let offset = 0;
const clock: Clock = { now: () => new Date(Date.now() + offset) };

let env: BrowserPlatform;
let baseUrl = "";
/** The website's home page, served on 127.0.0.1 (the resolver sends the domain there). */
let homePage = "";
let site: Server;
let sitePort = 0;
/** Started for the footer campaign only, once the filing is made with the clock moved back. */
let worker: Worker | null = null;

before(async () => {
  site = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(homePage);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const siteAddress = site.address();
  assert.ok(siteAddress && typeof siteAddress === "object", "the website listens on a TCP port");
  sitePort = siteAddress.port;
  env = await startBrowserPlatform({
    name: "websites",
    platform: {
      clock,
      // Every domain resolves to this machine, where the website's home page is served.
      domainResolver: { resolve4: async () => ["127.0.0.1"] },
    },
  });
  baseUrl = env.baseUrl;
});

after(async () => {
  await worker?.stop();
  await env?.close();
  if (site?.listening) await new Promise((resolve) => site.close(resolve));
});

/** A page that may read and write the clipboard (the access data's copy buttons). */
const newPage = () => env.newPage({ permissions: ["clipboard-read", "clipboard-write"] });

async function shot(page: Page, name: string) {
  await page.screenshot({
    path: join(SHOTS, `websites-${name}.png`),
    fullPage: true,
    animations: "disabled",
  });
}

/** The seeded applicant's first filing, approved by the bureau. */
async function fileApprovedOrder(photo: Uint8Array): Promise<OrderView> {
  const filed = await fileDemoFiling(env, {
    photo,
    domain: DOMAIN,
    email: "zhang.san@example.cn",
    subjectNumber: SUBJECT_NUMBER,
    websiteNumber: WEBSITE_NUMBER,
  });
  return filed.order;
}

const logIn = (page: Page, email: string) => logInAt(page, baseUrl, email);
/** The website as the API shows it to the page's user. */
async function apiWebsite(page: Page) {
  const response = await page.request.get(`${baseUrl}/api/websites`);
  assert.equal(response.status(), 200, "GET /api/websites answers the applicant");
  const { items } = (await response.json()) as { items: any[] };
  assert.equal(items.length, 1, "the applicant has one filed website");
  return items[0];
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The text colour of an element, as the browser paints it. */
const colorOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((element) => getComputedStyle(element).color);

/** The form item (field, error and warning) holding this input. */
const itemOf = (page: Page, selector: string) =>
  page.locator(".ant-form-item", { has: page.locator(selector) });

test("an applicant follows the public-security filing of a filed website", { timeout: 60_000 }, async () => {
  const page = await newPage();
  try {
    await journey(page);
  } catch (error) {
    await shot(page, "failure").catch(() => {});
    throw error;
  }
  assert.deepEqual(env.pageErrors, [], "no script errors in the pages");
});

async function journey(page: Page) {
  // Nothing filed yet: the empty state, with the way to start a filing.
  await logIn(page, DEMO_USERS.applicant);
  await page.getByRole("menuitem", { name: "我的网站" }).click();
  await page.waitForURL(/\/websites$/);
  await page.getByRole("heading", { name: "我的网站" }).waitFor();
  const empty = page.getByTestId("websites-empty");
  await empty.getByText("暂无已备案网站").waitFor();
  await empty.getByRole("button", { name: "去办理备案" }).waitFor();
  await shot(page, "empty-zh");

  // The filing, approved 40 days ago.
  offset = -FILED_DAYS_AGO * DAY_MS;
  let order: OrderView;
  try {
    order = await fileApprovedOrder(await picture(page));
  } finally {
    offset = 0;
  }

  // Overdue by 10 days: red, counted from the approval day since no opening day is recorded.
  await page.reload();
  const card = page.locator(`[data-testid="website"][data-domain="${DOMAIN}"]`);
  await card.waitFor();
  const overdue = await apiWebsite(page);
  assert.equal(overdue.psb.state, "overdue", "30 days from an approval 40 days ago have passed");
  assert.equal(overdue.psb.daysLeft, -10, "10 days overdue");
  const filedDay: string = overdue.psb.countsFrom;
  const countdown = page.getByTestId("psb-countdown");
  await countdown.filter({ hasText: `已逾期 10 天（截止 ${overdue.psb.dueOn}）` }).waitFor();
  assert.equal(await countdown.getAttribute("data-tone"), "red", "overdue is red");
  assert.equal(await colorOf(page, "psb-countdown"), "rgb(207, 19, 34)", "the overdue text is painted red");
  assert.equal(await card.getByTestId("psb-tag").innerText(), "已逾期", "the card's tag says overdue");
  const countsFrom = card.getByTestId("psb-counts-from");
  await countsFrom.getByText(`30日期限自备案通过日 ${filedDay} 起算`).waitFor();
  await countsFrom.getByText("按备案通过日计算，请登记网站实际开通日期").waitFor();
  await card.getByText(WEBSITE_NUMBER, { exact: true }).first().waitFor();
  await card.getByText(SUBJECT_NUMBER, { exact: true }).waitFor();

  // The access data for the public-security form, row by row and all at once.
  const access = card.getByTestId("access-card");
  const expectedRows: [string, string][] = [
    ["accessProvider", "OpenBeian 演示接入商"],
    ["accessProviderPhone", "400-000-0000"],
    ["accessMethod", "租赁虚拟空间"],
    ["serverLocation", "华东1（杭州）"],
    ["ip", "47.96.10.20"],
    ["domain", DOMAIN],
    ["icpNumber", WEBSITE_NUMBER],
    ["openedOn", filedDay],
  ];
  for (const [field, value] of expectedRows) {
    const text = await access.locator(`[data-field="${field}"]`).innerText();
    assert.ok(text.includes(value), `access data ${field} shows ${value}, got ${text}`);
  }
  await access.locator('[data-field="ip"] .ant-typography-copy').click();
  assert.equal(
    await page.evaluate(() => navigator.clipboard.readText()),
    "47.96.10.20",
    "a row's copy button copies its value",
  );
  await access.getByTestId("copy-all").click();
  await page.getByText("已复制全部接入信息").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(
    copied,
    [
      "接入服务商：OpenBeian 演示接入商",
      "联系电话：400-000-0000",
      "接入方式：租赁虚拟空间",
      "服务器所在地：华东1（杭州）",
      "IP地址：47.96.10.20",
      `域名：${DOMAIN}`,
      `ICP备案号：${WEBSITE_NUMBER}`,
      `网站开通日期：${filedDay}`,
    ].join("\n"),
    "复制全部 copies every row, one a line",
  );
  await shot(page, "overdue-zh");

  // A number in the wrong format: the hint while typing; the server's error beside the field.
  const psbInput = card.locator('input[id$="_psbNumber"]');
  const psbItem = itemOf(page, 'input[id$="_psbNumber"]');
  await psbInput.fill("浙公网安备3301060201123号");
  await psbItem.locator(".ant-form-item-explain", { hasText: "格式似乎不正确" }).waitFor();
  // A number in the right shape whose division code is not in the province it names.
  await psbInput.fill("京公网安备33010602011234号");
  await psbItem.locator(".ant-form-item-explain").waitFor({ state: "detached" });
  await card.getByTestId("save-psb-number").click();
  await psbItem.locator(".ant-form-item-explain", { hasText: "公安备案号格式不正确" }).waitFor();
  await psbItem
    .locator(".ant-form-item-explain", { hasText: "备案号前6位行政区划代码与开头的省份简称不一致" })
    .waitFor();
  assert.match(
    (await psbItem.getAttribute("class")) ?? "",
    /ant-form-item-has-error/,
    "the refused number is marked as an error",
  );
  assert.equal((await apiWebsite(page)).psb.number, null, "the refused number is not recorded");
  await shot(page, "refused-zh");

  // The opening day, 17 days after the approval: 7 days left, orange.
  const saves: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PUT") saves.push(new URL(request.url()).pathname.split("/").at(-1) ?? "");
  });
  const openedOn = addDays(filedDay, 17);
  const picker = card.locator('input[id$="_openedOn"]');
  await picker.click();
  // Typed days move the calendar to them: before the approval and after today they are greyed out.
  for (const day of [addDays(filedDay, -1), addDays(filedDay, FILED_DAYS_AGO + 1)]) {
    await picker.fill(day);
    const cell = page.locator(`.ant-picker-dropdown:visible td[title="${day}"]`);
    await cell.waitFor();
    assert.match(
      (await cell.getAttribute("class")) ?? "",
      /ant-picker-cell-disabled/,
      `${day} cannot be picked`,
    );
  }
  await picker.fill(openedOn);
  await page.locator(`.ant-picker-dropdown:visible td[title="${openedOn}"]`).click();
  await page.locator(".ant-picker-dropdown:visible").waitFor({ state: "hidden" });
  await card.getByTestId("save-opening-day").click();
  await countdown.filter({ hasText: "还剩 7 天" }).waitFor();
  const opened = await apiWebsite(page);
  assert.equal(opened.openedOn, openedOn, "the opening day is recorded");
  assert.deepEqual(saves, ["opening-day"], "picking the day and saving sends it once");
  assert.equal(opened.psb.daysLeft, 7, "30 days from the opening day leave 7");
  assert.equal(
    await countdown.innerText(),
    `还剩 7 天（截止 ${opened.psb.dueOn}）`,
    "the countdown names the last day",
  );
  assert.equal(await countdown.getAttribute("data-tone"), "orange", "7 days left is orange");
  assert.equal(await colorOf(page, "psb-countdown"), "rgb(212, 107, 8)", "the countdown is painted orange");
  await countsFrom.getByText(`30日期限自网站开通日期 ${openedOn} 起算`).waitFor();
  assert.equal(await countsFrom.getByText("请登记网站实际开通日期").count(), 0, "the note goes");
  await access.locator('[data-field="openedOn"]', { hasText: openedOn }).waitFor();
  await shot(page, "due-zh");
  await phone(page);

  // The valid number: recorded, green, and the footer code to copy.
  await psbInput.fill(PSB_NUMBER);
  await card.getByTestId("save-psb-number").click();
  await countdown.filter({ hasText: `已备案 ${PSB_NUMBER}` }).waitFor();
  assert.equal(await countdown.getAttribute("data-tone"), "green", "recorded is green");
  assert.equal(
    await colorOf(page, "psb-countdown"),
    "rgb(56, 158, 13)",
    "the recorded number is painted green",
  );
  assert.equal(await card.getByTestId("psb-tag").innerText(), "已备案", "the card's tag says filed");
  assert.equal(await card.getByTestId("psb-number").innerText(), PSB_NUMBER, "the number is shown");
  const footer = card.getByTestId("psb-footer");
  assert.equal(
    await footer.getByTestId("psb-snippet").innerText(),
    '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=33010602011234" target="_blank" rel="noopener">' +
      '<img src="/psb-icon.png" alt="" style="width:16px;height:16px;vertical-align:middle">' +
      `${PSB_NUMBER}</a>`,
    "the footer code links the number to its query page",
  );
  await footer.getByText("psb-icon.png", { exact: false }).first().waitFor();
  assert.equal(
    await footer.getByRole("link", { name: "beian.mps.gov.cn" }).getAttribute("href"),
    "https://beian.mps.gov.cn",
    "the icon hint links the public-security platform",
  );
  await shot(page, "zh");

  // The order's record card leads here.
  await page.goto(`${baseUrl}/orders/${order.id}`);
  await page.getByTestId("manage-psb").getByText("管理公安备案").waitFor();
  // The order page agrees with 我的网站: the number is recorded.
  await page.getByTestId("records").getByText("公安联网备案号已登记").waitFor();
  await page
    .getByTestId("records")
    .screenshot({ path: join(SHOTS, "websites-order-link.png"), animations: "disabled" });
  await page.getByTestId("manage-psb").click();
  await page.waitForURL(/\/websites$/);

  // English.
  await page.getByTestId("lang-toggle").click();
  await page.getByRole("heading", { name: "My websites" }).waitFor();
  await countdown.filter({ hasText: `Filed: ${PSB_NUMBER}` }).waitFor();
  await card.getByText("Public-security filing", { exact: true }).waitFor();
  await access.getByText("Access data for the public-security filing").waitFor();
  await access.getByRole("button", { name: "Copy all" }).waitFor();
  await access.getByText("Leased virtual hosting (cloud)").waitFor();
  await access.getByText("China East 1 (Hangzhou)").waitFor();
  await footer.getByText("Show the public-security number").waitFor();
  await card.getByText("Record the opening day").waitFor();
  assert.equal(await card.getByTestId("psb-tag").innerText(), "Filed", "the tag is in English");
  await shot(page, "en");
}

/**
 * The same page at a phone's width, while the forms are still to fill in: the menu folds into
 * the header's button and nothing is wider than the screen.
 */
async function phone(page: Page) {
  const desktop = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.getByTestId("menu-button").waitFor();
    await page.locator('input[id$="_psbNumber"]').waitFor();
    const width = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: window.innerWidth,
    }));
    assert.ok(width.page <= width.screen, `no sideways scrolling on a phone: ${JSON.stringify(width)}`);
    await shot(page, "phone-zh");
  } finally {
    await page.setViewportSize(desktop);
  }
  await page.getByTestId("menu-button").waitFor({ state: "detached" });
}

test("anyone looks up a filing without logging in", { timeout: 60_000 }, async () => {
  const page = await newPage();
  try {
    await page.goto(`${baseUrl}/lookup`);
    await page.getByRole("heading", { name: "备案查询" }).waitFor();
    const input = page.getByTestId("lookup-input").locator("input");
    await input.fill(`www.${DOMAIN}`);
    await input.press("Enter");
    const result = page.getByTestId("lookup-result");
    await result.and(page.locator('[data-verdict="filed"]')).waitFor();
    await result.getByText(DOMAIN, { exact: true }).waitFor();
    await result.getByText("已备案", { exact: true }).waitFor();
    assert.equal(await result.getByText("13800138000").count(), 0, "no phone number in the public answer");
    await shot(page, "lookup-zh");
    await input.fill("never-filed-here.cn");
    await input.press("Enter");
    await result.and(page.locator('[data-verdict="not_filed_here"]')).waitFor();
    await result.getByText("“never-filed-here.cn”未在本接入商处备案").waitFor();
    await result.getByRole("link", { name: "https://beian.miit.gov.cn/" }).waitFor();
    await page.getByTestId("lang-toggle").click();
    await result.getByText('"never-filed-here.cn" is not filed through this provider').waitFor();
    await shot(page, "lookup-en");
  } catch (error) {
    await shot(page, "lookup-failure").catch(() => {});
    throw error;
  }
  assert.deepEqual(env.pageErrors, [], "no script errors in the lookup");
});

/** The home page: the ICP number in the footer, linked to MIIT's system or not, and the public-security number. */
function homePageHtml(linked: boolean) {
  const icp = linked
    ? `<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">${WEBSITE_NUMBER}</a>`
    : WEBSITE_NUMBER;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>张三的编程笔记</title></head>
<body><h1>张三的编程笔记</h1><p>记录编程学习笔记与读书心得。</p>
<footer>© 2026 张三 · ${icp} ·
<a href="https://beian.mps.gov.cn/#/query/webSearch?code=33010602011234" target="_blank" rel="noopener"><img src="/psb-icon.png" alt="" style="width:16px;height:16px;vertical-align:middle">${PSB_NUMBER}</a>
</footer></body></html>`;
}

/** Async results (a fetch of the home page, a campaign in the worker) on a busy machine. */
const SLOW = { timeout: 20_000 };

test(
  "the footer of a filed website is checked by its owner and by a campaign",
  { timeout: 90_000 },
  async () => {
    const page = await newPage();
    let staffPage: Page | null = null;
    try {
      // The filing of the first test, its home page on this machine.
      const updated = await env.platform.ctx.db
        .updateTable("website")
        .set({ home_url: `http://${DOMAIN}:${sitePort}/` })
        .where("domain", "=", DOMAIN)
        .executeTakeFirst();
      assert.equal(Number(updated.numUpdatedRows), 1, "the filed website's home page is pointed here");
      homePage = homePageHtml(false);
      await ownerChecks(page);
      staffPage = await newPage();
      await campaign(staffPage);
    } catch (error) {
      await shot(page, "footer-failure").catch(() => {});
      if (staffPage) await shot(staffPage, "watch-failure").catch(() => {});
      throw error;
    }
    assert.deepEqual(env.pageErrors, [], "no script errors in the footer check and the console");
  },
);

/** The applicant checks the footer: not linked (不合格, a finding at the top), then linked (合格, no finding). */
async function ownerChecks(page: Page) {
  await logIn(page, DEMO_USERS.applicant);
  await page.goto(`${baseUrl}/websites`);
  const card = page.locator(`[data-testid="website"][data-domain="${DOMAIN}"]`);
  const panel = card.getByTestId("footer-check");
  const outcome = panel.getByTestId("footer-outcome");
  await outcome.filter({ hasText: "未检查" }).waitFor();
  await panel.getByText("链接到工信部备案系统 https://beian.miit.gov.cn/", { exact: false }).waitFor();
  assert.equal(await page.getByTestId("watch-findings").count(), 0, "no findings before any check");

  // Not linked: 不合格, the problem, what the page showed.
  await panel.getByTestId("footer-check-now").click();
  await outcome.and(page.locator('[data-outcome="failed"]')).waitFor(SLOW);
  assert.equal(await outcome.innerText(), "不合格");
  await page.getByText("检测完成：页脚不合格").waitFor();
  const problems = panel.getByTestId("footer-problems");
  await problems
    .locator('li[data-field="icpLinked"]', { hasText: "备案号没有链接：须链接到工信部备案系统" })
    .waitFor();
  assert.equal(
    await problems.locator('li[data-severity="error"]').count(),
    1,
    "not being linked is the only error",
  );
  await panel.locator('[data-field="icpNumber"]', { hasText: WEBSITE_NUMBER }).waitFor();
  await panel.locator('[data-field="icpLinked"]', { hasText: "未链接" }).waitFor();
  await panel.locator('[data-field="psbNumber"]', { hasText: PSB_NUMBER }).waitFor();
  await panel.locator('[data-field="url"]', { hasText: `http://${DOMAIN}:${sitePort}/` }).waitFor();
  await panel.getByTestId("footer-evidence").getByText(WEBSITE_NUMBER, { exact: false }).waitFor();

  // After a reload: the check is the website's latest, and the filing watch lists the footer at the top.
  await page.reload();
  await outcome.and(page.locator('[data-outcome="failed"]')).waitFor();
  const finding = page.locator('[data-testid="watch-finding"][data-kind="footer_noncompliant"]');
  await finding.waitFor();
  assert.equal(await page.getByTestId("watch-finding").count(), 1, "one open finding");
  const text = await finding.innerText();
  for (const part of ["页脚备案号不合规", DOMAIN, "备案号没有链接", "还剩 15 天", "不合规"]) {
    assert.ok(text.includes(part), `the finding shows ${part}: ${text}`);
  }
  await shot(page, "footer-failed-zh");
  await panel.screenshot({ path: join(SHOTS, "websites-footer-panel-failed.png"), animations: "disabled" });

  // Linked: 合格, no problems; after a reload the finding is gone.
  homePage = homePageHtml(true);
  await panel.getByTestId("footer-check-now").click();
  await outcome.and(page.locator('[data-outcome="passed"]')).waitFor(SLOW);
  assert.equal(await outcome.innerText(), "合格");
  await panel
    .locator('[data-field="icpLinked"]', { hasText: "已链接至 https://beian.miit.gov.cn/" })
    .waitFor();
  assert.equal(await panel.getByTestId("footer-problems").locator('li[data-severity="error"]').count(), 0);
  await page.reload();
  await outcome.and(page.locator('[data-outcome="passed"]')).waitFor();
  await card.getByTestId("footer-check").waitFor();
  assert.equal(await page.getByTestId("watch-findings").count(), 0, "the passing check closed the finding");
  await panel.screenshot({ path: join(SHOTS, "websites-footer-panel-passed.png"), animations: "disabled" });

  // English.
  await page.getByTestId("lang-toggle").click();
  await panel.getByText("Footer check", { exact: true }).waitFor();
  assert.equal(await outcome.innerText(), "Compliant");
  await panel.getByRole("button", { name: "Check now" }).waitFor();
  await panel.getByText("linked to MIIT's filing system", { exact: false }).waitFor();
  await panel.screenshot({ path: join(SHOTS, "websites-footer-panel-en.png"), animations: "disabled" });
  await page.getByTestId("lang-toggle").click();
  await panel.getByText("页脚检查", { exact: true }).waitFor();
}

/**
 * A supervisor opens 备案监测 (the old /review address leads there), starts a footer campaign
 * while the page fails again, follows it to the end, finds the website in the findings and
 * re-checks it once fixed.
 */
async function campaign(page: Page) {
  homePage = homePageHtml(false);
  worker = new Worker(env.platform.ctx);
  worker.start(200);
  await logIn(page, DEMO_USERS.supervisor);
  await page.getByRole("menuitem", { name: "备案监测" }).waitFor();
  await page.goto(`${baseUrl}/review/watch`);
  await page.waitForURL(/\/console\/watch$/);
  await page.getByRole("heading", { name: "备案监测" }).waitFor();
  const campaigns = page.getByTestId("footer-campaigns");
  const start = campaigns.getByTestId("start-campaign");
  await campaigns.getByText("暂无巡检记录").waitFor();
  await start.click();
  await page.getByText("巡检已开始").waitFor();
  const row = campaigns.locator('[data-testid="campaign"]').first();
  await row.and(page.locator('[data-state="finished"]')).waitFor(SLOW);
  const progress = row.getByTestId("campaign-progress");
  assert.equal(await progress.getAttribute("data-checked"), "1", "the one filed website was checked");
  assert.equal(await progress.getAttribute("data-total"), "1");
  assert.equal(await row.getByTestId("campaign-state").innerText(), "已完成");
  const results = row.getByTestId("campaign-results");
  assert.equal(await results.locator('[data-count="failed"]').innerText(), "不合格 1");
  assert.equal(
    await results.locator('[data-count="notified"]').innerText(),
    "已通知 1",
    "the owner was told",
  );
  assert.equal(await start.isEnabled(), true, "a new campaign may start once it is done");

  // The finding it opened, listed once the campaign is done.
  const table = page.getByTestId("watch-table");
  const finding = table.locator(`[data-testid="watch-row"][data-domain="${DOMAIN}"]`);
  await finding.waitFor(SLOW);
  await pickOption(page, "watch-kind", "页脚备案号不合规");
  for (const part of [WEBSITE_NUMBER, "页脚备案号不合规", "备案号没有链接", "不合规", "还剩 15 天"]) {
    await finding.getByText(part, { exact: false }).first().waitFor();
  }
  await shot(page, "watch-zh");

  // 导出: the chosen kind's findings as a CSV file that Excel opens (BOM, Chinese headers).
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("watch-export").click(),
  ]);
  assert.match(download.suggestedFilename(), /^watch-findings-footer_noncompliant-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), "utf8");
  assert.ok(csv.startsWith("\uFEFF域名,网站备案号,类型,说明,级别,截止日期"), csv.slice(0, 80));
  assert.match(csv, new RegExp(`\r\n${DOMAIN.replaceAll(".", "\\.")},${WEBSITE_NUMBER},页脚备案号不合规,`));

  // In English; fixed, the re-check passes and the finding goes.
  await page.getByTestId("lang-toggle").click();
  await page.getByRole("heading", { name: "Filing watch" }).waitFor();
  await campaigns.getByText("Footer campaigns", { exact: true }).waitFor();
  assert.equal(await row.getByTestId("campaign-state").innerText(), "Finished");
  await finding.getByText("Footer not compliant", { exact: false }).first().waitFor();
  await shot(page, "watch-en");
  homePage = homePageHtml(true);
  await finding.locator('[data-action="recheck"]').click();
  await page.getByText(`${DOMAIN} passed the re-check; the finding is closed`).waitFor(SLOW);
  await finding.waitFor({ state: "detached", ...SLOW });
  await table.getByText("No open findings").waitFor();
}
