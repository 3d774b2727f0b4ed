import { test, expect } from "@playwright/test";

// 見やすさ, as the demo's daughter: bigger text, no furigana, high
// contrast — the whole page follows, and it is remembered. Runs with and
// without JavaScript; the settings go back to standard at the end.
const hana = process.env.E2E_DEMO_RECIPIENT ?? "";

test("the daughter makes the text extra large, then goes back to standard", async ({
  page,
  javaScriptEnabled,
}) => {
  const rootSize = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  // Without JavaScript the form posts and the page comes back.
  const save = async () => {
    const button = page.getByRole("button", { name: "保存する" });
    if (javaScriptEnabled) {
      await button.click();
    } else {
      await Promise.all([page.waitForEvent("load"), button.click()]);
    }
  };
  await page.goto(`/r/${hana}`);
  expect(await rootSize()).toBe("18px");
  await expect(page.locator("rt").first()).toBeVisible();
  await page.getByRole("link", { name: "見やすさ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("見やすさ");
  await page.getByLabel("特大").check();
  await page.getByLabel("漢字の読みがな（ふりがな）を出す").uncheck();
  await save();
  await expect.poll(rootSize).toBe("27px");

  // Every page follows, after a reload too.
  await page.goto(`/r/${hana}`);
  expect(await rootSize()).toBe("27px");
  await expect(page.locator("rt").first()).toBeHidden();

  await page.goto("/reading");
  await expect(page.getByLabel("特大")).toBeChecked();
  await page.getByLabel("標準").check();
  await page.getByLabel("漢字の読みがな（ふりがな）を出す").check();
  await save();
  await expect.poll(rootSize).toBe("18px");
  await page.goto(`/r/${hana}`);
  await expect(page.locator("rt").first()).toBeVisible();
});
