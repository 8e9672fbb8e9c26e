import { expect, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, logIn, waitForIslands, watchConsole } from "./helpers";

test("an admin drafts, fixes and publishes a case study, which then appears in the gallery and sitemap", async ({
  page,
  request,
}) => {
  const problems = watchConsole(page, [422]);
  const title = `Ferry operator fills quiet sailings ${Date.now()}`;
  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Case studies" }).click();
  await page.getByRole("link", { name: "New case study" }).click();
  await waitForIslands(page);

  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Dynamic fares moved travellers to quiet sailings.");
  await page.getByLabel("Kind of client").fill("Island ferry operator");
  await page.getByLabel("Industry SIC code").fill("5010");
  await page.getByLabel("Industry name").fill("Sea passenger transport");
  await page.getByLabel("Business challenge").fill("Peak sailings were full while others sailed **half empty**.");
  await page.getByLabel("Duration (days)").fill("56");
  await page.getByLabel("Sample size").fill("84000");
  await page.getByLabel("Primary metric", { exact: true }).fill("Off-peak load factor");
  await page.getByLabel("Unit", { exact: true }).fill("%");
  await page.getByLabel("Baseline").fill("40");
  await page.getByLabel("Result", { exact: true }).fill("48");
  await page.getByLabel("ROI (%)").fill("260");
  await page.getByLabel("ROI value (£)").fill("420000");
  await page.getByLabel("Payback (months)").fill("4");
  // A mistake: the confidence level is out of range. The error sits by the field
  // and nothing typed is lost.
  await page.getByLabel("Confidence level").fill("0.5");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.locator("#cs-confidence_level-error")).toContainText("between 0.80 and 0.99");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await page.getByLabel("Confidence level").fill("95");
  await page.getByRole("button", { name: "Create draft" }).click();

  await expect(page).toHaveURL(/\/admin\/case-studies$/);
  const row = page.getByRole("row", { name: new RegExp(title) });
  await expect(row.getByText("Draft")).toBeVisible();
  await row.getByRole("button", { name: /^Publish/ }).click();
  await expect(page.getByRole("row", { name: new RegExp(title) }).getByText("Published")).toBeVisible();

  await page.goto("/case-studies?industry=5010");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("img", { name: /Off-peak load factor/ })).toBeVisible();
  await expect(page.locator(".cs-hero__facts")).toContainText("+20.0%");
  const slug = new URL(page.url()).pathname.split("/").pop();
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(`/case-studies/${slug}`);
  expect(problems).toEqual([]);
});
