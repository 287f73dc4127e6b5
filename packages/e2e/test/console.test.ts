/**
 * The provider's review console (/console) in a real browser: a reviewer claims an order,
 * checks the materials and logs a call, returns two fields with reasons; the applicant fixes
 * them (over HTTP); the reviewer sees old → new values and approves. A bulk return of two
 * orders reports each order's outcome (one of them was decided meanwhile). The supervisors'
 * dashboard draws its charts from what happened, the audit log finds it, and an administrator
 * adds a member of staff and overrides (then revokes) a province rule. The platform runs
 * in-process on a fresh SQLite file; orders are filed by the demo applicant driver with their
 * uploads. Screenshots go to /tmp/console-*.png.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { provinceByCode, type Province } from "@openbeian/core";
import { DEMO_USERS, DemoApplicant } from "@openbeian/server";
import type { Page } from "playwright-core";
import { confirmDialog, pickOption, selectOptions } from "./support/antd.ts";
import { startBrowserPlatform, type BrowserPlatform } from "./support/browser-platform.ts";
import { logIn as logInAt } from "./support/demo-filing.ts";

const SHOTS = "/tmp";
const ZHEJIANG = provinceByCode("33") as Province;
const BEIJING = provinceByCode("11") as Province;

let env: BrowserPlatform;
let baseUrl = "";
/** Orders the first test decided, for the dashboard and the audit log. */
const decided: { number: string; id: string }[] = [];

before(async () => {
  env = await startBrowserPlatform({ name: "console", worker: true });
  baseUrl = env.baseUrl;
});

after(async () => {
  await env?.close();
});

const newPage = () => env.newPage();

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage: true, animations: "disabled" });
}

const logIn = (page: Page, email: string) => logInAt(page, baseUrl, email);

/** The options of the select with this id (its popup holds the `${id}_list` listbox). */
const options = selectOptions;
const pick = pickOption;

async function fileOrder(province: Province) {
  const applicant = await DemoApplicant.signUp(baseUrl, province, "personal");
  const view = await applicant.fileAndSubmit();
  assert.equal(view.state, "provider_review");
  return { applicant, id: view.id, number: view.number };
}

const row = (page: Page, number: string) => page.locator(`tr[data-order-number="${number}"]`);

