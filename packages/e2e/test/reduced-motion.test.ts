/**
 * The console honours the system's reduced-motion setting (an accessibility setting, and what
 * the other browser tests run with): with it, 添加域名's dialog appears without its zoom; without
 * it, the dialog zooms in as Ant Design's consoles do. A page script records every element that
 * ever carries a running zoom or slide animation's class (`…-active`), from before the app's
 * first render. (Without motion the dialog still passes through its `prepare` step, which only
 * sets where a zoom would start from.)
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DEMO_USERS } from "@openbeian/server";
import type { Page } from "playwright-core";
import { startBrowserPlatform, type BrowserPlatform } from "./support/browser-platform.ts";
import { logIn } from "./support/demo-filing.ts";

declare global {
  interface Window {
    animated?: string[];
  }
}

/** Opens 添加域名 on 域名管理 and returns the running animations' classes seen until the dialog is up. */
async function openAddDomain(env: BrowserPlatform, page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    window.animated = [];
    new MutationObserver((changes) => {
      for (const change of changes) {
        const element = change.target as Element;
        const found = /ant-(zoom|slide-up)-(appear|enter)-active/.exec(element.className?.toString() ?? "");
        if (found) window.animated?.push(found[0]);
      }
    }).observe(document, { attributes: true, attributeFilter: ["class"], subtree: true, childList: true });
  });
  await logIn(page, env.baseUrl, DEMO_USERS.applicant);
  await page.goto(`${env.baseUrl}/domains`);
  await page.getByRole("button", { name: /添加域名/ }).click();
  await page.getByRole("dialog").filter({ hasText: "添加域名" }).locator("input").first().waitFor();
  return page.evaluate(() => window.animated ?? []);
}

describe("reduced motion", () => {
  let env: BrowserPlatform;

  before(async () => {
    env = await startBrowserPlatform({ name: "motion", engine: "sqlite" });
  });
  after(async () => {
    await env?.close();
  });

  test("asked for by the system: the dialog appears without its zoom", async () => {
    const page = await env.newPage({ reducedMotion: "reduce" });
    assert.deepEqual(await openAddDomain(env, page), []);
  });

  test("not asked for: the dialog zooms in", async () => {
    const page = await env.newPage({ reducedMotion: "no-preference" });
    const seen = await openAddDomain(env, page);
    assert.ok(
      seen.some((name) => name.startsWith("ant-zoom")),
      `zoom classes seen: ${JSON.stringify(seen)}`,
    );
    assert.deepEqual(env.pageErrors, []);
  });
});
