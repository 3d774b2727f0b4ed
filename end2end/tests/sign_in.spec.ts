import { test, expect } from "@playwright/test";
import { phoneWithScreenLock } from "../chromium";
import { CARE_MANAGER_STATE } from "../global-setup";

// These specs begin signed out.
test.use({ storageState: { cookies: [], origins: [] } });

test("an invited family member registers a passkey, signs out and signs in again", async ({
  page,
  javaScriptEnabled,
}) => {
  if (!javaScriptEnabled) {
    // Without JavaScript the page still greets and says what is needed.
    await page.goto(process.env.E2E_INVITE_URL_NOJS ?? "");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "テスト 次郎さん、よりそいへようこそ",
    );
    await expect(
      page.getByText("パスキーを使うには、ブラウザのJavaScriptをオンにしてください。"),
    ).toBeVisible();
    // A button that could not work is not offered.
    await expect(page.getByRole("button", { name: "パスキーを登録する" })).toBeHidden();
    await expect(page.getByLabel("端末の名前")).toHaveValue("スマホ");
    return;
  }
  const { cdp, authenticatorId } = await phoneWithScreenLock(page);
  await page.goto(process.env.E2E_INVITE_URL ?? "");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "テスト 花子さん、よりそいへようこそ",
  );
  await expect(page.getByText("家族として招待されています。")).toBeVisible();
  await expect(page.getByText("JavaScriptをオンにしてください")).toBeHidden();

  await page.getByLabel("端末の名前").fill("テスト用スマホ");
  await page.getByRole("button", { name: "パスキーを登録する" }).click();
  // Registered and signed in: back at the start, greeted by name.
  await expect(page.locator(".account-name")).toHaveText("テスト 花子さん");
  await expect(page).toHaveURL(/localhost:\d+\/$/);
  // The phone keeps one discoverable passkey (nothing to type next time).
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0].isResidentCredential).toBe(true);

  await page.getByRole("button", { name: "サインアウト", exact: true }).click();
  await expect(page.getByRole("link", { name: "サインイン" })).toBeVisible();
  await expect(page.locator(".account-name")).toHaveCount(0);

  await page.getByRole("link", { name: "サインイン" }).click();
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("button", { name: "パスキーで入る" }).click();
  await expect(page.locator(".account-name")).toHaveText("テスト 花子さん");

  // She is family of someone else, not of the demo's ハナ: ハナ's pages
  // say so plainly and show nothing of hers.
  const hana = process.env.E2E_DEMO_RECIPIENT ?? "";
  expect(hana).toMatch(/^[0-9a-f-]{36}$/);
  for (const path of [`/r/${hana}`, `/r/${hana}/plan`]) {
    await page.goto(path);
    await expect(page.getByRole("alert")).toContainText("このページを見ることはできません。");
    await expect(page.getByText("ごはん")).toHaveCount(0);
  }
  await page.goto("/");
  await expect(page.getByRole("link", { name: /山本 ハナ/ })).toHaveCount(0);

  // Her account page lists the passkey; she adds one on a second device
  // (a tablet: a second virtual authenticator) and signs in with it.
  await page.locator(".account-name").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("パスキーとサインイン");
  await expect(page.locator(".passkey")).toHaveCount(1);
  await expect(page.locator(".passkey-name")).toHaveText("テスト用スマホ");
  await expect(page.locator(".passkey").first()).toContainText("最後に使った日");
  await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId });
  await phoneWithScreenLock(page);
  await page.getByRole("button", { name: "この端末にパスキーを追加する" }).click();
  await expect(page.locator(".passkey")).toHaveCount(2);
  await expect(page.locator(".passkey-name").nth(1)).toHaveText("タブレット");
  await page.getByRole("button", { name: "サインアウト", exact: true }).click();
  await expect(page.getByRole("link", { name: "サインイン" })).toBeVisible();
  await page.goto("/sign-in");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("button", { name: "パスキーで入る" }).click();
  await expect(page.locator(".account-name")).toHaveText("テスト 花子さん");

  // The link was for one use only.
  await page.goto(process.env.E2E_INVITE_URL ?? "");
  await expect(page.getByRole("alert")).toContainText("このリンクは、もう使われています。");
});

