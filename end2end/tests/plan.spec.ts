import { test, expect } from "@playwright/test";

// ケアプラン beyond 第1表・第2表 (day.spec.ts): what changed since the
// previous version, and 第3表 as a week that reads on a phone.
const hana = process.env.E2E_DEMO_RECIPIENT ?? "";

test("the plan says what changed from the previous plan, in plain words", async ({ page }) => {
  await page.goto(`/r/${hana}/plan`);
  const changes = page.locator(".plan-changes");
  await expect(changes.getByRole("heading", { level: 2 })).toHaveText("前のプランから変わったところ");
  await expect(changes).toContainText("第1版");
  // The demo's current plan brought the visiting nurse…
  const started = changes.locator("h3", { hasText: "あたらしく始まること" }).locator("+ ul");
  await expect(started).toContainText("訪問看護");
  await expect(started).toContainText("むせずに");
  // …day service twice a week instead of once…
  const often = changes.locator("h3", { hasText: "回数が変わること" }).locator("+ ul");
  await expect(often.locator("li").first()).toContainText("週2回(火・木)");
  await expect(often.locator("li").first()).toContainText("(前は 週1回(火))");
  // …and her son's wish was written in.
  await expect(changes).toContainText("ご本人とご家族の希望が、書きなおされました。");
});

test("第3表 reads as a week starting today, each visit with its time", async ({ page }) => {
  await page.goto(`/r/${hana}/plan`);
  const week = page.locator(".plan-week");
  await expect(week.getByRole("heading", { level: 2 })).toHaveText("1週間の予定");
  const days = week.locator(".week-day");
  await expect(days).toHaveCount(7);
  // Today comes first and is marked as today.
  await expect(days.first()).toHaveAttribute("aria-current", "date");
  await expect(days.first().locator("h3")).toContainText("(きょう)");
  // Wednesday: the nurse from 14:00, and the evening help every day.
  const wednesday = days.filter({ has: page.locator("h3", { hasText: "水曜日" }) });
  await expect(wednesday).toContainText("14:00〜14:45");
  await expect(wednesday).toContainText("訪問看護");
  for (let i = 0; i < 7; i++) await expect(days.nth(i)).toContainText("17:30〜18:30");
  // Her usual day, from getting up to going to bed.
  await expect(page.locator(".plan-rhythm li").first()).toContainText("7:00");
  // Readable at 390 px: nothing sticks out sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
});