test("a reviewer claims, returns two fields, sees the fix and approves", { timeout: 120_000 }, async () => {
  const order = await fileOrder(ZHEJIANG);
  const page = await newPage();
  try {
    // The old address leads to the console.
    await logIn(page, DEMO_USERS.reviewer);
    await page.goto(`${baseUrl}/review`);
    await page.waitForURL(/\/console\/queue$/);
    await page.getByRole("heading", { name: "审核队列" }).waitFor();

    // The queue: the SLA clock, the risk column, nobody has it yet; 领取.
    const line = row(page, order.number);
    await line.waitFor();
    await line.locator('.sla-clock[data-sla="running"]').waitFor();
    await line.getByText("未领取").waitFor();
    await shot(page, "queue-zh");
    await line.locator('button[data-action="claim"]').click();
    await line.locator(".ant-tag", { hasText: "我" }).waitFor();
    await page.getByText(`已领取订单 ${order.number}`).waitFor();

    // 我的任务 lists it.
    await page.getByRole("menuitem", { name: "我的任务" }).click();
    await page.waitForURL(/\/console\/my$/);
    await row(page, order.number).waitFor();

    // The order view: who has it, the face photo beside the ID photo, zoom and rotation.
    await row(page, order.number).getByRole("link", { name: order.number }).click();
    await page.waitForURL(new RegExp(`/console/orders/${order.id}$`));
    await page.getByTestId("assignee").getByText("我").waitFor();
    const compare = page.getByTestId("face-compare");
    await compare.getByTestId("compare-id").locator("img").waitFor();
    await compare.getByTestId("compare-face").locator("img").waitFor();
    await page.locator('.material-tile[data-kind="id_back"] img').waitFor();
    await compare.getByTestId("compare-face").locator("img").click();
    await page.getByRole("button", { name: "rotateRight" }).click();
    await page.getByRole("button", { name: "zoomIn" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "rotateRight" }).waitFor({ state: "hidden" });

    // A call that got through, logged.
    const calls = page.getByTestId("call-log");
    await pick(page, "call_outcome", "已接通");
    await page.locator("#call_note").fill("负责人确认网站用途");
    await page.getByTestId("log-call").click();
    await calls.locator('[data-outcome="answered"]', { hasText: "负责人确认网站用途" }).waitFor();
    await shot(page, "order-zh");

    // 退回: two fields, the first with a reason template that fits it, the second typed.
    await page.locator('button[data-action="return"]').click();
    const dialog = page.getByRole("dialog");
    await pick(page, "decision_fields_0_field", "网站1 · 网站名称", "网站名称");
    await page.locator("#decision_fields_0_template").click();
    await options(page, "decision_fields_0_template").first().click();
    // The template fills the reason on the next render: wait for it rather than read it at once.
    await page.waitForFunction(
      () =>
        ((document.querySelector("#decision_fields_0_reason") as HTMLTextAreaElement | null)?.value ?? "") !==
        "",
    );
    await dialog.locator("#decision_fields_0_reason").fill("网站名称与内容不符，请使用能体现网站内容的名称");
    await dialog.getByRole("button", { name: /添加退回字段/ }).click();
    await pick(page, "decision_fields_1_field", "主办者 · 通信地址", "通信地址");
    await dialog.locator("#decision_fields_1_reason").fill("通信地址须详细到门牌号");
    await shot(page, "return-zh");
    await confirmDialog(page, /确\s*定/);
    await page.locator('[data-state="returned"]').first().waitFor();

    // The applicant fixes both fields and submits again (over HTTP).
    const resubmitted = await order.applicant.editAndResubmit((data) => {
      const website = data.websites?.[0];
      assert.ok(website && data.subject);
      website.name = "张三的编程学习笔记";
      data.subject.address = "浙江省杭州市西湖区文三路100号8幢801室";
    });
    assert.equal(resubmitted.state, "resubmitted");

    // The reviewer sees old → new for exactly those fields, and approves.
    await page.reload();
    await page.locator('[data-state="resubmitted"]').first().waitFor();
    const diff = page.getByTestId("revision-diff");
    await diff.getByText("修改对比（第1次 → 第2次提交）").waitFor();
    const name = diff.locator('tr[data-path="websites.0.name"]');
    await name.locator(".diff-after", { hasText: "张三的编程学习笔记" }).waitFor();
    assert.notEqual((await name.locator(".diff-before").innerText()).trim(), "");
    await diff
      .locator('tr[data-path="subject.address"] .diff-after', { hasText: "文三路100号8幢801室" })
      .waitFor();
    assert.equal(await diff.locator("tbody tr.ant-table-row").count(), 2);
    await page.locator('.field-marked[data-path="websites.0.name"]').waitFor();
    await shot(page, "diff-zh");
    await page.locator('button[data-action="approve"]').click();
    await page.getByRole("dialog").getByRole("textbox").fill("修改后资料无误，初审通过");
    await confirmDialog(page, /确\s*定/);
    await page.locator('[data-state="queued_for_bureau"]').first().waitFor();
    assert.equal(await page.locator('button[data-action="approve"]').count(), 0);

    // The audit trail names each step.
    const trail = page.getByTestId("audit-trail");
    for (const action of ["claim", "call", "return", "approve"]) {
      await trail.locator(`tr[data-action="${action}"]`).first().waitFor();
    }
    await shot(page, "approved-zh");
    decided.push(order);
  } catch (error) {
    await shot(page, "failure-claim").catch(() => {});
    throw error;
  } finally {
    await page.context().close();
  }
  assert.deepEqual(env.pageErrors, []);
});

test("a bulk return reports each order's outcome", { timeout: 150_000 }, async () => {
  const first = await fileOrder(BEIJING);
  const second = await fileOrder(ZHEJIANG);
  const page = await newPage();
  try {
    await logIn(page, DEMO_USERS.supervisor);
    await page.goto(`${baseUrl}/console/queue`);
    for (const order of [first, second]) {
      await row(page, order.number).locator(".ant-checkbox-input").check();
    }
    await page.getByTestId("bulk-bar").getByText("已选择 2 项").waitFor();
    await page.getByTestId("bulk-return").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("批量退回（2个订单）").waitFor();
    await pick(page, "bulk_fields", "网站1 · 备注", "备注");
    await dialog.getByText("批量退回（2个订单）").click();
    await dialog.locator("#bulk_reason").fill("网站备注过于简单，请具体描述网站的主要内容和用途");
    // Meanwhile the second order's applicant withdraws it: it can no longer be returned.
    const current = await second.applicant.order();
    await second.applicant.session.post(`/api/orders/${second.id}/withdraw`, { version: current.version });
    await shot(page, "bulk-return-zh");
    await confirmDialog(page, /确\s*定/, "批量退回（2个订单）");

    const results = page.getByRole("dialog").filter({ hasText: "批量操作结果" });
    await results.getByText("成功 1 个，失败 1 个").waitFor();
    const ok = results.locator(`tr[data-order-id="${first.id}"]`);
    await ok.locator('[data-state="returned"]').waitFor();
    await ok.getByText(first.number).waitFor();
    assert.equal(await ok.getAttribute("data-ok"), "true");
    const failed = results.locator(`tr[data-order-id="${second.id}"]`);
    await failed.getByText("失败").waitFor();
    assert.equal(await failed.getAttribute("data-ok"), "false");
    assert.notEqual((await failed.locator(".ant-typography-danger").innerText()).trim(), "");
    await shot(page, "bulk-result-zh");
    await results.getByRole("button", { name: /确\s*定/ }).click();
    await row(page, first.number).waitFor({ state: "detached" });
  } catch (error) {
    await shot(page, "failure-bulk").catch(() => {});
    throw error;
  } finally {
    await page.context().close();
  }
  assert.deepEqual(env.pageErrors, []);
});

