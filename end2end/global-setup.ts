import { chromium, type FullConfig } from "@playwright/test";
import * as path from "node:path";
import { chromiumArgs, chromiumPath, phoneWithScreenLock } from "./chromium";

// Pages show a person's records only to someone signed in with a care
// relationship. Before the reading specs run, the demo's daughter
// (佐藤 美咲, who may see her mother's 生活 and 医療) signs up through the
// link the server printed, with a virtual passkey; her session cookie is
// then shared by every spec, with and without JavaScript.
export const DAUGHTER_STATE = path.join(__dirname, ".auth", "daughter.json");

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL ?? "http://localhost:3010";
  const link = process.env.E2E_DEMO_DAUGHTER_URL;
  if (!link) throw new Error("E2E_DEMO_DAUGHTER_URL is not set (end2end/run.sh sets it)");
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const context = await browser.newContext({ baseURL, locale: "ja-JP" });
  const page = await context.newPage();
  await phoneWithScreenLock(page);
  await page.goto(link);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole("button", { name: "パスキーを登録する" }).click();
  await page.waitForSelector(".account-name");
  await context.storageState({ path: DAUGHTER_STATE });
  await browser.close();
}
