/**
 * Hand-off links in the portal (issue 10), on both engines. The demo applicant's draft has every
 * document but the face photo (made over HTTP). In the wizard's 人脸核验 step the applicant makes a
 * phone link; a second browser context with a phone's screen (the website head's phone) opens the
 * link's URL, with no login, and uploads the face photo; the wizard, polling, shows the photo as if
 * it had been taken there. On the order page 交给本人办理 lists the links (the face link used), makes
 * new ones (shown once, in a dialog) and revokes the new SMS link, which then says 已撤销; the phone
 * opening that link is told it is invalid. Screenshots go to /tmp/handoff-shots/.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DEMO_PASSWORD, DEMO_USERS, HttpSession, type OrderView } from "@openbeian/server";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { startBrowserPlatform, type BrowserPlatform } from "./support/browser-platform.ts";
import { demoOrderData, logIn, picture, unusedServiceCode } from "./support/demo-filing.ts";
import { ENGINES } from "./support/processes.ts";

const SHOTS = "/tmp/handoff-shots";
const SLOW = { timeout: 20_000 };

/** A draft first filing with every required document except the face photo. */
async function draftWithoutFace(baseUrl: string, photo: Uint8Array): Promise<OrderView> {
  const applicant = new HttpSession(baseUrl);
  await applicant.post("/api/auth/login", { email: DEMO_USERS.applicant, password: DEMO_PASSWORD });
  const data = demoOrderData("zhangsan-blog.cn", "zhang.san@example.cn", await unusedServiceCode(applicant));
  const order = await applicant.post<OrderView>("/api/orders", { data });
  const { required } = await applicant.get<{ required: { kind: string }[] }>(
    `/api/orders/${order.id}/materials`,
  );
  assert.ok(
    required.some(({ kind }) => kind === "face_capture"),
    "the order needs a face photo",
  );
  for (const { kind } of required.filter(({ kind }) => kind !== "face_capture")) {
    await applicant.upload(`/api/orders/${order.id}/materials`, kind, {
      bytes: photo,
      name: `${kind}.jpg`,
      type: "image/jpeg",
    });
  }
  return order;
}

/** The QR code is an image that loaded (an SVG through a data: URL, never markup in the page). */
async function assertQrImage(qr: Locator) {
  const image = qr.locator("img.handoff-qr");
  assert.match((await image.getAttribute("src")) ?? "", /^data:image\/svg\+xml;/);
  await image.evaluate((element: HTMLImageElement) => element.decode());
  assert.ok(
    await image.evaluate((element: HTMLImageElement) => element.naturalWidth > 0),
    "the QR code renders",
  );
}