test("a supervisor reassigns an order; the second missed call returns it", { timeout: 150_000 }, async () => {
  const order = await fileOrder(ZHEJIANG);
  const page = await newPage();
  try {
    await logIn(page, DEMO_USERS.supervisor);
    await page.goto(`${baseUrl}/console/queue`);
    const line = row(page, order.number);
    await line.locator('button[data-action="reassign"]').click();
    await page.getByRole("dialog").getByText(`转派订单 ${order.number}`).waitFor();
    await pick(page, "reassign-user", "审核员 李四");
    await confirmDialog(page, /转\s*派/, `转派订单 ${order.number}`);
    await line.getByText("审核员 李四").waitFor();
    // The filter by assignee finds it under the reviewer's name.
    await pick(page, "filter-assignee", "审核员 李四");
    await page.waitForURL(/assignee=/);
    await line.waitFor();

    // Two calls nobody answers: the order goes back to the applicant by itself.
    await line.getByRole("link", { name: order.number }).click();
    await page.waitForURL(new RegExp(`/console/orders/${order.id}$`));
    for (const outcome of ["无人接听", "占线"]) {
      await pick(page, "call_outcome", outcome);
      await page.getByTestId("log-call").click();
      await page.getByText("通话已记录").first().waitFor();
      if (outcome === "无人接听") await page.getByText("已有1次未接通").waitFor();
    }
    await page.getByTestId("call-auto-returned").waitFor();
    await page.locator('[data-state="returned"]').first().waitFor();
    assert.equal(await page.locator('button[data-action="approve"]').count(), 0);
    await page.getByTestId("audit-trail").locator('tr[data-action="return"]').waitFor();
    await shot(page, "calls-zh");
  } catch (error) {
    await shot(page, "failure-calls").catch(() => {});
    throw error;
  } finally {
    await page.context().close();
  }
  assert.deepEqual(env.pageErrors, []);
});

test("the dashboard draws the review numbers for supervisors", { timeout: 60_000 }, async () => {
  const page = await newPage();
  try {
    await logIn(page, DEMO_USERS.supervisor);
    await page.getByRole("menuitem", { name: "数据看板" }).click();
    await page.waitForURL(/\/console\/dashboard$/);
    for (const chart of ["chart-queue", "chart-breaches"]) {
      await page.getByTestId(chart).locator("svg.recharts-surface").first().waitFor();
    }
    // The first test's decisions: the reviewer's review time, the return reasons.
    assert.ok(decided.length > 0, "the first test decided orders for the dashboard to draw");
    const reviewers = page.getByTestId("chart-reviewers");
    await reviewers.locator(".recharts-cartesian-axis-tick-label", { hasText: /审核员\s*李四/ }).waitFor();
    await reviewers.locator(".recharts-bar-rectangle").first().waitFor();
    const returns = page.getByTestId("chart-returns");
    await returns
      .locator(".recharts-cartesian-axis-tick-label", { hasText: "通信地址须详细到门牌号" })
      .waitFor();
    await returns.locator(".recharts-bar-rectangle").first().waitFor();
    assert.notEqual(
      await page.getByTestId("kpi-decisions").locator(".ant-statistic-content").innerText(),
      "0",
    );
    await page.locator(".ant-segmented-item", { hasText: "按周" }).click();
    await page.getByTestId("chart-queue").locator("svg.recharts-surface").first().waitFor();
    await page.locator(".ant-segmented-item", { hasText: "按日" }).click();
    await page.waitForLoadState("networkidle");
    await shot(page, "dashboard-zh");

    // A reviewer has no dashboard: the menu does not offer it and the address leads to the queue.
    const reviewer = await newPage();
    await logIn(reviewer, DEMO_USERS.reviewer);
    assert.equal(await reviewer.getByRole("menuitem", { name: "数据看板" }).count(), 0);
    await reviewer.goto(`${baseUrl}/console/dashboard`);
    await reviewer.waitForURL(/\/console\/queue$/);
    await reviewer.context().close();
  } catch (error) {
    await shot(page, "failure-dashboard").catch(() => {});
    throw error;
  } finally {
    await page.context().close();
  }
  assert.deepEqual(env.pageErrors, []);
});

