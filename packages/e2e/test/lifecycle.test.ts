/**
 * The filing after its first approval (issue 9) in a real browser. The demo applicant's first
 * filing is approved over HTTP (upload, submit, initial review, SMS, bureau). On 我的网站 the
 * applicant finds 备案管理; a watch finding of an expiring ID opens a change on the ID's dates
 * (marked, the first one focused), abandoned again, as is an added website (the filed subject
 * read-only). Then 变更备案: the wizard starts from the filing, skips the documents, and the
 * subject head's e-mail is changed; the last step shows it old → new, MIIT's type (变更主体)
 * and who gets the SMS (the subject head). While it is in
 * review an added website is refused, naming the change with a way to open it. The reviewer
 * sees the kind and the edited field in the console and approves; MIIT's events come over HTTP
 * and the portal shows the change in force. Then 注销网站 with its dialog (the number is gone
 * for good, no SMS, the subject goes with its last website), submitted from the cancellation's
 * page, approved over HTTP with bureau_received and bureau_approved: the website shows 已注销.
 * The platform runs in-process on a fresh SQLite file. Screenshots go to /tmp/lifecycle-*.png.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import { DEMO_USERS, type OrderView } from "@openbeian/server";
import type { Page } from "playwright-core";
import { confirmDialog } from "./support/antd.ts";
import { startBrowserPlatform, type BrowserPlatform } from "./support/browser-platform.ts";
import {
  fileDemoFiling,
  logIn as logInAt,
  orderOf as orderAt,
  picture,
  regulatorEvent,
} from "./support/demo-filing.ts";

const SHOTS = "/tmp";
/** The seeded applicant's domain, and the numbers the bureau gives it. */
const DOMAIN = "zhangsan-blog.cn";
const SUBJECT_NUMBER = "浙ICP备2026000888号";
const WEBSITE_NUMBER = "浙ICP备2026000888号-1";
const OLD_EMAIL = "zhang.san@example.cn";
const NEW_EMAIL = "zhangsan.new@example.cn";
/** Waits for the server's answers on a busy machine. */
const SLOW = { timeout: 20_000 };

let env: BrowserPlatform;

before(async () => {
  env = await startBrowserPlatform({ name: "lifecycle", pageTimeout: SLOW.timeout });
});

after(async () => {
  await env?.close();
});

const logIn = (page: Page, email: string) => logInAt(page, env.baseUrl, email);
const orderOf = (page: Page) => orderAt(page, env.baseUrl);

/** A screenshot; a dialog's (`fullPage: false`) shows the window it covers, not the page below. */
async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({
    path: join(SHOTS, `lifecycle-${name}.png`),
    fullPage,
    animations: "disabled",
  });
}

/** An expiring ID of the subject head, as the filing watch records it. */
async function expiringIdFinding() {
  const website = await env.platform.ctx.db
    .selectFrom("website")
    .select(["id", "account_id"])
    .where("domain", "=", DOMAIN)
    .executeTakeFirstOrThrow();
  const now = Date.now();
  await env.platform.ctx.db
    .insertInto("watch_finding")
    .values({
      id: randomBytes(8).toString("hex"),
      account_id: website.account_id,
      website_id: website.id,
      kind: "certificate_expiry",
      item: "subject.head",
      level: "expiring",
      due_at: now + 20 * DAY_MS,
      first_seen_at: now,
      last_seen_at: now,
      resolved_at: null,
      notified_level: "expiring",
      detail_json: JSON.stringify({ zh: "主体负责人证件即将到期", en: "The subject head's ID expires soon" }),
    })
    .execute();
}

