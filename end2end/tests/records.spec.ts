import { test, expect } from "@playwright/test";

// きろく, as the demo's daughter: the whole timeline, newest first, one
// kind at a time, and further back with 「もっと見る」 — with and without
// JavaScript.
const hana = process.env.E2E_DEMO_RECIPIENT ?? "";

test("the daughter reads the meals, then goes further back", async ({ page }) => {
  await page.goto(`/r/${hana}`);
  await page.getByRole("link", { name: "きろくの一覧" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("きろく");
  const filter = page.getByRole("navigation", { name: "きろくの種類" });
  await expect(filter.getByRole("link", { name: "すべて" })).toHaveAttribute("aria-current", "page");
  await filter.getByRole("link", { name: "食事" }).click();
  await expect(filter.getByRole("link", { name: "食事" })).toHaveAttribute("aria-current", "page");
  const days = page.locator(".timeline-day h2");
  await expect(days.first()).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日\(.\)$/);
  const firstDay = await days.first().innerText();
  // Every card is a meal, in plain words; where the staff wrote words they
  // are under 「元の記録」 (a visit saved by another spec may have none).
  const cards = page.locator(".timeline-day .card");
  await expect(cards).toHaveCount(20);
  await expect(page.locator('.timeline-day .card:not([data-category="meal"])')).toHaveCount(0);
  await expect(cards.filter({ hasText: "元の記録" }).first()).toBeVisible();
  await page.getByRole("link", { name: "もっと見る" }).click();
  await expect(page).toHaveURL(/kind=meal&before=\d+_[0-9a-f-]{36}$/);
  await expect(page.locator(".timeline-day h2").first()).not.toHaveText(firstDay);
  await expect(page.getByRole("link", { name: "食事" })).toHaveAttribute("aria-current", "page");
});

test("body numbers are listed with their words", async ({ page }) => {
  await page.goto(`/r/${hana}/records?kind=vitals`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("きろく");
  await expect(page.locator(".timeline-day").first()).toContainText("血圧");
  await expect(page.locator(".timeline-day").first()).toContainText("mmHg");
});

test("医療のこと: the allergy in plain words, the nurse's wording one tap away", async ({ page }) => {
  await page.goto(`/r/${hana}`);
  await page.getByRole("link", { name: "医療のこと" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("医療のこと");
  const allergy = page.locator(".card.medical").first();
  await expect(allergy.locator(".badge")).toHaveText("アレルギー");
  await expect(allergy.locator(".original-text").first()).toBeHidden();
  await allergy.getByText("元の記録").click();
  await expect(allergy.locator(".original-text").first()).toHaveText("サバ(じんましん)");
});

test("からだの数値: a chart per measure, and the same numbers as a table", async ({ page }) => {
  await page.goto(`/r/${hana}`);
  await page.getByRole("link", { name: "からだの数値", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("からだの数値");
  await page.getByRole("link", { name: "1週間" }).click();
  await expect(page.getByRole("link", { name: "1週間" })).toHaveAttribute("aria-current", "page");
  const bp = page.locator('[data-measure="BloodPressure"]');
  await expect(bp.getByRole("img")).toBeVisible();
  const box = await bp.locator("svg").boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(300);
  expect(box?.width ?? 999).toBeLessThanOrEqual(390);
  await bp.getByText("数字の表で見る").click();
  await expect(bp.locator("tbody tr").first()).toContainText("mmHg");
});

test("older records arrive as she scrolls down (with JavaScript), or behind the link (without)", async ({ page, javaScriptEnabled }) => {
  await page.goto(`/r/${hana}/records?kind=meal`);
  const cards = page.locator(".timeline-day .card");
  await expect(cards).toHaveCount(20);
  const url = page.url();
  await page.locator("p.more").scrollIntoViewIfNeeded();
  if (!javaScriptEnabled) {
    // Nothing moves by itself; the plain link is there to tap.
    await page.waitForTimeout(500);
    await expect(cards).toHaveCount(20);
    await expect(page.getByRole("link", { name: "もっと見る" })).toHaveAttribute("href", /before=/);
    return;
  }
  await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(40);
  // Still the same page, every card a meal, and no day heading twice.
  expect(page.url()).toBe(url);
  expect(await page.locator('.timeline-day .card:not([data-category="meal"])').count()).toBe(0);
  const headings = await page.locator(".timeline-day h2").allInnerTexts();
  expect(new Set(headings).size).toBe(headings.length);
});
