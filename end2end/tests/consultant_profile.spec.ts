import { expect, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, logIn, waitForIslands, watchConsole } from "./helpers";

test("a consultant edits their own profile and no one else's", async ({ page, request }) => {
  const problems = watchConsole(page, [403]);
  await logIn(page, "consultant@causal-edge.example", DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "My profile" }).click();
  const cards = page.locator(".card-grid .card");
  await expect(cards).toHaveCount(1);
  await cards.getByRole("link").first().click();
  await waitForIslands(page);
  // The form speaks to the consultant.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");
  await expect(page.getByRole("group", { name: "About you" })).toBeVisible();
  const newTitle = `Lead Pricing Scientist ${Date.now()}`;
  await page.getByLabel("Job title").fill(newTitle);
  // Specialisations are chips: Enter adds one, × removes one.
  const skill = `Queue theory ${Date.now() % 1000}`;
  const chips = page.getByRole("list", { name: "Specialisations" });
  const before = await chips.getByRole("listitem").count();
  const addSkill = page.getByRole("combobox", { name: "Specialisations" });
  await addSkill.fill(skill);
  await addSkill.press("Enter");
  await expect(chips.getByRole("listitem")).toHaveCount(before + 1);
  await expect(addSkill).toHaveValue("");
  await addSkill.fill(skill.toUpperCase());
  await addSkill.press("Enter");
  await expect(chips.getByRole("listitem")).toHaveCount(before + 1);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toContainText("Profile saved.");
  await page.reload();
  await waitForIslands(page);
  await expect(chips.getByText(skill, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Remove ${skill}` }).click();
  await expect(chips.getByRole("listitem")).toHaveCount(before);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toContainText("Profile saved.");
  await page.getByRole("link", { name: "See the public profile" }).click();
  await expect(page.getByText(newTitle).first()).toBeVisible();

  // Someone else's profile: the editor refuses.
  const others = await (await request.get("/api/v1/consultants")).json();
  const myId = new URL(page.url()).pathname.split("/").pop();
  const other = others.consultants.find((c: { id: string }) => c.id !== myId);
  const response = await page.goto(`/admin/consultants/${other.id}/edit`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("alert")).toContainText("You do not have access");
  expect(problems).toEqual([]);
});

test("an admin deletes a profile made by mistake, but not one with case studies", async ({ page }) => {
  const problems = watchConsole(page, [409, 422]);
  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/admin/consultants");
  await waitForIslands(page);
  const stamp = Date.now();
  await page.getByText("New consultant profile").click();
  await page.getByLabel("First name").fill("Mistaken");
  await page.getByLabel("Last name").fill(`Entry ${stamp}`);
  // A mistyped email is named under its field; what was typed stays.
  await page.getByLabel("Email").fill(`mistake-${stamp}`);
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.locator("#nc-email-error")).toHaveText("Enter an email address like name@example.com.");
  await expect(page.getByLabel("Last name")).toHaveValue(`Entry ${stamp}`);
  await page.getByLabel("Email").fill(`mistake-${stamp}@causal-edge.example`);
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page).toHaveURL(/\/admin\/consultants\/.+\/edit$/);

  await page.goto("/admin/consultants");
  await waitForIslands(page);
  page.on("dialog", (dialog) => dialog.accept());
  // Priya Raman led case studies: refused, with the way out.
  const priya = page.locator(".card", { hasText: "Priya Raman" });
  await priya.getByRole("button", { name: /^Delete/ }).click();
  await expect(priya.getByRole("alert")).toContainText("Deactivate it instead");

  const mistaken = page.locator(".card", { hasText: `Mistaken Entry ${stamp}` });
  await mistaken.getByRole("button", { name: /^Delete/ }).click();
  await expect(mistaken).toHaveCount(0);
  await expect(priya).toHaveCount(1);
  expect(problems).toEqual([]);
});