test("an applicant changes the filing, then cancels the website", { timeout: 90_000 }, async () => {
  const { baseUrl } = env;
  const page = await env.newPage();
  let staff: Page | null = null;
  try {
    await page.goto(`${baseUrl}/login`);
    const { applicant, reviewer } = await fileDemoFiling(env, {
      photo: await picture(page),
      domain: DOMAIN,
      email: OLD_EMAIL,
      subjectNumber: SUBJECT_NUMBER,
      websiteNumber: WEBSITE_NUMBER,
    });
    await expiringIdFinding();

    // 我的网站: the filing's actions, the website's cancellations, the watch finding.
    await logIn(page, DEMO_USERS.applicant);
    await page.goto(`${baseUrl}/websites`);
    const actions = page.getByTestId("filing-actions");
    await actions.getByText(SUBJECT_NUMBER).waitFor();
    for (const id of ["start-change", "start-add-website", "start-cancel-subject"]) {
      await actions.getByTestId(id).waitFor();
    }
    const card = page.locator(`[data-testid="website"][data-domain="${DOMAIN}"]`);
    await card.getByTestId("cancel-website").waitFor();
    await card.getByTestId("cancel-access").waitFor();
    const finding = page.locator('[data-testid="watch-finding"][data-kind="certificate_expiry"]');
    await finding.getByTestId("finding-change").waitFor();
    await shot(page, "actions-zh");

    // 办理变更 from the finding: a change on the ID's dates, marked and focused on 主办者信息.
    await finding.getByTestId("finding-change").click();
    await page.waitForURL(/\/orders\/[^/]+\/edit\?focus=/);
    await page.locator('[data-step="subject"]').waitFor();
    const validTo = page.locator('[data-path="subject.head.certificateValidTo"][data-focus="true"]');
    await validTo.waitFor();
    await page.locator('[data-path="subject.head.certificateValidFrom"][data-focus="true"]').waitFor();
    await page.getByText("备案监测发现以下信息需要更新").waitFor();
    await page.waitForFunction(() =>
      document.activeElement?.closest('[data-path="subject.head.certificateValidFrom"]'),
    );
    await shot(page, "focus-zh");
    const fromFinding = await orderOf(page);
    assert.equal(fromFinding.type, "change");
    const abandoned = await page.request.post(`${baseUrl}/api/orders/${fromFinding.id}/abandon`, {
      data: { version: fromFinding.version },
      headers: { "x-csrf-token": await csrf(page) },
    });
    assert.equal(abandoned.status(), 200, await abandoned.text());

    // 新增网站: the subject as filed, read-only; the new website's domain to choose.
    await page.goto(`${baseUrl}/websites`);
    await page.getByTestId("start-add-website").click();
    await page.waitForURL(/\/orders\/[^/]+\/edit$/);
    await page.getByTestId("order-kind").getByTestId("order-kind-tag").getByText("新增网站").waitFor();
    await page.locator('[data-testid="order-type"]').waitFor();
    assert.equal(
      await page.locator("#subject_certificateNumber").isDisabled(),
      true,
      "the subject is as filed",
    );
    assert.equal(await page.locator("#subject_province").isDisabled(), true);
    assert.equal(await page.locator("#websites_0_domain").isDisabled(), false, "the new domain is chosen");
    await shot(page, "add-website-zh");
    const adding = await orderOf(page);
    assert.equal(adding.type, "add_website");
    const dropped = await page.request.post(`${baseUrl}/api/orders/${adding.id}/abandon`, {
      data: { version: adding.version },
      headers: { "x-csrf-token": await csrf(page) },
    });
    assert.equal(dropped.status(), 200, await dropped.text());

    // 变更备案: prefilled from the filing; a change has no documents and no face check.
    await page.goto(`${baseUrl}/websites`);
    await page.getByTestId("start-change").click();
    await page.waitForURL(/\/orders\/[^/]+\/edit$/);
    const banner = page.getByTestId("order-kind");
    await banner.getByText("变更备案", { exact: true }).waitFor();
    await page.getByRole("heading", { name: "变更备案 · 填写备案信息" }).waitFor();
    await page.getByTestId("change-domains").getByText(DOMAIN).waitFor();
    assert.equal(await page.getByTestId("order-type").count(), 0, "no first-filing type notice");
    const steps = page.locator(".wizard-steps .ant-steps-item");
    assert.equal(await steps.count(), 4, "基础信息 → 主办者 → 互联网信息服务 → 提交");
    assert.equal(
      await page.locator("#subject_certificateNumber").isDisabled(),
      true,
      "the certificate is fixed",
    );
    await page.getByTestId("wizard-next").click();
    await page.locator('[data-step="subject"]').waitFor();
    const email = page.locator("#subject_head_email");
    assert.equal(await email.inputValue(), OLD_EMAIL, "the subject head as filed");
    await email.fill(NEW_EMAIL);
    await page.getByTestId("wizard-next").click();
    await page.locator('[data-step="website"]').waitFor();
    await page.getByTestId("website-tabs").getByText(DOMAIN).waitFor();
    await page.getByTestId("wizard-next").click();
    await page.locator('[data-step="submit"]').waitFor();

    // The last step: old → new, MIIT's type, who gets the SMS.
    const summary = page.getByTestId("change-summary");
    const row = summary.locator('tr[data-path="subject.head.email"]');
    await row.locator(".diff-before", { hasText: OLD_EMAIL }).waitFor();
    await row.locator(".diff-after", { hasText: NEW_EMAIL }).waitFor();
    assert.equal(await summary.locator("tbody tr.ant-table-row").count(), 1, "one field changed");
    await summary.locator('[data-testid="regulator-type"][data-type="change_subject"]').waitFor();
    await summary.getByText("变更主体").first().waitFor();
    const sms = summary.getByTestId("sms-person");
    await sms.getByText("主体负责人").waitFor();
    assert.equal(await sms.count(), 1, "only the subject head verifies");
    assert.ok((await sms.innerText()).includes("138****8000"));
    assert.equal(await page.getByText("已上传的资料").count(), 0, "no documents for a change");
    await shot(page, "change-review-zh");
    const acknowledge = page.getByTestId("acknowledge-warnings");
    if (await acknowledge.count()) await acknowledge.click();
    await page.getByTestId("submit-order").click();
    await page.waitForURL(/\/orders\/[^/]+$/, SLOW);
    await page.getByText("已提交审核").first().waitFor();
    const change = await orderOf(page);
    assert.equal(change.state, "provider_review");

    // While it is in review an added website waits, and the dialog opens the change.
    await page.goto(`${baseUrl}/websites`);
    await page.getByTestId("start-add-website").click();
    const blocked = page.getByRole("dialog").filter({ hasText: "暂时无法办理" });
    await blocked.getByText("变更备案正在办理中").waitFor();
    await blocked.getByRole("button", { name: `查看订单 ${change.number}` }).waitFor();
    await shot(page, "blocked-zh", false);
    await confirmDialog(page, `查看订单 ${change.number}`);
    await page.waitForURL(new RegExp(`/orders/${change.id}$`));

    // The console: the kind in the queue and on the order, the edited field; approve.
    staff = await env.newPage();
    await logIn(staff, DEMO_USERS.reviewer);
    const line = staff.locator(`tr[data-order-number="${change.number}"]`);
    await line.getByTestId("queue-kind").getByText("变更备案").waitFor();
    await staff.goto(`${baseUrl}/console/orders/${change.id}`);
    await staff.getByTestId("order-kind").getByText("变更备案", { exact: true }).waitFor();
    // The review view carries the filing as it stands: old against new.
    const edited = staff.locator('[data-testid="change-summary"] tr[data-path="subject.head.email"]');
    await edited.locator(".diff-after", { hasText: NEW_EMAIL }).waitFor();
    await staff.locator('[data-testid="regulator-type"][data-type="change_subject"]').waitFor();
    await shot(staff, "console-zh");
    await staff.locator('button[data-action="approve"]').click();
    await confirmDialog(staff, /确\s*定/);
    await staff.locator('[data-state="queued_for_bureau"]').first().waitFor();

    // MIIT: the subject head's SMS, then the bureau's approval (no numbers for a change).
    await regulatorEvent(env, change.number, { type: "sms_sent" });
    await regulatorEvent(env, change.number, { type: "sms_verified" });
    await regulatorEvent(env, change.number, { type: "bureau_approved" });
    await page.reload();
    await page.locator('[data-state="approved"]', { hasText: "已变更" }).first().waitFor();
    await page.getByRole("heading", { name: `变更备案 · 备案订单详情 ${change.number}` }).waitFor();
    await page.getByTestId("next-step").getByText("变更已生效").waitFor();
    await page.locator('[data-path="subject.head.email"]', { hasText: NEW_EMAIL }).first().waitFor();
    await page.locator('[data-testid="regulator-type"][data-type="change_subject"]').waitFor();
    await shot(page, "change-done-zh");
    await page.getByTestId("lang-toggle").click();
    await page.getByTestId("next-step").getByText("The change is in force").waitFor();
    await page.getByTestId("order-kind").getByText("Change filing", { exact: true }).waitFor();
    await shot(page, "change-done-en");
    await page.getByTestId("lang-toggle").click();
    await page.getByTestId("next-step").getByText("变更已生效").waitFor();
    const next = await applicant.post<OrderView>("/api/orders", { type: "change" });
    assert.equal(next.data.subject?.head?.email, NEW_EMAIL, "the filing holds the new e-mail");
    await applicant.post(`/api/orders/${next.id}/abandon`, { version: next.version });

    // 注销网站: the dialog says what it costs; the order page submits it.
    await page.goto(`${baseUrl}/websites`);
    await card.getByTestId("cancel-website").click();
    const dialog = page.getByRole("dialog").filter({ hasText: `注销网站 ${DOMAIN}？` });
    const consequence = dialog.getByTestId("cancel-consequence");
    await consequence.getByText(`网站备案号 ${WEBSITE_NUMBER} 将被永久注销`, { exact: false }).waitFor();
    await consequence.getByTestId("last-website").getByText(SUBJECT_NUMBER, { exact: false }).waitFor();
    await consequence.getByText("无需工信部短信核验", { exact: false }).waitFor();
    await shot(page, "cancel-dialog-zh", false);
    await confirmDialog(page, "确认注销", `注销网站 ${DOMAIN}？`);
    await page.waitForURL(/\/orders\/[^/]+$/, SLOW);
    const panel = page.getByTestId("cancel-order");
    await panel.locator(`[data-testid="cancel-target"][data-domain="${DOMAIN}"]`).waitFor();
    await panel.getByText(WEBSITE_NUMBER, { exact: false }).first().waitFor();
    assert.equal(await page.locator('button[data-action="edit"]').count(), 0, "nothing to edit");
    await page.locator('button[data-action="abandon"]', { hasText: "放弃本订单" }).waitFor();
    await page.getByTestId("next-step").getByText("请核对注销内容", { exact: false }).waitFor();
    await page.getByText("报送管局").first().waitFor();
    await shot(page, "cancel-order-zh");
    await panel.getByTestId("submit-cancel").click();
    await page.locator('[data-state="provider_review"]').first().waitFor();
    const cancellation = await orderOf(page);
    assert.equal(cancellation.type, "cancel_website");
    assert.equal((await reviewer.approve(cancellation.id)).state, "queued_for_bureau");
    await regulatorEvent(env, cancellation.number, { type: "bureau_received" });
    await regulatorEvent(env, cancellation.number, { type: "bureau_approved" });

    // 已注销: the card says so, and with no website left there is no filing to act on.
    await page.goto(`${baseUrl}/websites`);
    const cancelled = page.locator(
      `[data-testid="website"][data-domain="${DOMAIN}"][data-status="cancelled"]`,
    );
    await cancelled.getByTestId("website-status").getByText("已注销").waitFor();
    assert.equal(await page.getByTestId("filing-actions").count(), 0, "no filing left to act on");
    assert.equal(await cancelled.getByTestId("cancel-website").count(), 0);
    await shot(page, "cancelled-zh");
  } catch (error) {
    await shot(page, "failure").catch(() => {});
    if (staff) await shot(staff, "console-failure").catch(() => {});
    throw error;
  }
  assert.deepEqual(env.pageErrors, [], "no script errors in the pages");
});

/** The page's CSRF token, for a request made beside it. */
async function csrf(page: Page): Promise<string> {
  const response = await page.request.get(`${env.baseUrl}/api/session`);
  const body = (await response.json()) as { csrfToken: string };
  return body.csrfToken;
}
