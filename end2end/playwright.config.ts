import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./chromium";
import { DAUGHTER_STATE } from "./global-setup";

const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3010";

const phone = {
  viewport: { width: 390, height: 844 },
  locale: "ja-JP",
  timezoneId: "Asia/Tokyo",
  launchOptions: {
    executablePath: chromiumPath,
    args: chromiumArgs,
  },
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  // Signed in as the demo's daughter (see global-setup.ts); the sign-in
  // specs start signed out instead.
  globalSetup: "./global-setup.ts",
  use: { baseURL, storageState: DAUGHTER_STATE },
  // Every reading spec runs twice: hydrated, and with JavaScript off to
  // prove the server-rendered page stands on its own.
  projects: [
    { name: "js", use: { ...phone, javaScriptEnabled: true } },
    { name: "no-js", use: { ...phone, javaScriptEnabled: false } },
  ],
});
