import { expect, test } from "@playwright/test";
import { waitForIslands, watchConsole } from "./helpers";

test("the A/B test calculator answers as you type and keeps a shareable link", async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto("/tools/ab-test-calculator");
  await waitForIslands(page);
  // The example: 5 % against 6 % on 5,000 visitors each.
  await expect(page.getByTestId("ab-verdict")).toContainText("B converts better than A");
  await expect(page.getByTestId("ab-lift")).toHaveText("+20.0 %");
  // Fewer conversions in B: the answer changes at once, without a submit.
  await page.getByLabel("Conversions in B").fill("260");
  await expect(page.getByTestId("ab-verdict")).toContainText("Not significant");
  await expect(page.getByTestId("ab-rate-b")).toHaveText("5.20 %");
  await expect(page).toHaveURL(/b_conversions=260/);
  // A mistake is named on its field, and the rest still answers.
  await page.getByLabel("Conversions in A").fill("6000");
  await expect(page.locator("#ab-a_conversions-error")).toHaveText("More conversions than visitors in A.");
  await expect(page.getByLabel("Conversions in A")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Visitors a day (optional)").fill("2000");
  await expect(page.getByTestId("ab-sample")).toContainText("at your traffic");
  // The link reproduces the numbers, answered by the server.
  const link = page.url();
  await page.goto(link);
  await expect(page.getByLabel("Conversions in A")).toHaveValue("6000");
  await expect(page.locator("#ab-a_conversions-error")).toBeVisible();
  expect(problems).toEqual([]);
});

test("without JavaScript the A/B test calculator answers by form submission", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/tools/ab-test-calculator");
  await page.getByLabel("Visitors in A").fill("10000");
  await page.getByLabel("Conversions in A").fill("500");
  await page.getByLabel("Visitors in B").fill("10000");
  await page.getByLabel("Conversions in B").fill("420");
  await page.getByRole("button", { name: "Calculate" }).click();
  await expect(page).toHaveURL(/a_visitors=10000.*b_conversions=420/);
  await expect(page.getByTestId("ab-verdict")).toContainText("B converts worse than A");
  await expect(page.getByRole("link", { name: "Talk to a consultant" })).toHaveAttribute("href", /^\/contact\?/);
  await context.close();
});