test(
  "the audit log finds an order's steps; an administrator adds a reviewer and overrides a rule",
  { timeout: 150_000 },
  async () => {
    const page = await newPage();
    try {
      await logIn(page, DEMO_USERS.admin);
      await page.getByRole("menuitem", { name: "审计日志" }).click();
      await page.waitForURL(/\/console\/audit$/);
      await page.locator(".audit-table tbody tr.ant-table-row").first().waitFor();
      const order = decided[0];
      if (order) {
        await page.locator("#audit_entityId").fill(order.id);
        const searched = page.waitForResponse((response) => response.url().includes(`entityId=${order.id}`));
        await page.getByTestId("audit-search").click();
        await searched;
        await page.locator('.audit-table tr[data-action="approve"]').waitFor();
        await page.locator('.audit-table tr[data-action="return"] .ant-table-row-expand-icon').click();
        await page.locator("pre.audit-detail", { hasText: "websites.0.name" }).waitFor();

        // 导出: the same search as a CSV file, the order's steps newest first.
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByTestId("audit-export").click(),
        ]);
        assert.match(download.suggestedFilename(), /^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
        const csv = readFileSync(await download.path(), "utf8");
        assert.ok(csv.startsWith("\uFEFF时间,操作人,"), csv.slice(0, 40));
        const actions = csv
          .split("\r\n")
          .slice(1, -1)
          .map((line) => line.split(",")[7]);
        assert.ok(actions.includes("approve") && actions.includes("return"), actions.join(" "));
        assert.equal(actions.at(-1), "create", "oldest last");
        await page.mouse.move(0, 0); // the button's tooltip off the screenshot
      }
      await shot(page, "audit-zh");

      await page.getByRole("menuitem", { name: "人员管理" }).click();
      await page.waitForURL(/\/console\/staff$/);
      await page.getByTestId("staff-add").click();
      await page.locator("#staff_displayName").fill("审核员 赵六");
      await page.locator("#staff_email").fill("zhao.liu@demo.openbeian.cn");
      await page.locator("#staff_password").fill("Zhao6-Secret-2026");
      await confirmDialog(page, /保\s*存/);
      const added = page.locator('tr[data-email="zhao.liu@demo.openbeian.cn"]');
      await added.getByText("审核员", { exact: true }).waitFor();
      await added.locator('[data-status="active"]').waitFor();
      await shot(page, "staff-zh");

      // 省份规则: Zhejiang's bureau takes 30 working days (fact base); an override to 25, then revoked.
      await page.getByRole("menuitem", { name: "省份规则" }).click();
      await page.waitForURL(/\/console\/rules/);
      await pick(page, "rules-province", ZHEJIANG.zh, ZHEJIANG.zh);
      await page.locator('[data-testid="rules-resolved"][data-province="33"]').waitFor();
      const resolvedRow = page
        .getByTestId("rules-resolved")
        .locator('tr[data-rule="bureauReviewWorkingDays"]');
      await resolvedRow.locator('[data-source="facts"]').waitFor();
      assert.equal(await resolvedRow.locator(".rule-value").innerText(), "30");
      await page.getByTestId("rules-add").click();
      await pick(page, "override_rule", "bureauReviewWorkingDays", "bureauReview");
      assert.equal(await page.locator("#override_value").inputValue(), "30");
      await page.locator("#override_value").fill("25 days");
      await page
        .getByRole("dialog")
        .getByRole("button", { name: /保\s*存/ })
        .click();
      await page.getByText("取值不是有效的 JSON").waitFor();
      await page.locator("#override_value").fill("25");
      await page.locator("#override_reason").fill("管局通知：审核时限缩短");
      await confirmDialog(page, /保\s*存/);
      const override = page
        .getByTestId("rules-overrides")
        .locator('tr[data-rule="bureauReviewWorkingDays"][data-revoked="false"]');
      await override.getByText("管局通知：审核时限缩短").waitFor();
      await resolvedRow.locator('[data-source="admin"]').waitFor();
      assert.equal(await resolvedRow.locator(".rule-value").innerText(), "25");
      await shot(page, "rules-zh");
      await override.locator('button[data-action="revoke"]').click();
      await page.locator("#revoke-reason").fill("通知已撤回");
      await confirmDialog(page, /撤\s*销/);
      await page
        .getByTestId("rules-overrides")
        .locator('tr[data-rule="bureauReviewWorkingDays"][data-revoked="true"]')
        .waitFor();
      await resolvedRow.locator('[data-source="facts"]').waitFor();
      assert.equal(await resolvedRow.locator(".rule-value").innerText(), "30");
    } catch (error) {
      await shot(page, "failure-audit-staff").catch(() => {});
      throw error;
    } finally {
      await page.context().close();
    }
    assert.deepEqual(env.pageErrors, []);
  },
);
