import { test, expect } from "@playwright/test";
import { CARE_MANAGER_STATE } from "../global-setup";

// The person's and family's voice, the whole round trip, on a phone, with
// JavaScript and without:
// the daughter writes a wish, changes her mother's 人生会議 and asks about
// a record; the care manager finds all three in her inbox, acknowledges
// the ACP change and answers the question; the daughter sees the answer
// and the acknowledgement, and the ACP history shows both versions and
// what changed. Each run writes its own words (the server is shared).
const hana = process.env.E2E_DEMO_RECIPIENT ?? "";

test("the daughter's voice reaches the care manager and her answer comes back", async ({
  page,
  browser,
  javaScriptEnabled,
}, testInfo) => {
  test.setTimeout(120_000);
  const run = testInfo.project.name;
  const shot = (p: import("@playwright/test").Page, name: string) =>
    p.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  // A wish, in her own words.
  const wish = `夜は9時には寝たいそうです(${run})`;
  await page.goto(`/r/${hana}`);
  await page.getByRole("link", { name: "くらしの希望" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("くらしの希望");
  if (javaScriptEnabled) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
  await page.getByLabel("何についてか").selectOption("rhythm");
  await page.getByLabel("書くこと").fill(wish);
  // The counter follows what is typed (with JavaScript; without, it says
  // the limit and the browser stops at it).
  await expect(page.locator("#wish-body-counter")).toHaveText(
    javaScriptEnabled ? `あと${1000 - [...wish].length}文字書けます` : "あと1000文字書けます",
  );
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("保存しました。ケアのチームに知らせます。")).toBeVisible();
  const mine = page.locator(".wish", { hasText: wish });
  await expect(mine).toContainText("家族の佐藤 美咲さんが書きました");
  await shot(page, "voice-wishes");

  // Her mother's 人生会議: CPR not wanted, with a word why.
  await page.goto(`/r/${hana}/acp`);
  await expect(page.locator(".acp-reminder")).toBeVisible();
  const before = Number(await page.locator(".acp-version").getAttribute("data-version"));
  await page.getByRole("link", { name: "書き直す" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("人生会議を書く");
  await page.locator('[data-field="cpr"]').getByLabel("受けたくない").check();
  const note = `母と話して決めました(${run})`;
  await page.locator("#acp-cpr_note").fill(note);
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.locator(".acp-version")).toHaveAttribute("data-version", String(before + 1));
  await expect(page.locator(".acp-changes")).toContainText(note);
  await expect(page.locator('dd[data-field="cpr"]')).toContainText("受けたくない");
  await shot(page, "voice-acp");

  // A question about one of the records.
  const question = `この日の夕食は食べられましたか(${run})`;
  await page.goto(`/r/${hana}/records`);
  await page.getByRole("link", { name: "このきろくについてコメントする" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("コメント");
  const thread = page.url();
  await page.getByLabel("コメント", { exact: true }).fill(question);
  await page.getByRole("button", { name: "送る" }).click();
  await expect(page.getByText("送りました。")).toBeVisible();
  await expect(page.locator(".comment", { hasText: question })).toBeVisible();

  // The care manager's inbox, on her own phone.
  const cmContext = await browser.newContext({
    storageState: CARE_MANAGER_STATE,
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3010",
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    viewport: { width: 390, height: 844 },
    javaScriptEnabled,
  });
  const cm = await cmContext.newPage();
  await cm.goto("/");
  await cm.getByRole("link", { name: "受信箱" }).click();
  await expect(cm.getByRole("heading", { level: 1 })).toHaveText("受信箱");
  await expect(cm.locator(".inbox-item", { hasText: wish })).toBeVisible();
  await shot(cm, "voice-inbox");
  // The newest ACP version is the last (oldest first).
  const acpItem = cm.locator(".inbox-item", { hasText: `人生会議(${before + 1}回目)が書かれました` });
  await expect(acpItem).toBeVisible();
  await acpItem.getByRole("button", { name: "確認しました" }).click();
  await expect(cm.getByText("「確認しました」を伝えました。")).toBeVisible();
  await expect(cm.locator(".inbox-item", { hasText: `人生会議(${before + 1}回目)` })).toHaveCount(0);
  // She answers the question right there.
  const answer = `はい、ほとんど召し上がりました(${run})`;
  const asked = cm.locator(".inbox-item", { hasText: question });
  await asked.getByLabel("返事").fill(answer);
  await asked.getByRole("button", { name: "送る" }).click();
  await expect(cm.getByText("送りました。")).toBeVisible();
  await expect(cm.locator(".inbox-item", { hasText: question })).toHaveCount(0);
  await cmContext.close();

  // The daughter: told on ホーム, finds the answer marked new…
  await page.goto(`/r/${hana}`);
  await expect(page.locator(".unread-notice")).toContainText("まだ読んでいないコメントが");
  await page.goto(thread);
  const reply = page.locator(".comment", { hasText: answer });
  await expect(reply).toContainText("ケアのチームの田中 里美さんが書きました");
  await expect(reply.locator(".unread")).toHaveText("新しい");
  await shot(page, "voice-thread");
  // …and who acknowledged her mother's ACP.
  await page.goto(`/r/${hana}/acp`);
  await expect(page.locator(".acp-version .ack")).toContainText("田中 里美さんが確認しました");
  // The history keeps both versions and says what changed.
  await page.getByRole("link", { name: "これまでの内容" }).click();
  await expect(page.locator(`.acp-version-line[data-version="${before}"]`)).toBeVisible();
  await expect(page.locator(`.acp-version-line[data-version="${before + 1}"]`)).toBeVisible();
  await expect(page.locator(".acp-compare h2")).toHaveText(
    `${before}回目から${before + 1}回目で変わったところ`,
  );
  await expect(page.locator(".acp-compare")).toContainText(note);
  await shot(page, "voice-acp-history");
});
