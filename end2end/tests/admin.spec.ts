import { expect, test } from "@playwright/test";
import {
  ADMIN,
  DEMO_PASSWORD,
  expectNoHorizontalOverflow,
  logIn,
  logOut,
  waitForIslands,
  watchConsole,
} from "./helpers";

test("an admin creates a consultant, who cannot open the users page", async ({ page }) => {
  // 422: the weak password below; 403: the consultant opening the users page.
  const problems = watchConsole(page, [422, 403]);
  const email = `casey.${Date.now()}@example.com`;
  const password = "Casey-Consults-42";

  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await waitForIslands(page);

  const form = page.getByRole("region", { name: "Add a user" });
  await form.getByLabel("Name").fill("Casey Consultant");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("consultant");
  // A weak password is refused next to its field, and nothing typed is lost.
  await form.getByLabel("Initial password").fill("weak");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.locator("#new-user-password-error")).toContainText("at least 12 characters");
  await expect(form.getByLabel("Email")).toHaveValue(email);

  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("status")).toHaveText("Casey Consultant can now log in as consultant.");
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
  await logOut(page);

  await logIn(page, email, password);
  const nav = page.getByRole("navigation", { name: "Back office" });
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  expect(problems).toEqual([]);
});

test("a user changes their own password", async ({ page }) => {
  await logIn(page, "marketer@causal-edge.example", DEMO_PASSWORD);
  await page.getByRole("link", { name: "My account" }).first().click();
  await waitForIslands(page);
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("short");
  // The same policy runs in the browser as the user types.
  await expect(page.locator("#new-password-hint")).toContainText("at least 12 characters (it has 5)");
  await page.getByLabel("New password", { exact: true }).fill("Marketing-Rocks-2026");
  await page.getByLabel("Repeat the new password").fill("Marketing-Rocks-2026");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();
  await logOut(page);
  await logIn(page, "marketer@causal-edge.example", "Marketing-Rocks-2026");
});

test("the back office fits a 360 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await logIn(page, ADMIN, DEMO_PASSWORD);
  for (const path of ["/admin", "/admin/users", "/admin/account"]) {
    await page.goto(path);
    await expectNoHorizontalOverflow(page);
  }
});

test("the scoring settings keep a running total as the points are edited", async ({ page }) => {
  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/admin/settings");
  await waitForIslands(page);
  const total = page.getByTestId("scoring-total");
  await expect(total).toHaveText("Total 100 of 100: adds up to 100");
  const revenue = page.getByLabel("Annual revenue");
  const before = Number(await revenue.inputValue());
  await revenue.fill(String(before + 5));
  await expect(total).toHaveText("Total 105 of 100: 5 too many");
  await revenue.fill(String(before - 3));
  await expect(total).toHaveText("Total 97 of 100: 3 to go");
  await expect(page.getByText("docs/lead-scoring.md")).toHaveCount(0);
});

test("a consultant's start page shows what is waiting and titled charts", async ({ page }) => {
  await logIn(page, "consultant@causal-edge.example", DEMO_PASSWORD);
  await page.goto("/admin");
  await expect(page.getByTestId("waiting")).toBeVisible();
  await expect(page.getByText("Your leads")).toBeVisible();
  await expect(page.locator("figcaption", { hasText: "Open leads by step" })).toBeVisible();
  await expect(page.locator("figcaption", { hasText: "Leads received per week" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "My profile" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
