import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ADMIN_STATE, CARE_MANAGER_STATE, WORKER_STATE } from "../global-setup";

// Every page the demo's daughter can open, and the signed-out ones: axe
// finds no WCAG 2.2 A/AA violation. axe runs as a script in the page, so it
// checks the pages in the JavaScript project (the server sends the same
// HTML to both; hydration does not change it). A 390×844 screenshot of each
// page, with JavaScript and without, is kept with the test results.
const hana = process.env.E2E_DEMO_RECIPIENT ?? "";

const signedIn: [string, string][] = [
  ["home", "/"],
  ["day", `/r/${hana}`],
  ["records", `/r/${hana}/records`],
  ["records-vitals", `/r/${hana}/records?kind=vitals`],
  ["plan", `/r/${hana}/plan`],
  ["medical", `/r/${hana}/medical`],
  ["body-week", `/r/${hana}/body?span=week`],
  ["body-3months", `/r/${hana}/body?span=3months`],
  ["print", `/r/${hana}/print`],
  ["who-looked", `/r/${hana}/who-looked`],
  ["sharing-refused", `/r/${hana}/sharing`],
  ["wishes", `/r/${hana}/wishes`],
  ["acp", `/r/${hana}/acp`],
  ["acp-edit", `/r/${hana}/acp/edit`],
  ["acp-history", `/r/${hana}/acp/history`],
  ["talk", `/r/${hana}/talk`],
  ["talk-thread", `/r/${hana}/talk/chart/weight`],
  ["account", "/account"],
  ["reading", "/reading"],
  ["not-found", "/no/such/page"],
];

// Each test runs axe and takes a full-page screenshot on many pages in a
// row: well beyond Playwright's 30 s default for one test on 2 cores (seen
// timing out at 30 s in CI once the plan page grew).
test.describe.configure({ timeout: 120_000 });

const signedOut: [string, string][] = [
  ["sign-in", "/sign-in"],
  ["invite-unknown", `/invite/${"0".repeat(64)}`],
  ["home-signed-out", "/"],
];

async function check(
  page: import("@playwright/test").Page,
  withScripts: boolean,
  name: string,
  path: string,
) {
  await page.goto(path);
  await expect(page.locator("h1, [role=alert]").first()).toBeVisible();
  if (withScripts) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    const found = results.violations.map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
    expect(found, `${name} (${path})`).toEqual([]);
    // …and it really looked: colour contrast, names, landmarks, language.
    expect(results.passes.map((p) => p.id)).toEqual(
      expect.arrayContaining(["color-contrast", "html-has-lang", "document-title"]),
    );
  }
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test("every page the daughter reads has no accessibility violation", async ({
  page,
  javaScriptEnabled,
}) => {
  for (const [name, path] of signedIn) {
    await check(page, javaScriptEnabled ?? true, name, path);
  }
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("the pages before signing in have no accessibility violation", async ({
    page,
    javaScriptEnabled,
  }) => {
    for (const [name, path] of signedOut) {
      await check(page, javaScriptEnabled ?? true, name, path);
    }
  });
});

// The staff's pages: the care manager's list, team, new-recipient and
// plan editor pages, the administrator's 事業所 page, and the care worker's visit record.
const careManager: [string, string][] = [
  ["cm-home", "/"],
  ["cm-day", `/r/${hana}`],
  ["cm-team", `/r/${hana}/team`],
  ["cm-new-recipient", "/recipients/new"],
  ["cm-inbox", "/inbox"],
  ["cm-plan-edit", `/r/${hana}/plan/edit`],
];
const admin: [string, string][] = [
  ["admin", "/admin"],
  ["admin-home", "/"],
];

const worker: [string, string][] = [
  ["worker-day", `/r/${hana}`],
  ["worker-visit", `/r/${hana}/visit`],
];

const staff: [string, string, [string, string][]][] = [
  ["care manager", CARE_MANAGER_STATE, careManager],
  ["administrator", ADMIN_STATE, admin],
  ["care worker", WORKER_STATE, worker],
];
for (const [who, state, pages] of staff) {
  test.describe(who, () => {
    test.use({ storageState: state });
    test(`the ${who}'s pages have no accessibility violation`, async ({ page, javaScriptEnabled }) => {
      for (const [name, path] of pages) {
        await check(page, javaScriptEnabled ?? true, name, path);
      }
    });
  });
}
