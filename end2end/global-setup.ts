import { chromium, type FullConfig } from "@playwright/test";
import * as path from "node:path";
import { chromiumArgs, chromiumPath, phoneWithScreenLock } from "./chromium";

// Pages show a person's records only to someone signed in with a care
// relationship. Before the specs run, three of the demo's people sign up
// through the links the server printed, each with a virtual passkey, and
// their session cookies are kept for the specs (with and without
// JavaScript): the daughter (佐藤 美咲, who may see her mother's 生活 and
// 医療; the default for every spec), the care manager (田中 里美) and the
// administrator of her 事業所 (小林 修), for the staff pages, and the care
// worker who visits (高橋 誠), for the visit record.
export const DAUGHTER_STATE = path.join(__dirname, ".auth", "daughter.json");
export const CARE_MANAGER_STATE = path.join(__dirname, ".auth", "care-manager.json");
export const ADMIN_STATE = path.join(__dirname, ".auth", "admin.json");
export const WORKER_STATE = path.join(__dirname, ".auth", "worker.json");

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL ?? "http://localhost:3010";
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const people: [string, string, string][] = [
    ["E2E_DEMO_DAUGHTER_URL", "佐藤 美咲さん", DAUGHTER_STATE],
    ["E2E_DEMO_CM_URL", "田中 里美さん", CARE_MANAGER_STATE],
    ["E2E_DEMO_ADMIN_URL", "小林 修さん", ADMIN_STATE],
    ["E2E_DEMO_WORKER_URL", "高橋 誠さん", WORKER_STATE],
  ];
  for (const [variable, name, state] of people) {
    const link = process.env[variable];
    if (!link) throw new Error(`${variable} is not set (end2end/run.sh sets it)`);
    const context = await browser.newContext({ baseURL, locale: "ja-JP" });
    const page = await context.newPage();
    await phoneWithScreenLock(page);
    await page.goto(link);
    await page.waitForSelector('body[data-hydrated="true"]');
    await page.getByRole("button", { name: "パスキーを登録する" }).click();
    await page.locator(".account-name", { hasText: name }).waitFor();
    await context.storageState({ path: state });
    await context.close();
  }
  await browser.close();
}
