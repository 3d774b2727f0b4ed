import { test, expect } from "@playwright/test";

test("a family member opens the demo and reads a meal record in Japanese", async ({ page }) => {
  // The daughter has one relative: Yorisoi opens her mother's day at once.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("のきろく");
  await expect(page.locator(".recipient-name")).toHaveText("山本 ハナ");

  // A meal record from the demo, on a whole demo day (just after midnight
  // in Japan, today may hold only a visit another spec recorded, amounts
  // without words): the structured amount is shown in words…
  await page.goto(`/r/${hana}?day=${yesterday}`);
  const meal = page
    .locator('article.record[data-category="meal"]')
    .filter({ has: page.locator(".plain-text") })
    .first();
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

// Yesterday in Japan: a whole day of the demo, whatever the hour of the
// run (early in the morning, today has no measurement yet).
const hana = process.env.E2E_DEMO_RECIPIENT ?? "";
const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toLocaleDateString("sv-SE", {
  timeZone: "Asia/Tokyo",
});

test("vital signs of the day are listed with units", async ({ page }) => {
  await page.goto(`/r/${hana}?day=${yesterday}`);
  const vitals = page.locator("article.vitals").first();
  await expect(vitals).toContainText("体温");
  await expect(vitals).toContainText("度");
  await expect(vitals).toContainText("mmHg");
  // …and in words, with the range they were judged by.
  await expect(vitals.locator(".vital-words")).toContainText("体温は");
  await expect(vitals.locator(".vital-words")).toContainText("目安");
  // Her doctor set her own blood-pressure range; it is named as such.
  const bp = vitals.locator(".vital-words li").filter({ hasText: "上が" }).first();
  await expect(bp).toContainText("決めた目安: 上が145より");
  await expect(bp.locator("ruby", { hasText: "主治医" }).first().locator("rt")).toHaveText("しゅじい");
});

test("kanji beyond grade 3 carry their reading above them", async ({ page }) => {
  await page.goto(`/r/${hana}?day=${yesterday}`);
  // 血圧: 圧 is taught in grade 5, so the word has furigana…
  const pressure = page.locator(".vital-words ruby").filter({ hasText: "血圧" }).first();
  await expect(pressure.locator("rt")).toHaveText("けつあつ");
  const box = await pressure.locator("rt").boundingBox();
  const base = await pressure.boundingBox();
  expect(box && base && box.y < base.y + base.height / 2).toBeTruthy();
  // …while 体温 (grades 2 and 3) is left as it is.
  await expect(page.locator(".vital-words ruby").filter({ hasText: "体温" })).toHaveCount(0);
  // A meal record's 割 (grade 6) is read わり.
  const meal = page.locator('article.record[data-category="meal"] .plain-text').first();
  await expect(meal.locator("ruby", { hasText: "割" }).first().locator("rt")).toHaveText("わり");
});

test("the previous day can be opened", async ({ page }) => {
  await page.goto("/");
  const heading = page.getByRole("heading", { level: 1 });
  const first = await heading.textContent();
  await page.getByRole("link", { name: "前の日" }).click();
  await expect(heading).not.toHaveText(first ?? "");
  await expect(page.locator("article.record").first()).toBeVisible();
});

test("the page hydrates with JavaScript and stands alone without it", async ({ page, javaScriptEnabled }) => {
  await page.goto("/");
  await expect(page.locator(".recipient-name")).toHaveText("山本 ハナ");
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

test("the care plan reads as troubles, aims and who helps how often", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "ケアプランを見る" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ケアプラン");
  // 第1表: the person's own wish, in the polite form, with who said it.
  const wishes = page.locator(".plan-wishes li");
  // (Text content includes the readings: 暮 carries く.)
  const own = wishes.filter({ hasText: "本人" }).first();
  await expect(own).toContainText("たいです。");
  await expect(own.locator("ruby", { hasText: "暮" }).locator("rt")).toHaveText("く");
  // 第2表: three troubles, each with an aim and a date to reach it by.
  await expect(page.getByRole("heading", { name: "こまっていること" })).toHaveCount(3);
  await expect(page.locator(".plan-need").first()).toContainText("までに");
  // Who, what, how often — the numbers as the plan has them.
  const help = page.locator("table.plan-help").first();
  await expect(help.getByRole("columnheader", { name: "どのくらい" })).toBeVisible();
  await expect(page.locator("table.plan-help").filter({ hasText: "週2回" }).first()).toBeVisible();
  // Hard words carry their reading: 転倒 (倒 is not a school kanji).
  await expect(page.locator(".plan-need ruby", { hasText: "転倒" }).first().locator("rt")).toHaveText("てんとう");
  // …and its meaning one tap away.
  const need = page.locator(".plan-need").first();
  await need.locator("details.terms summary").click();
  await expect(need.locator("details.terms dd").first()).toBeVisible();
  await expect(need.locator("details.terms")).toContainText("転倒");
  // The care manager's own wording, with who wrote it and when, is one tap away.
  await need.locator("details.original summary").click();
  await expect(need.locator(".original-text")).toContainText("短期目標:");
  await expect(need.locator(".original-text")).toContainText("転倒が不安だが、");
  await expect(need.locator(".original-meta")).toContainText("作った人: 田中 里美");
});

test("the day opens with its summary in words: meals, drinks, toilet, body numbers", async ({ page }) => {
  await page.goto(`/r/${hana}?day=${yesterday}`);
  const summary = page.locator(".day-summary");
  await expect(summary.getByRole("heading", { level: 2 })).toHaveText("この日のまとめ");
  const row = (label: string) => summary.locator(".summary-row").filter({ has: page.locator("dt", { hasText: label }) });
  // The demo has three meals a day with 主食 in 割, and drinks in ml.
  await expect(row("食事")).toContainText(/\d回 食べました、ごはん\(主食\): \d+割/);
  await expect(row("水分")).toContainText(/ぜんぶで \d+ml 飲みました/);
  await expect(row("からだの数値")).toContainText("体温は");
  // The numbers add up to what the cards below say.
  const fluids = await page.locator('article.record[data-category="meal"] .record-lines li', { hasText: "飲んだ水分" }).allTextContents();
  const total = fluids.map((f) => Number(f.replace(/\D/g, ""))).reduce((a, b) => a + b, 0);
  await expect(row("水分")).toContainText(`ぜんぶで ${total}ml`);
});

test("a card can be read aloud in Japanese", async ({ page, javaScriptEnabled }) => {
  await page.goto(`/r/${hana}?day=${yesterday}`);
  const button = page.locator("article.record").first().getByRole("button", { name: "読み上げる" });
  if (!javaScriptEnabled) {
    // Without JavaScript there is no voice: no button that does nothing.
    await expect(button).toBeHidden();
    return;
  }
  // Catch what would be spoken (the test browser has no voices).
  await page.evaluate(() => {
    (window as any).__spoken = [];
    const synth = window.speechSynthesis;
    synth.speak = (u: SpeechSynthesisUtterance) => {
      (window as any).__spoken.push({ text: u.text, lang: u.lang });
      setTimeout(() => u.onend && u.onend(new Event("end") as SpeechSynthesisEvent), 50);
    };
  });
  await expect(button).toBeVisible();
  await button.click();
  const spoken = await page.evaluate(() => (window as any).__spoken);
  expect(spoken.length).toBe(1);
  expect(spoken[0].lang).toBe("ja-JP");
  // Plain sentences without the furigana read twice.
  const plain = await page.locator("article.record").first().locator(".plain-text").evaluate((p) => {
    const c = p.cloneNode(true) as HTMLElement;
    c.querySelectorAll("rt").forEach((rt) => rt.remove());
    return c.textContent ?? "";
  });
  expect(plain.length).toBeGreaterThan(8);
  expect(spoken[0].text).toContain(plain.slice(0, 8));
  await expect(button).toHaveAttribute("aria-pressed", "false");
});
