import { test, expect } from "@playwright/test";
import { phoneWithScreenLock } from "../chromium";

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

test("the demo's sign-up link lets a newcomer try Yorisoi as the care manager", async ({
  page,
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
  await phoneWithScreenLock(page);
  const link = process.env.E2E_DEMO_CM_URL ?? "";
  expect(link).toMatch(/\/invite\/[0-9a-f]{64}$/);
  await page.goto(link);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("田中 里美さん、よりそいへようこそ");
  await page.getByRole("button", { name: "パスキーを登録する" }).click();
  await expect(page.locator(".account-name")).toHaveText("田中 里美さん");
  // Her own people are listed.
  await expect(page.getByRole("link", { name: /山本 ハナ/ })).toBeVisible();
});
