import { test, expect } from "@playwright/test";

// A paper for the doctor's visit, as the demo's daughter: choose a week,
// see every day of it with the staff's own words, and print it on A4
// without the site's header, the form or the buttons.
const hana = process.env.E2E_DEMO_RECIPIENT ?? "";
const tokyoDay = (msAgo: number) =>
  new Date(Date.now() - msAgo).toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });
const DAY = 24 * 60 * 60 * 1000;
const to = tokyoDay(DAY);
const from = tokyoDay(7 * DAY);

test("the daughter makes a paper of one week for the doctor", async ({ page, javaScriptEnabled }) => {
  await page.goto(`/r/${hana}/records`);
  await page.getByRole("link", { name: "印刷する(病院に持っていく)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("病院に持っていく紙を作る");
  await page.getByLabel("始まりの日").fill(from);
  await page.getByLabel("終わりの日").fill(to);
  await page.getByRole("button", { name: "この期間で作る" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}$`));

  const sheet = page.locator(".print-sheet");
  await expect(sheet.locator(".print-head").getByRole("heading", { level: 2 })).toContainText(
    "山本 ハナさん(",
  );
  await expect(sheet.locator(".print-period")).toContainText("(7日間)");
  await expect(sheet.locator(".print-day")).toHaveCount(7);
  // Oldest first: the first day is the chosen start.
  const [y, m, d] = from.split("-").map(Number);
  await expect(sheet.locator(".print-day h4").first()).toContainText(`${y}年${m}月${d}日`);
  // Charts of the body numbers, and the staff's own words in the table.
  await expect(sheet.locator(".chart-svg").first()).toBeVisible();
  await expect(sheet.locator("tr[data-category=vitals]").first()).toContainText("mmHg");
  await expect(sheet.locator(".print-original").first()).toContainText("元の記録");
  // The print button needs JavaScript; without it the page says what to do.
  const button = page.getByRole("button", { name: "印刷する" });
  if (javaScriptEnabled) await expect(button).toBeVisible();
  else await expect(button).toBeHidden();
  await expect(page.getByText("ブラウザのメニューの「印刷」")).toBeVisible();

  // On paper: only the sheet.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator("form.print-choose")).toBeHidden();
  await expect(button).toBeHidden();
  await expect(sheet).toBeVisible();
  // A4, kept with the test results.
  const pdf = await page.pdf({ path: test.info().outputPath("print.pdf"), preferCSSPageSize: true });
  const text = pdf.toString("latin1");
  expect(text).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
  expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
  await page.emulateMedia({ media: "screen" });
  await page.screenshot({ path: test.info().outputPath("print.png"), fullPage: true });
});

test("a period the paper cannot cover is named, and what was typed stays", async ({ page }) => {
  await page.goto(`/r/${hana}/print`);
  await page.getByLabel("始まりの日").fill(to);
  await page.getByLabel("終わりの日").fill(from);
  await page.getByRole("button", { name: "この期間で作る" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "印刷する期間は、終わりの日を始まりの日より後にしてください。",
  );
  await expect(page.getByLabel("始まりの日")).toHaveValue(to);
  await expect(page.getByLabel("終わりの日")).toHaveValue(from);
  await expect(page.locator(".print-sheet")).toHaveCount(0);
});
