import type { Page } from "playwright-core";

/** The options of the open Ant Design select whose input has this id. */
export const selectOptions = (page: Page, id: string) =>
  page.locator(`.ant-select-dropdown:visible:has(#${id}_list) .ant-select-item-option`);

/**
 * Opens a select by its id, types `search` and clicks the option with this text, until the
 * select shows it: a busy machine can swallow a click on a dropdown that is still sliding in.
 */
export async function pickOption(page: Page, id: string, option: string | RegExp, search?: string) {
  // The select's own text is the chosen label (what is typed sits in an input's value, not text).
  const chosen = page.locator(".ant-select", { has: page.locator(`#${id}`), hasText: option });
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.locator(`#${id}`).click();
    if (search) await page.locator(`#${id}`).fill(search);
    try {
      // An option that never holds still (the list re-rendering as results arrive) is
      // clicked again from the start rather than waited on for the whole test's time.
      await selectOptions(page, id).filter({ hasText: option }).first().click({ timeout: 5_000 });
      await chosen.first().waitFor({ timeout: 3_000 });
      return;
    } catch {
      // not taken: close the list and open the select again
      await page.keyboard.press("Escape");
    }
  }
  throw new Error(`select #${id} did not take the option ${String(option)}`);
}

/**
 * Waits until no dialog is still zooming in: a click on a dialog that is still moving can land
 * on the mask behind it, which closes the dialog as if 取消 had been pressed.
 */
export async function dialogSettled(page: Page) {
  await page.waitForFunction(() => !document.querySelector(".ant-zoom-enter, .ant-zoom-appear"));
}

/**
 * Presses a button in the open dialog (the one showing `text`, if given) and waits for it to
 * close, retrying a click a busy machine swallowed.
 */
export async function confirmDialog(page: Page, name: string | RegExp, text?: string) {
  const dialog = page
    .getByRole("dialog")
    .filter({ has: page.getByRole("button", { name }), ...(text ? { hasText: text } : {}) });
  for (let attempt = 0; attempt < 3; attempt++) {
    await dialogSettled(page);
    await dialog.getByRole("button", { name }).click();
    try {
      await dialog.waitFor({ state: "hidden", timeout: 4_000 });
      return;
    } catch {
      // still open: click again
    }
  }
  throw new Error(`dialog button ${String(name)} did not close its dialog`);
}
