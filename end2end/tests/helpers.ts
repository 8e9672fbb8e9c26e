import { expect, Page } from "@playwright/test";

export const DEMO_PASSWORD = "E2e-Demo-Password-42";
export const ADMIN = "admin@causal-edge.example";

/**
 * Collects console errors and uncaught exceptions; assert it is empty at the end.
 * `expectedStatuses` are HTTP statuses the test provokes on purpose (Chromium
 * logs every 4xx response as a console error).
 */
export function watchConsole(page: Page, expectedStatuses: number[] = []): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    const status = /status of (\d{3})/.exec(text)?.[1];
    if (status && expectedStatuses.includes(Number(status))) return;
    problems.push(`console: ${text}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You have been logged out.")).toBeVisible();
}

/** Waits until every island on the page has hydrated (see `use_hydrated`). */
export async function waitForIslands(page: Page) {
  await expect(page.locator('[data-hydrated="false"]')).toHaveCount(0);
}

/** Fails if the page is wider than the viewport (sideways scrolling on phones). */
export async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `page ${page.url()} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}
