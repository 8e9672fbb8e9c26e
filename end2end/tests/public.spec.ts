import { expect, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, expectNoHorizontalOverflow, logIn, watchConsole } from "./helpers";

test.describe("public site @public", () => {
  test("home page renders with navigation and no console errors", async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto("/");
    await expect(page).toHaveTitle("Causal Edge");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Know what grows your business");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Case studies" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Staff sign in" })).toBeVisible();
    await expect(page.getByRole("contentinfo")).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
  });

  test("the lift estimator answers", async ({ page, javaScriptEnabled }) => {
    await page.goto("/");
    const answer = page.getByTestId("lift-answer");
    await expect(answer).toHaveText("≈ £100,000 more revenue per year");
    const revenue = page.getByLabel("Annual online revenue");
    if (javaScriptEnabled) {
      // Hydrated: the island recomputes as the visitor types, no request made.
      await expect(page.getByRole("button", { name: "Calculate" })).toBeHidden();
      await revenue.fill("3000000");
      await expect(answer).toHaveText("≈ £150,000 more revenue per year");
      // The calculator's money rules: "2.5m" is two and a half million.
      await revenue.fill("2.5m");
      await expect(answer).toHaveText("≈ £125,000 more revenue per year");
      await revenue.fill("3000000");
      await page.getByLabel("Conversion lift (%)").fill("150");
      await expect(answer).toContainText("between 0 and 100%");
    } else {
      // Without JavaScript the form submits and the server renders the answer.
      await revenue.fill("3000000");
      await page.getByRole("button", { name: "Calculate" }).click();
      await expect(page).toHaveURL(/revenue=3000000/);
      await expect(page.getByTestId("lift-answer")).toHaveText("≈ £150,000 more revenue per year");
    }
  });

  test("navigation works on a phone", async ({ page, javaScriptEnabled }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/");
    const login = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff sign in" });
    if (javaScriptEnabled) {
      const toggle = page.getByRole("button", { name: "Menu" });
      await expect(toggle).toBeVisible();
      await expect(toggle).toHaveAttribute("aria-expanded", "false");
      await expect(login).toBeHidden();
      await toggle.click();
      await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
      await expect(login).toBeVisible();
    } else {
      // No script, no menu button: the links are simply there.
      await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
      await expect(login).toBeVisible();
    }
  });

  test("public pages fit a 360 px phone", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ["/", "/login", "/no/such/page"]) {
      await page.goto(path);
      await expectNoHorizontalOverflow(page);
    }
  });

  test("unknown pages get a friendly 404", async ({ page }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "The home page" })).toBeVisible();
  });

  test("logging in works, and a wrong password says so", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(ADMIN);
    await page.getByLabel("Password").fill("Not-The-Password-1");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
    await logIn(page, ADMIN, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/admin$/);
  });

  test("admin pages send visitors to the login page and back", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?next=\/admin\/users/);
    await page.getByLabel("Email").fill(ADMIN);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  });
});