for (const engine of ENGINES) {
  describe(`hand-off links in the portal (${engine})`, () => {
    let env: BrowserPlatform;
    let baseUrl = "";
    let phone: BrowserContext;

    before(async () => {
      env = await startBrowserPlatform({ name: "handoff", engine, pageTimeout: SLOW.timeout });
      baseUrl = env.baseUrl;
      mkdirSync(SHOTS, { recursive: true });
      // The person's phone: a context of its own (no session), a phone's screen.
      phone = await env.browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
      });
    });

    after(async () => {
      await env?.close();
    });

    const shot = (target: Page | Locator, name: string) =>
      target.screenshot({ path: join(SHOTS, `${engine}-${name}.png`), animations: "disabled" });

    async function phonePage(url: string) {
      const page = await phone.newPage();
      page.setDefaultTimeout(SLOW.timeout);
      page.on("pageerror", (error) => env.pageErrors.push(error.message));
      await page.goto(url);
      return page;
    }

    test("the face check done on the phone, an SMS link revoked", { timeout: 120_000 }, async () => {
      const page = await env.newPage();
      await logIn(page, baseUrl, DEMO_USERS.applicant);
      const order = await draftWithoutFace(baseUrl, await picture(page, "document"));

      // 人脸核验: no camera on this computer; the phone card beside it makes the link.
      await page.goto(`${baseUrl}/orders/${order.id}/edit?step=5`);
      const card = page.getByTestId("phone-face-card");
      await card.getByText("用手机扫码完成人脸核验").waitFor();
      await page.getByTestId("face-upload").waitFor();
      await shot(card, "wizard-phone-card-start");
      await card.getByTestId("handoff-create-face").click();
      const faceQr = card.locator('[data-testid="handoff-qr"][data-purpose="face_check"]');
      await faceQr.waitFor();
      await assertQrImage(faceQr);
      const faceUrl = (await faceQr.getAttribute("data-url")) ?? "";
      assert.match(faceUrl, new RegExp(`^${baseUrl}/handoff#obh_`));
      assert.equal(await faceQr.getByTestId("handoff-url").innerText(), faceUrl, "the URL is shown to copy");
      await faceQr.getByText(/有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
      await card.getByTestId("phone-face-waiting").waitFor();
      // The face step makes its own link only: no SMS link nobody would see.
      assert.equal(await card.locator('[data-testid="handoff-qr"]').count(), 1);
      await shot(card, "wizard-phone-card");
      await page.screenshot({ path: join(SHOTS, `${engine}-wizard-face-step.png`), fullPage: true });

      // The website head's phone: the link opens without a login and takes the photo.
      const onPhone = await phonePage(faceUrl);
      await onPhone.getByTestId("handoff-card").getByText(order.number).waitFor();
      await onPhone
        .getByTestId("handoff-file")
        .setInputFiles({ name: "face.jpg", mimeType: "image/jpeg", buffer: await picture(onPhone, "face") });
      await onPhone.getByText("人脸照片已上传，代办方会继续办理。").waitFor();
      await shot(onPhone, "phone-face-done");

      // The wizard notices by itself (it polls every few seconds) and goes on as after a capture here.
      await page.getByTestId("face-passed").getByText("活体检测通过（模拟）").waitFor(SLOW);
      await card.getByTestId("phone-face-arrived").waitFor();
      await shot(card, "wizard-phone-arrived");

      // 交给本人办理 on the order page: the wizard's link, used.
      await page.goto(`${baseUrl}/orders/${order.id}`);
      const section = page.getByTestId("handoff-links");
      await section.getByText("交给本人办理").waitFor();
      const rows = section.getByTestId("handoff-link");
      await rows.nth(0).waitFor();
      assert.equal(await rows.count(), 1);
      await section
        .locator('[data-testid="handoff-link"][data-status="used"]')
        .getByText("人脸核验")
        .waitFor();

      // New links, shown once in a dialog: the face check (still a draft) and 张三's SMS link.
      await section.getByTestId("handoff-create").click();
      const dialog = page.getByRole("dialog").filter({ hasText: "新生成的链接" });
      await dialog.getByText("链接和二维码只显示这一次").waitFor();
      const fresh = dialog.getByTestId("handoff-qr");
      await fresh.nth(1).waitFor();
      assert.deepEqual(await fresh.evaluateAll((nodes) => nodes.map((node) => node.dataset.purpose)), [
        "face_check",
        "sms_verification",
      ]);
      const smsQr = dialog.locator('[data-testid="handoff-qr"][data-purpose="sms_verification"]');
      await assertQrImage(smsQr);
      await dialog.getByText("138****8000").waitFor();
      const smsUrl = (await smsQr.getAttribute("data-url")) ?? "";
      const smsId = (await smsQr.getAttribute("data-link-id")) ?? "";
      assert.ok(smsUrl && smsId, "the new SMS link is shown");
      await page.waitForFunction(() => !document.querySelector(".ant-zoom-enter, .ant-zoom-appear"));
      await shot(page, "order-new-links-dialog");
      await dialog.getByTestId("handoff-new-done").click();
      await dialog.waitFor({ state: "hidden" });
      await rows.nth(2).waitFor(); // the wizard's face link and the two new ones

      // The SMS link went to the wrong person: 撤销, confirmed.
      const smsRow = section.locator(`[data-testid="handoff-link"][data-link-id="${smsId}"]`);
      assert.equal(await smsRow.getAttribute("data-status"), "active");
      await smsRow.getByTestId("handoff-revoke").click();
      await page
        .locator(".ant-popconfirm:visible")
        .getByRole("button", { name: /撤\s*销/ })
        .click();
      await section
        .locator(`[data-testid="handoff-link"][data-link-id="${smsId}"][data-status="revoked"]`)
        .waitFor();
      assert.equal(await smsRow.getByTestId("handoff-status").innerText(), "已撤销");
      assert.equal(
        await smsRow.getByTestId("handoff-revoke").count(),
        0,
        "a revoked link has nothing to revoke",
      );
      await shot(section, "order-handoff-section");
      await page.screenshot({ path: join(SHOTS, `${engine}-order-page.png`), fullPage: true });

      // The phone opening the revoked link is told to ask for a new one.
      const revoked = await phonePage(smsUrl);
      await revoked.getByText("链接无效或已过期，请向代办方索取新的链接").waitFor();
      await shot(revoked, "phone-revoked-link");

      assert.deepEqual(env.pageErrors, [], "no script errors on the pages");
    });
  });
}
