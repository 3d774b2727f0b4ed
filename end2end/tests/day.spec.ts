import { test, expect } from "@playwright/test";

test("a family member opens the demo and reads a meal record in Japanese", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("だれのきろくを見ますか");

  await page.getByRole("link", { name: /山本 ハナ/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("のきろく");

  // A meal record from the demo: the structured amount is shown in words…
  const meal = page.locator('article.record[data-category="meal"]').first();
  await expect(meal).toContainText("ごはん(主食)");
  await expect(meal).toContainText("割");
  // …the staff's shorthand is read out as plain sentences…
  await expect(meal.locator(".plain-text")).toContainText("食べました。");

  // …and the staff's own wording is one tap away, unchanged.
  await meal.getByText("元の記録").click();
  const original = meal.locator(".original-text");
  await expect(original).toBeVisible();
  await expect(original).toContainText("主食");
  await expect(meal.locator(".original-meta")).toContainText("書いた人");
});

test("vital signs of the day are listed with units", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /山本 ハナ/ }).click();
  const vitals = page.locator("article.vitals").first();
  await expect(vitals).toContainText("体温");
  await expect(vitals).toContainText("度");
  await expect(vitals).toContainText("mmHg");
  // …and in words, with the range they were judged by.
  await expect(vitals.locator(".vital-words")).toContainText("体温は");
  await expect(vitals.locator(".vital-words")).toContainText("目安");
});

test("the previous day can be opened", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /山本 ハナ/ }).click();
  const heading = page.getByRole("heading", { level: 1 });
  const first = await heading.textContent();
  await page.getByRole("link", { name: "前の日" }).click();
  await expect(heading).not.toHaveText(first ?? "");
  await expect(page.locator("article.record").first()).toBeVisible();
});

test("the page hydrates with JavaScript and stands alone without it", async ({ page, javaScriptEnabled }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: /山本 ハナ/ })).toBeVisible();
  if (javaScriptEnabled) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  } else {
    // Everything above was read from the server-rendered HTML alone.
    await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");
  }
});

test("the page is styled for older eyes and loads without errors", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto("/");
  await page.getByRole("link", { name: /山本 ハナ/ }).click();
  await expect(page.locator("article.record").first()).toBeVisible();
  // The stylesheet arrived: body text is 18 px, links are big enough for a finger.
  const fontSize = await page.locator("body").evaluate((b) => getComputedStyle(b).fontSize);
  expect(fontSize).toBe("18px");
  const navHeight = await page.getByRole("link", { name: "前の日" }).evaluate((a) => a.getBoundingClientRect().height);
  expect(navHeight).toBeGreaterThanOrEqual(44);
  expect(problems).toEqual([]);
});

test("an unknown page says so in Japanese", async ({ page }) => {
  const resp = await page.goto("/no-such-page");
  expect(resp?.status()).toBe(404);
  await expect(page.getByText("さがしているページは見つかりませんでした。")).toBeVisible();
});
