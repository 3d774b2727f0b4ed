// Signs the demo's daughter up through the link the server printed, with
// Chromium's virtual passkey, and prints her session cookie
// ("name=value"), so the load and Lighthouse runs read as she does.
// Usage: node bench/session.cjs BASE_URL INVITE_LINK
const path = require("node:path");
const { chromium } = require(path.join(__dirname, "..", "end2end", "node_modules", "@playwright/test"));

async function main() {
  const [base, link] = process.argv.slice(2);
  if (!base || !link) throw new Error("usage: session.cjs BASE_URL INVITE_LINK");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const context = await browser.newContext({ baseURL: base, locale: "ja-JP" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole("button", { name: "パスキーを登録する" }).click();
  await page.waitForSelector(".account-name");
  const cookie = (await context.cookies()).find((c) => c.name.includes("yorisoi"));
  if (!cookie) throw new Error("no session cookie after sign-up");
  process.stdout.write(`${cookie.name}=${cookie.value}\n`);
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
