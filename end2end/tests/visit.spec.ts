import { test, expect } from "@playwright/test";
import { WORKER_STATE } from "../global-setup";

// A care worker records a whole visit on a phone (390×844) in one
// screen — meal, toileting, bed bath, medication, oral care, vital signs
// and a note — well within 30 seconds; a refused field keeps everything
// else typed; the daughter then reads the visit. With JavaScript and
// without. Each run writes its own words (the server is shared).
const hana = process.env.E2E_DEMO_RECIPIENT ?? "";

test.use({ storageState: WORKER_STATE });

test("a care worker records a whole visit in one screen and the family reads it", async ({
  page,
  browser,
  javaScriptEnabled,
}, testInfo) => {
  test.setTimeout(90_000);
  const run = testInfo.project.name;
  const shot = (p: import("@playwright/test").Page, name: string) =>
    p.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  await page.goto(`/r/${hana}`);
  await page.getByRole("link", { name: "訪問の記録をつける" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("訪問の記録");
  if (javaScriptEnabled) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
  // One column on a phone: nothing runs off the side of the screen.
  const wider = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(wider).toBe(false);
  // The time is filled in already: now.
  await expect(page.getByLabel("日時")).not.toHaveValue("");
  await shot(page, "visit-empty");

  // First a slip of the finger: 45℃. The save is refused, the field is
  // named, and everything else typed is still there.
  const note = `体操に参加し、よく笑っていました(${run})`;
  const started = Date.now();
  await page.getByRole("radiogroup", { name: "主食を食べた量" }).getByLabel("8割").check();
  await page.getByRole("radiogroup", { name: "副食を食べた量" }).getByLabel("7割").check();
  await page.getByLabel("水分の量").fill("200");
  await page.getByRole("radiogroup", { name: "排泄(尿・便)" }).getByLabel("尿", { exact: true }).check();
  await page.getByRole("radiogroup", { name: "入浴・清拭" }).getByLabel("清拭").check();
  await page.getByLabel("服薬しました").check();
  await page.getByLabel("口腔ケアをしました").check();
  await page.getByLabel("体温").fill("45");
  await page.getByLabel("上の血圧").fill("126");
  await page.getByLabel("下の血圧").fill("74");
  await page.getByLabel("脈拍").fill("70");
  await page.getByLabel("SpO2").fill("97");
  await page.locator("#visit-note").fill(note);
  await page.getByRole("button", { name: "記録する" }).click();
  await expect(page.getByRole("alert")).toContainText("体温");
  await expect(page.locator("#visit-note")).toHaveValue(note);
  await expect(page.getByLabel("水分の量")).toHaveValue("200");
  await expect(page.getByRole("radiogroup", { name: "主食を食べた量" }).getByLabel("8割")).toBeChecked();
  await expect(page.getByRole("radiogroup", { name: "入浴・清拭" }).getByLabel("清拭")).toBeChecked();
  await expect(page.getByLabel("口腔ケアをしました")).toBeChecked();
  await expect(page.getByLabel("上の血圧")).toHaveValue("126");
  await shot(page, "visit-refused");

  // Corrected, saved.
  await page.getByLabel("体温").fill("36.6");
  await page.getByRole("button", { name: "記録する" }).click();
  await expect(page.getByText("記録しました。")).toBeVisible();
  const seconds = (Date.now() - started) / 1000;
  expect(seconds).toBeLessThan(30);
  // A fresh form for the next visit.
  await expect(page.locator("#visit-note")).toHaveValue("");
  await shot(page, "visit-saved");

  // The daughter, on her own phone, reads today's visit.
  const family = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3010",
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    viewport: { width: 390, height: 844 },
    javaScriptEnabled,
    storageState: (await import("../global-setup")).DAUGHTER_STATE,
  });
  const daughter = await family.newPage();
  await daughter.goto(`/r/${hana}/records`);
  const card = daughter.locator("article.record", { hasText: run }).first();
  await expect(card).toBeVisible();
  // The staff's own words are one tap away, unchanged.
  await card.locator("details.original summary").click();
  await expect(card.locator(".original-text")).toHaveText(note);
  // Her mother's temperature from this visit (she may see 医療).
  await expect(daughter.locator("article.vitals", { hasText: "36.6" }).first()).toBeVisible();
  await shot(daughter, "visit-family");
  await family.close();
});
