import { expect, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, logIn, waitForIslands } from "./helpers";

const CONSULTANT = "consultant@causal-edge.example";

// The probe's escalation: a consultant puts markup in their own name, which
// lands in the <title> of their public profile; when an admin opens it, the
// script asks the server (same origin, admin's cookies) to make the
// consultant an admin. The name must stay text, and the role unchanged.
test("an admin opening a booby-trapped profile leaves the attacker's role unchanged", async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, ADMIN, DEMO_PASSWORD);
  const roleOf = async () => {
    const list = await (
      await admin.request.post("/api/admin/users/list", { headers: { Accept: "application/json" } })
    ).json();
    return list.users.find((u: { email: string }) => u.email === CONSULTANT);
  };
  const attacker = await roleOf();
  expect(attacker.role).toBe("consultant");

  // The consultant writes the trap into their own profile, through the editor.
  const consultantContext = await browser.newContext();
  const consultant = await consultantContext.newPage();
  await logIn(consultant, CONSULTANT, DEMO_PASSWORD);
  await consultant.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "My profile" }).click();
  await consultant.locator(".card-grid .card").getByRole("link").first().click();
  await waitForIslands(consultant);
  const firstName = await consultant.getByLabel("First name").inputValue();
  const lastName = await consultant.getByLabel("Last name").inputValue();
  const trapFirst = "</title><script>fetch('/api/admin/users/role',{method:'POST',body:new URLSearchParams(";
  const trapLast = `{id:'${attacker.id}',role:'admin'})});window.__pwned=1</script>`;
  await consultant.getByLabel("First name").fill(trapFirst);
  await consultant.getByLabel("Last name").fill(trapLast);
  await consultant.getByRole("button", { name: "Save profile" }).click();
  await expect(consultant.getByRole("status")).toContainText("Profile saved.");
  const profilePath = await consultant.getByRole("link", { name: "See the public profile" }).getAttribute("href");

  // The admin opens the profile.
  const dialogs: string[] = [];
  admin.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await admin.goto(profilePath!);
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("</title><script>");
  await admin.waitForLoadState("networkidle");
  expect(await admin.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await admin.title()).toContain("<script>");
  expect(dialogs).toEqual([]);
  expect((await roleOf()).role).toBe("consultant");

  // Put the name back for the other tests.
  await consultant.getByLabel("First name").fill(firstName);
  await consultant.getByLabel("Last name").fill(lastName);
  await consultant.getByRole("button", { name: "Save profile" }).click();
  await expect(consultant.getByRole("status")).toContainText("Profile saved.");
  await adminContext.close();
  await consultantContext.close();
});

test("pages send a nonce-based Content-Security-Policy and still hydrate", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  const response = await page.goto("/case-studies");
  const policy = response!.headers()["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+' 'wasm-unsafe-eval'/);
  await waitForIslands(page);

  // Deleting asks first (a nonce'd script, since inline handlers do not run),
  // and dismissing keeps the case study.
  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/admin/case-studies");
  const rows = page.getByRole("row");
  const before = await rows.count();
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    dialog.dismiss();
  });
  await page.getByRole("button", { name: /^Delete/ }).first().click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("Delete this case study?");
  await page.waitForTimeout(300);
  expect(page.url()).toMatch(/\/admin\/case-studies$/);
  expect(await rows.count()).toBe(before);
  // A violation would be logged to the console.
  expect(problems).toEqual([]);
});
