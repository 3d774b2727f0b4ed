import { test, expect } from "@playwright/test";

// Signed in as the demo's daughter, whom ハナ lets see 医療: she may read
// who looked at her mother's records, but only ハナ decides what family
// sees. Both pages are server-rendered, so they read without JavaScript.
const hana = process.env.E2E_DEMO_RECIPIENT ?? "";

test("the daughter reads who looked at her mother's records, newest first", async ({ page }) => {
  await page.goto(`/r/${hana}`);
  // The header says who is signed in, JavaScript or not.
  await expect(page.locator(".account-name")).toHaveText("佐藤 美咲さん");
  await page.getByRole("link", { name: "見た人の記録" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("見た人の記録");
  // Newest first: her own read of the day just now (this look at the log
  // is written after the page was put together).
  const first = page.locator(".access-line").first();
  await expect(first).toContainText("あなたが、");
  await expect(first).toContainText("のきろくを見ました。");
  await expect(first.locator("time")).toHaveText(/^\d{2}:\d{2}$/);
  // Days are headed in Japanese.
  await expect(page.locator(".access-day h2").first()).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日\(.\)$/);
});

test("only ハナ decides what family sees; her daughter is told so plainly", async ({ page }) => {
  await page.goto(`/r/${hana}`);
  await expect(page.getByRole("link", { name: "家族に見せること" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "かかわる人" })).toHaveCount(0);
  await page.goto(`/r/${hana}/sharing`);
  await expect(page.getByRole("alert")).toContainText(
    "家族に見せることを決められるのは、本人と、代わりに決める人（法定代理人）だけです。",
  );
  await expect(page.getByText("山本 健太")).toHaveCount(0);
});
