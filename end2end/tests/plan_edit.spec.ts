import { test, expect, type Page, type Locator } from "@playwright/test";
import { CARE_MANAGER_STATE } from "../global-setup";

// The care manager writes a care plan — 第1表, 第2表 as the
// paper form's lines, 第3表's week — on a phone (390×844), with JavaScript
// and without. A slip is refused with its line and field named and
// everything typed kept; the saved plan shows as 第1版; editing it makes
// 第2版, and the plan page says what changed. Each run plans for its own
// new recipient, so the demo's plan (read by other specs) stays as it is.
test.use({ storageState: CARE_MANAGER_STATE });

async function newRecipient(page: Page, name: string): Promise<string> {
  const res = await page.request.post("/api/recipients/create", {
    headers: { Accept: "application/json" },
    form: {
      name,
      name_kana: "アオキ ハルコ",
      birth_date: "1941-05-10",
      care_level: "care_2",
    },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as string;
}

function line(page: Page, n: number): Locator {
  return page.getByRole("group", { name: `${n}行目`, exact: true }).first();
}

function period(scope: Locator, name: string) {
  const g = scope.getByRole("group", { name, exact: true });
  return {
    from: g.getByLabel("始まりの日"),
    to: g.getByLabel("終わりの日"),
  };
}

test("the care manager writes a plan, fixes a slip, and revises it as a new version", async ({
  page,
  javaScriptEnabled,
}, testInfo) => {
  test.setTimeout(120_000);
  const run = testInfo.project.name;
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const id = await newRecipient(page, run === "js" ? "青木 春子" : "青木 夏子");

  await page.goto(`/r/${id}/plan`);
  await expect(page.getByText("ケアプランは、まだありません。")).toBeVisible();
  await page.getByRole("link", { name: "ケアプランを書く" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ケアプランを書く");
  await expect(page.getByText("はじめてのケアプランです。")).toBeVisible();
  if (javaScriptEnabled) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
  const wider = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(wider).toBe(false);

  // 第1表.
  await expect(page.getByLabel("要介護度")).toHaveValue("care_2");
  const cert = period(page.locator("form"), "認定の有効期間");
  await cert.from.fill("2026-12-01");
  await cert.to.fill("2027-11-30");
  // Angle brackets and an ampersand come back as typed (the text box's
  // content is escaped, not markup).
  const intention = "本人:家で猫と暮らしたい。<長女> 転ばないか心配 & </textarea>";
  await page.getByLabel("生活に対する意向").fill(intention);
  await page.getByLabel("総合的な援助の方針").fill("転倒を防ぎ、自宅での生活を続けられるよう支援します。");

  // 第2表: line 1 with its 課題 and goals; line 2 (under 「行を足す」)
  // continues them with a second help. The slip: line 1's kind is empty.
  const need = `一人で入浴するのが不安(${run})`;
  const one = line(page, 1);
  await one.getByLabel("課題").fill(need);
  await one.getByLabel("長期目標", { exact: true }).fill("安全に入浴を続けられる");
  const long = period(one, "長期目標の期間");
  await long.from.fill("2026-12-01");
  await long.to.fill("2027-11-30");
  await one.getByLabel("短期目標", { exact: true }).fill("週2回、介助で入浴する");
  const short = period(one, "短期目標の期間");
  await short.from.fill("2026-12-01");
  await short.to.fill("2027-05-31");
  await one.getByLabel("援助内容").fill("入浴介助・洗身の見守り");
  await one.getByLabel("保険給付の対象(※1)").check();
  await one.getByLabel("事業所の名前").fill("さくら訪問介護");
  await one.getByLabel("回数(頻度)").fill("週2回");
  const service = period(one, "サービスの期間");
  await service.from.fill("2026-12-01");
  await service.to.fill("2027-05-31");

  await page.locator("details.more-lines").first().locator("summary").click();
  const two = line(page, 2);
  await two.getByLabel("援助内容").fill("浴室の手すりの貸与");
  await two.getByLabel("サービスの種類").fill("福祉用具貸与");
  await two.getByLabel("回数(頻度)").fill("毎日");
  await period(two, "サービスの期間").from.fill("2026-12-01");
  await period(two, "サービスの期間").to.fill("2027-11-30");

  // 第3表: Wednesday morning.
  const week = page.locator(".plan-week-line").first();
  await week.getByLabel("曜日").selectOption({ label: "水曜日" });
  await week.getByLabel("始まり", { exact: true }).fill("10:00");
  await week.getByLabel("終わり", { exact: true }).fill("11:00");
  await week.getByLabel("週間の予定").fill("訪問介護(入浴)");

  await page.getByRole("button", { name: "保存して新しい版にする" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("保存できませんでした");
  await expect(alert).toContainText("1行目のサービスの種類を入れてください");
  // Everything typed is still there, line 2 included.
  await expect(line(page, 1).getByLabel("課題")).toHaveValue(need);
  await expect(page.getByLabel("生活に対する意向")).toHaveValue(intention);
  await expect(line(page, 1).getByLabel("保険給付の対象(※1)")).toBeChecked();
  await expect(line(page, 2).getByLabel("援助内容")).toHaveValue("浴室の手すりの貸与");
  await expect(page.locator(".plan-week-line").first().getByLabel("曜日")).toHaveValue("2");
  await shot("plan-edit-refused");

  await line(page, 1).getByLabel("サービスの種類").fill("訪問介護");
  await page.getByRole("button", { name: "保存して新しい版にする" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${id}/plan$`));
  await expect(page.locator(".plan-made")).toContainText("第1版");
  await expect(page.locator("main")).toContainText(need);
  const wednesday = page.locator(".week-day").filter({ has: page.locator("h3", { hasText: "水曜日" }) });
  await expect(wednesday).toContainText("10:00〜11:00");

  // The next version: line 2 goes, line 1 comes three times a week.
  await page.getByRole("link", { name: "ケアプランを書く" }).click();
  await expect(page.getByText("第1版をもとに書いています。")).toBeVisible();
  await expect(line(page, 1).getByLabel("課題")).toHaveValue(need);
  await expect(line(page, 2).getByLabel("課題")).toHaveValue("");
  await line(page, 1).getByLabel("回数(頻度)").fill("週3回");
  await line(page, 2).getByLabel("この行を消す").check();
  await shot("plan-edit-second");
  await page.getByRole("button", { name: "保存して新しい版にする" }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${id}/plan$`));
  await expect(page.locator(".plan-made")).toContainText("第2版");
  const changes = page.locator(".plan-changes");
  const often = changes.locator("h3", { hasText: "回数が変わること" }).locator("+ ul");
  await expect(often).toContainText("週3回");
  await expect(often).toContainText("(前は 週2回)");
  const ended = changes.locator("h3", { hasText: "おわったこと" }).locator("+ ul");
  await expect(ended).toContainText("手すり");
  await shot("plan-after-edit");
});
