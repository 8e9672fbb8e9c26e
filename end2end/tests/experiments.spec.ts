import { Browser, expect, Page, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn, waitForIslands, watchConsole } from "./helpers";

const MARKETER = "marketer@causal-edge.example";
const VARIANT_TEXT = "Experiments beat opinions";

/** A new landing page from the first template, published at `/landing/{slug}`. */
async function publishNewPage(page: Page, title: string, slug: string) {
  await page.goto("/admin/pages");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Address").fill(slug);
  await page.getByRole("button", { name: "Create the draft" }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published", { exact: true }).first()).toBeVisible();
}

/** A fresh visitor (own cookies) reading the page; answers whether it got the variant, from the server's HTML. */
async function visit(browser: Browser, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(path);
  const html = await response!.text();
  const variant = html.includes(VARIANT_TEXT);
  // What the server sent is what shows: nothing swaps the content after load.
  await expect(page.getByText(VARIANT_TEXT)).toHaveCount(variant ? 1 : 0);
  return { context, page, variant };
}

test("a marketer runs an experiment: each visitor keeps one variant with no flash, a conversion is counted for it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, MARKETER, DEMO_PASSWORD);
  const slug = `experiment-${Date.now().toString(36)}`;

  // A published page of its own, so other tests' demo pages stay as they are.
  await publishNewPage(page, "Experiment page", slug);

  // The experiment: a draft with the page as control and a copy as variant B.
  await page.goto("/admin/experiments");
  await page.getByLabel("Landing page").selectOption({ label: `Experiment page (/landing/${slug})` });
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Bolder promise");
  await page.getByLabel("Hypothesis").fill("A bolder first heading gets more leads because it states the benefit.");
  await page.getByRole("button", { name: "Create the experiment" }).click();
  await expect(page).toHaveURL(/\/admin\/experiments\/[0-9a-f-]{36}$/);
  const experimentUrl = page.url();
  await expect(page.getByTestId("experiment-status")).toHaveText("Draft");
  await page.getByLabel("New text").fill(VARIANT_TEXT);
  await page.getByRole("button", { name: "Change the text" }).click();
  await expect(page.getByTestId("variant").nth(1)).toContainText(`→ “${VARIANT_TEXT}”`);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("experiment-status")).toHaveText("Running");

  // Visitors in their own browsers: each sees one variant, the same on every reload.
  const seen = new Map<boolean, Awaited<ReturnType<typeof visit>>>();
  for (let i = 0; i < 14 && seen.size < 2; i++) {
    const visitor = await visit(browser, `/landing/${slug}`);
    for (let reload = 0; reload < 2; reload++) {
      const again = await visitor.page.goto(`/landing/${slug}`);
      expect((await again!.text()).includes(VARIANT_TEXT)).toBe(visitor.variant);
    }
    if (seen.has(visitor.variant)) await visitor.context.close();
    else seen.set(visitor.variant, visitor);
  }
  expect(seen.size, "both variants were shown").toBe(2);

  // The variant's visitor leaves their details (the landing form, then the contact form).
  const converter = seen.get(true)!.page;
  const email = `experiment-${Date.now()}@example.com`;
  const form = converter.locator("form.lp-form").first();
  await form.getByLabel("First name").fill("Vera");
  await form.getByLabel(/^Work email|^Email/).fill(email);
  await form.getByLabel("Company", { exact: true }).fill("Vera Ltd");
  await form.getByLabel("What do you most want to improve?").selectOption("pricing");
  await form.getByRole("button").last().click();
  await expect(converter).toHaveURL(/\/contact\?/);
  const contact = converter.locator("form").filter({ has: converter.locator('[name="input[industry]"]') }).first();
  await contact.locator('[name="input[industry]"]').selectOption({ index: 1 });
  await contact.locator('[name="input[annual_revenue_range]"]').selectOption("10m_50m");
  await contact.locator('[name="input[company_size_range]"]').selectOption("200-1000");
  await contact.locator('[name="input[timeline]"]').selectOption("1-3_months");
  await contact.locator('[name="input[decision_making_authority]"]').selectOption("decision_maker");
  await contact.locator('button[type="submit"]').last().click();
  await expect(converter.getByTestId("thank-you")).toBeVisible();
  for (const v of seen.values()) await v.context.close();

  // The results count the visitors and the variant's conversion.
  await page.goto(experimentUrl);
  const results = page.getByTestId("results-table");
  const variantRow = results.locator('tr[data-arm="b"]');
  const controlRow = results.locator('tr[data-arm="control"]');
  await expect(variantRow.getByTestId("arm-conversions")).toHaveText("1");
  await expect(controlRow.getByTestId("arm-conversions")).toHaveText("0");
  expect(Number(await variantRow.getByTestId("arm-visitors").textContent())).toBeGreaterThanOrEqual(1);
  expect(Number(await controlRow.getByTestId("arm-visitors").textContent())).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("verdict")).toContainText("Not enough data yet");
  expect(problems).toEqual([]);
});

