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

test("an admin invites a consultant, who sets their own password and cannot open the users page", async ({ page }) => {
  // 422: the mistyped email and the weak password below; 403: the consultant opening the users page.
  const problems = watchConsole(page, [422, 403]);
  const email = `casey.${Date.now()}@example.com`;
  const password = "Casey-Consults-42";

  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await waitForIslands(page);

  const form = page.getByRole("region", { name: "Add a user" });
  await form.getByLabel("Name").fill("Casey Consultant");
  await form.getByLabel("Email").fill("casey.example.com");
  await form.getByLabel("Role").selectOption("consultant");
  // A mistake is named next to its field, and nothing typed is lost.
  await form.getByRole("button", { name: "Invite user" }).click();
  await expect(form.locator("#new-user-email-error")).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveValue("Casey Consultant");
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Invite user" }).click();
  const handover = form.getByTestId("password-link");
  await expect(handover).toContainText("Casey Consultant is invited as consultant.");
  await expect(handover).toContainText("It works once, for 7 days.");
  const link = await handover.getByLabel("One-time link").inputValue();
  expect(link).toMatch(/\/set-password\?token=[A-Za-z0-9_-]{43}$/);
  // The invitation is also written as an email, waiting for a mail server.
  await page.reload();
  await expect(page.getByRole("region", { name: /Emails not sent/ })).toContainText(`You are invited to Causal Edge to ${email}`);
  await logOut(page);

  // The invitee opens the link and chooses a password; a weak one is refused.
  await page.goto(new URL(link).pathname + new URL(link).search);
  await waitForIslands(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome: choose your password");
  await expect(page.locator("main")).toContainText(email);
  await page.getByLabel("New password", { exact: true }).fill("weak");
  await page.getByLabel("Repeat the new password").fill("weak");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.locator("#new-password-error")).toContainText("at least 12 characters");
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page).toHaveURL(/\/login\?password_set=1/);
  await expect(page.getByRole("status")).toHaveText("Your password is set. Log in with it now.");
  await expect(page.getByLabel("Email")).toHaveValue(email);

  // The link worked once.
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.getByRole("alert")).toContainText("This link has expired or has already been used.");

  await logIn(page, email, password);
  const nav = page.getByRole("navigation", { name: "Back office" });
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  expect(problems).toEqual([]);
});

test("staff who forgot their password ask for a link, and the answer never tells who has an account", async ({ page }) => {
  const problems = watchConsole(page, []);
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgot your password?");
  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Send me a link" }).click();
  const unknownAnswer = await page.getByTestId("reset-sent").textContent();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill("marketer@causal-edge.example");
  await page.getByRole("button", { name: "Send me a link" }).click();
  expect(await page.getByTestId("reset-sent").textContent()).toBe(unknownAnswer);

  // The reset email waits for a mail server, where admins can see it.
  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/admin/users");
  const unsent = page.getByRole("region", { name: /Emails not sent/ });
  await expect(unsent).toContainText("Reset your Causal Edge password to marketer@causal-edge.example");
  await expect(unsent).not.toContainText("nobody-here@example.com");

  // The job queue holds the email until a mail server is configured; an admin may cancel it.
  await unsent.getByRole("link", { name: "job queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("No mail server is configured");
  const job = page.getByTestId("job-row").filter({ hasText: "Email to marketer@causal-edge.example: Reset your Causal Edge password" }).first();
  await expect(job).toContainText("Waiting");
  page.on("dialog", (dialog) => dialog.accept());
  await job.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("link", { name: /^Cancelled/ }).click();
  await expect(page.getByTestId("job-row").filter({ hasText: "marketer@causal-edge.example" }).first()).toContainText("Cancelled");
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
  // Back to the demo password, so later tests can still log in as the marketer.
  await page.getByRole("link", { name: "My account" }).first().click();
  await waitForIslands(page);
  await page.getByLabel("Current password").fill("Marketing-Rocks-2026");
  await page.getByLabel("New password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel("Repeat the new password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();
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

test("an admin adds a webhook, sees its secret and switches it off", async ({ page }) => {
  // 422: the address without http(s) below.
  const problems = watchConsole(page, [422]);
  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await waitForIslands(page);
  const form = page.getByRole("region", { name: "Add a webhook" });
  await form.getByLabel("Receiver's address").fill("hooks.example.com/ce");
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form.locator("#wh-url-error")).toHaveText("Use an http:// or https:// address.");
  await expect(form.getByLabel("Receiver's address")).toHaveValue("hooks.example.com/ce");
  const url = `https://hooks.example.com/ce-${Date.now()}`;
  await form.getByLabel("Receiver's address").fill(url);
  await form.getByRole("button", { name: "Add webhook" }).click();
  const card = page.getByTestId("webhook").filter({ hasText: url });
  await expect(card).toContainText("On");
  await expect(card).toContainText("lead.created, lead.status_changed");
  await expect(card).toContainText("Nothing sent yet.");
  await card.getByText("Signing secret").click();
  await expect(card.locator(".webhook__secret")).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
  await card.getByRole("button", { name: "Switch off" }).click();
  await expect(page.getByTestId("webhook").filter({ hasText: url })).toContainText("Off");
  expect(problems).toEqual([]);
});

test("a template's preview follows the typing, a mistake is named by its line, and the edit is saved", async ({ page }) => {
  // 422: the broken template saved below.
  const problems = watchConsole(page, [422]);
  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Emails" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Emails" })).toBeVisible();
  await page.getByRole("link", { name: "Edit: Tier 2: day 3" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tier 2: day 3" })).toBeVisible();
  await waitForIslands(page);
  const preview = page.getByRole("region", { name: "Preview, with made-up values" });
  await expect(preview).toContainText("How Retail teams test their way to growth");
  // The HTML part shows in a frame sandboxed with no scripts (so its content
  // is checked through the attribute: a test tool may not run scripts in it).
  const frame = page.locator("iframe[title='HTML preview']");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(frame).toHaveAttribute("srcdoc", /<p>Hello Amara,<\/p>/);

  const subject = page.getByLabel("Subject");
  await subject.fill("Day three for {{ lead.company }}");
  await expect(preview).toContainText("Subject: Day three for Okafor & Daughters <Retail>");
  const text = page.getByLabel("Plain text");
  await text.fill("Hello {{ lead.first_name }}\n{% if lead.company %}\nUnclosed");
  await expect(preview.getByTestId("preview-error")).toContainText("Plain text, line 2");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#tpl-body_text-error")).toContainText("line 2");
  await expect(text).toHaveValue("Hello {{ lead.first_name }}\n{% if lead.company %}\nUnclosed");

  await text.fill("Hello {{ lead.first_name }}, three days on.\n\nUnsubscribe: {{ unsubscribe_url }}\n");
  await expect(preview).toContainText("Hello Amara, three days on.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Subject")).toHaveValue("Day three for {{ lead.company }}");
  await expectNoHorizontalOverflow(page);

  // Back to the default wording.
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Back to the default wording" }).click();
  await expect(page.getByLabel("Subject")).toHaveValue("How {{ lead.industry }} teams test their way to growth");
  await page.goto("/admin/emails");
  await expect(page.getByTestId("email-template").filter({ hasText: "Tier 2: day 3" })).toContainText("The default");
  expect(problems).toEqual([]);
});