test("the demo's care manager invites family, and 本人 sees who looked and decides what family sees", async ({
  page,
  browser,
  javaScriptEnabled,
}) => {
  if (!javaScriptEnabled) {
    // Without JavaScript the sign-in page says what is needed and offers
    // no button that could not work.
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("よりそいに入る");
    await expect(page.getByText("JavaScriptをオンにしてください")).toBeVisible();
    await expect(page.getByRole("button", { name: "パスキーで入る" })).toBeHidden();
    return;
  }
  // She signed up in the global setup (her passkey, like the daughter's).
  const cmContext = await browser.newContext({
    storageState: CARE_MANAGER_STATE,
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3010",
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    viewport: { width: 390, height: 844 },
  });
  const cm = await cmContext.newPage();
  await cm.goto("/");
  await expect(cm.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(cm.locator(".account-name")).toHaveText("田中 里美さん");
  // Her own people are listed.
  await expect(cm.getByRole("link", { name: /山本 ハナ/ })).toBeVisible();

  // She reads ハナ's records, then invites ハナ's grandson from the team
  // page: a one-time link with its QR code.
  await cm.getByRole("link", { name: /山本 ハナ/ }).click();
  await expect(cm.getByRole("heading", { level: 1 })).toContainText("のきろく");
  const readAt = new Date();
  await cm.getByRole("link", { name: "かかわる人" }).click();
  await expect(cm.getByRole("heading", { level: 1 })).toHaveText("かかわる人");
  await expect(cm.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(cm.locator(".member", { hasText: "佐藤 美咲" })).toContainText("家族（長女）");
  await cm.getByLabel("名前", { exact: true }).fill("山本 翔太");
  await cm.getByLabel("続柄").fill("孫");
  await cm.getByRole("button", { name: "招待のリンクをつくる" }).click();
  await expect(cm.getByRole("heading", { name: "山本 翔太さんへの招待のリンク" })).toBeVisible();
  await expect(cm.getByRole("img", { name: /QRコード/ }).locator("svg")).toBeVisible();
  const invite = await cm.locator(".invite-url").inputValue();
  expect(invite).toMatch(/\/invite\/[0-9a-f]{64}$/);
  await expect(cm.locator(".member", { hasText: "山本 翔太" })).toContainText("まだ登録していません");

  // The grandson registers on his own phone: family without consent sees
  // daily life, not the vital signs.
  const grandson = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  const his = await grandson.newPage();
  await phoneWithScreenLock(his);
  await his.goto(invite);
  await expect(his.locator("body")).toHaveAttribute("data-hydrated", "true");
  await his.getByRole("button", { name: "パスキーを登録する" }).click();
  await expect(his.locator(".account-name")).toHaveText("山本 翔太さん");
  // His one relative: her day opens at once.
  await expect(his.locator(".recipient-name")).toHaveText("山本 ハナ");
  await expect(his.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(his.getByText("血圧")).toHaveCount(0);
  await expect(his.getByRole("link", { name: "見た人の記録" })).toHaveCount(0);
  await grandson.close();

  // ハナ herself, on her phone: who looked shows the care manager's read
  // at the minute it happened.
  const hanaContext = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  const hana = await hanaContext.newPage();
  await phoneWithScreenLock(hana);
  await hana.goto(process.env.E2E_DEMO_SELF_URL ?? "");
  await expect(hana.locator("body")).toHaveAttribute("data-hydrated", "true");
  await hana.getByRole("button", { name: "パスキーを登録する" }).click();
  await expect(hana.locator(".account-name")).toHaveText("山本 ハナさん");
  // 本人 lands on her own day.
  await expect(hana.locator(".recipient-name")).toHaveText("山本 ハナ");
  await hana.getByRole("link", { name: "見た人の記録" }).click();
  await expect(hana.getByRole("heading", { level: 1 })).toHaveText("見た人の記録");
  const hhmm = (d: Date) =>
    d.toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", hour12: false });
  const cmLine = hana
    .locator(".access-line", { hasText: "田中 里美さん（ケアマネジャー）が、" })
    .filter({ hasText: "のきろくを見ました。" })
    .first();
  await expect(cmLine).toBeVisible();
  const shown = await cmLine.locator("time").innerText();
  expect([hhmm(readAt), hhmm(new Date(readAt.getTime() - 60_000))]).toContain(shown);

  // And she decides what her family sees: the grandson gets 医療 too.
  await hana.getByRole("link", { name: "きろくにもどる" }).click();
  await hana.getByRole("link", { name: "家族に見せること" }).click();
  const card = hana.locator(".family-choice", { hasText: "山本 翔太" });
  await card.getByRole("button", { name: "医療を見せる" }).click();
  await expect(card.locator(".choice", { hasText: "医療" }).locator(".choice-state")).toHaveText("見せています");
  await expect(hana.locator(".sharing-history")).toContainText(
    "山本 ハナさんが、山本 翔太さんに医療を見せるようにしました。",
  );
  await hanaContext.close();
  await cmContext.close();
});