test("consultants read experiments but cannot create or run them", async ({ page }) => {
  await logIn(page, "consultant@causal-edge.example", DEMO_PASSWORD);
  await page.goto("/admin/experiments");
  await expect(page.getByRole("heading", { level: 1, name: "Experiments" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "New experiment" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create the experiment" })).toHaveCount(0);
});

test("a click on the experiment's call to action is counted through the beacon, and its form starts as a secondary metric", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await logIn(page, MARKETER, DEMO_PASSWORD);
  const slug = `beacon-${Date.now().toString(36)}`;
  await publishNewPage(page, "Beacon page", slug);

  // The goal: a click on the hero's call to action; form started is watched too.
  await page.goto("/admin/experiments");
  await page.getByLabel("Landing page").selectOption({ label: `Beacon page (/landing/${slug})` });
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Hero button");
  await page.getByLabel("Hypothesis").fill("The same page in both arms: clicks are counted per arm.");
  const goal = page.getByLabel("Goal (primary metric)");
  await expect(goal.locator("option", { hasText: "Click on “Book your free call” (Beacon page)" }).first()).toBeAttached();
  await goal.selectOption("cta_click:hero");
  await page.getByLabel("Secondary metric", { exact: true }).selectOption("form_started");
  await page.getByRole("button", { name: "Create the experiment" }).click();
  await expect(page).toHaveURL(/\/admin\/experiments\/[0-9a-f-]{36}$/);
  const experimentUrl = page.url();
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("experiment-status")).toHaveText("Running");

  // A visitor clicks the call to action and types into the form; the beacon
  // sends both when they leave the page.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  const beacon = visitor.waitForResponse((r) => r.url().endsWith("/ce.js") && r.status() === 200);
  await visitor.goto(`/landing/${slug}`);
  await beacon;
  await visitor.locator('[data-ce-cta="hero"]').click();
  await visitor.locator("form.lp-form").first().getByLabel("First name").fill("Bea");
  // Leaving the page sends the queue (Playwright does not report requests
  // sent while a page unloads, so the results page is the witness).
  await visitor.goto("/privacy");
  await context.close();

  await expect(async () => {
    await page.goto(experimentUrl);
    const conversions = await page.getByTestId("results-table").getByTestId("arm-conversions").allTextContents();
    expect(conversions.map(Number).reduce((a, b) => a + b, 0)).toBe(1);
    const started = await page.getByTestId("metric-table").first().getByTestId("arm-conversions").allTextContents();
    expect(started.map(Number).reduce((a, b) => a + b, 0)).toBe(1);
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("metric-title").first()).toHaveText("Secondary metric: Form started");
  expect(problems).toEqual([]);
});

test("a variant is edited in the page builder: its saves go to the variant, not the page", async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, MARKETER, DEMO_PASSWORD);
  const slug = `variant-builder-${Date.now().toString(36)}`;
  await publishNewPage(page, "Variant builder page", slug);
  await page.goto("/admin/experiments");
  await page.getByLabel("Landing page").selectOption({ label: `Variant builder page (/landing/${slug})` });
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Two buttons");
  await page.getByLabel("Hypothesis").fill("A second call to action lower down gets more clicks.");
  await page.getByRole("button", { name: "Create the experiment" }).click();
  await expect(page).toHaveURL(/\/admin\/experiments\/[0-9a-f-]{36}$/);
  const experimentUrl = page.url();

  // Variant B in the builder: duplicate the button (Ctrl+D) and let it save.
  await page.getByRole("link", { name: "Edit in the page builder (Variant B)" }).click();
  await expect(page).toHaveURL(/\/variants\/b\/edit$/);
  await waitForIslands(page);
  const outline = page.getByRole("navigation", { name: "Outline of the page" });
  const buttonsBefore = await outline.getByRole("button", { name: /^Button/ }).count();
  await outline.getByRole("button", { name: /^Button/ }).first().click();
  await page.keyboard.press("Control+d");
  await expect(page.getByTestId("announcement")).toContainText("duplicated");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });

  // The variant has the extra button; the published page does not.
  await page.goto(experimentUrl);
  await expect(page.getByTestId("variant").nth(1)).toContainText("Changed in the page builder");
  const preview = await page.request.get(`/landing/${slug}?variant=b`);
  const live = await page.request.get(`/landing/${slug}`);
  const buttons = (html: string) => (html.match(/data-ce-cta="/g) ?? []).length;
  expect(buttons(await preview.text())).toBe(buttons(await live.text()) + 1);
  expect(buttonsBefore).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});
