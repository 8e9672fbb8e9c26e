import { expect, Page, test } from "@playwright/test";
import {
  DEMO_PASSWORD,
  contrastProblems,
  expectNoHorizontalOverflow,
  logIn,
  waitForIslands,
  watchConsole,
} from "./helpers";

/** Fills the lead form's fields (both steps are on the page without JavaScript). */
async function fillStepTwo(page: Page) {
  await page.getByLabel("Annual revenue").selectOption("10m_50m");
  await page.getByLabel("Company size").selectOption("200-1000");
  await page.getByLabel("When would you like to start?").selectOption("1-3_months");
  await page.getByLabel("Your part in the decision").selectOption("decision_maker");
}

test("a prospect estimates, leaves their details and reaches a consultant, who works the lead", async ({ browser, baseURL }) => {
  const prospectContext = await browser.newContext();
  await prospectContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const prospect = await prospectContext.newPage();
  const problems = watchConsole(prospect);
  const email = `prospect-${Date.now()}@retailer.example`;

  // The calculator answers as they type, in the browser.
  await prospect.goto("/roi-calculator");
  await waitForIslands(prospect);
  await expect(prospect.getByTestId("estimate-empty")).toBeVisible();
  await prospect.getByLabel("Industry").selectOption({ label: "E-commerce retail" });
  await prospect.getByLabel("Annual revenue (£)").fill("5m");
  const range = prospect.getByTestId("revenue-range");
  await expect(range).toContainText("£");
  const small = await range.textContent();
  await prospect.getByLabel("Annual revenue (£)").fill("50m");
  await expect(range).not.toHaveText(small ?? "");
  await expect(prospect.getByText("an estimate, not a promise", { exact: false }).first()).toBeVisible();
  await expect(prospect.getByRole("link", { name: /Sportswear e-commerce site/ })).toBeVisible();
  // A typo gets a message next to the field, not a broken answer.
  await prospect.getByLabel("Annual revenue (£)").fill("lots");
  await expect(prospect.getByText("Enter annual revenue as a number")).toBeVisible();
  await prospect.getByLabel("Annual revenue (£)").fill("50m");

  // Saving opens the stored estimate at an address of its own, to share.
  await prospect.getByRole("button", { name: "Save and share my estimate" }).click();
  await expect(prospect).toHaveURL(/\/roi-calculator\/r\//);
  await expect(prospect.getByRole("heading", { name: "Your estimate" })).toBeVisible();
  await waitForIslands(prospect);
  // "Copy link" (the shell script, no WASM) puts the full address on the clipboard.
  const estimateUrl = prospect.url();
  await prospect.getByRole("button", { name: "Copy link to this estimate" }).click();
  await expect(prospect.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await prospect.evaluate(() => navigator.clipboard.readText())).toBe(estimateUrl);

  // The lead form: short first, more after.
  const form = prospect.locator("#lead-form");
  await expect(form.getByRole("combobox", { name: /^Industry/ })).toHaveValue("4791");
  await expect(form.getByLabel("When would you like to start?")).toBeHidden();
  await form.getByLabel("Work email").fill(email);
  await form.getByLabel("First name").fill("Maya");
  await form.getByLabel("Company", { exact: true }).fill("Northwind Retail");
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(form.getByLabel("When would you like to start?")).toBeVisible();
  // Sending with a step-two answer missing keeps everything typed.
  await form.getByLabel("Company size").selectOption("200-1000");
  await form.getByLabel("When would you like to start?").selectOption("1-3_months");
  await form.getByRole("button", { name: "Get expert help" }).click();
  await expect(form.getByText("Please check the 1 highlighted field;")).toBeVisible();
  await expect(form.getByLabel("Work email")).toHaveValue(email);
  await form.getByLabel("Your part in the decision").selectOption("decision_maker");
  await form.getByRole("button", { name: "Get expert help" }).click();

  const thanks = prospect.getByTestId("thank-you");
  await expect(thanks).toBeVisible();
  await expect(thanks.getByTestId("assigned-consultant")).toContainText("Priya Raman");
  await expect(thanks.getByTestId("response-time")).toContainText("hour");
  await expect(thanks.getByRole("link", { name: "Book a call now" })).toHaveAttribute("href", /name=Maya/);
  expect(problems).toEqual([]);

  // Priya (the demo consultant) finds the lead with its score breakdown and contacts them.
  const consultant = await browser.newPage();
  await logIn(consultant, "consultant@causal-edge.example", DEMO_PASSWORD);
  await consultant.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Leads" }).click();
  await expect(consultant.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();
  await consultant.getByRole("link", { name: "Maya" }).first().click();
  await expect(consultant.getByRole("heading", { name: "Why this score" })).toBeVisible();
  await expect(consultant.getByTestId("score-breakdown")).toContainText("Decision authority");
  await expect(consultant.getByTestId("timeline")).toContainText("Used the ROI calculator");
  // Every text on the lead page is readable, at desktop and phone width.
  expect(await contrastProblems(consultant)).toEqual([]);
  await consultant.setViewportSize({ width: 375, height: 800 });
  expect(await contrastProblems(consultant)).toEqual([]);
  await consultant.setViewportSize({ width: 1280, height: 800 });
  await consultant.getByLabel("Move to").selectOption("contacted");
  await consultant.getByLabel("Note (optional)").fill("Left a voicemail");
  await consultant.getByRole("button", { name: "Update status" }).click();
  await expect(consultant.getByTestId("lead-status")).toHaveText("Contacted");
  await expect(consultant.getByTestId("timeline")).toContainText("Left a voicemail");
  // A slip of the hand is taken back, and the timeline says so.
  await consultant.getByTestId("undo-status").click();
  await expect(consultant.getByTestId("lead-status")).toHaveText("New");
  await expect(consultant.getByTestId("timeline")).toContainText("Undone: Contacted → New");
});

test("the lead workspace and calculator fit a phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/roi-calculator");
  await waitForIslands(page);
  await page.getByLabel("Industry").selectOption({ label: "Cinemas" });
  await page.getByLabel("Annual revenue (£)").fill("12m");
  await expect(page.getByTestId("revenue-range")).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.goto("/contact");
  await expectNoHorizontalOverflow(page);
});

test("without JavaScript the calculator and the lead form still work @public", async ({ page }) => {
  test.skip(test.info().project.use.javaScriptEnabled !== false, "the no-JavaScript path");
  await page.goto("/roi-calculator");
  await page.getByLabel("Industry").selectOption({ label: "Cinemas" });
  await page.getByLabel("Annual revenue (£)").fill("8,000,000");
  await page.getByLabel("Main challenge").selectOption("pricing");
  await page.getByRole("button", { name: "Save and share my estimate" }).click();
  await expect(page).toHaveURL(/\/roi-calculator\/r\//);
  await expect(page.getByTestId("revenue-range")).toContainText("£");
  // Copying needs a script: without one the address bar holds the link.
  await expect(page.getByRole("button", { name: "Copy link to this estimate" })).toBeHidden();

  const form = page.locator("#lead-form");
  const email = `static-${Date.now()}@cinema.example`;
  await form.getByLabel("Work email").fill(email);
  await form.getByLabel("First name").fill("Jonas");
  await expect(form.getByRole("combobox", { name: /^Industry/ })).toHaveValue("5914");
  await fillStepTwo(page);
  await form.getByRole("button", { name: "Get expert help" }).click();
  await expect(page).toHaveURL(/\/thanks\//);
  await expect(page.getByTestId("thank-you")).toContainText("Your consultant");
  await expect(page.getByTestId("assigned-consultant")).toBeVisible();
});

test("a reader asks for help from a case study, in a dialog", async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto("/case-studies?industry=5510");
  await page.locator(".cs-card__title a").first().click();
  await waitForIslands(page);
  await page.getByRole("link", { name: "Talk to a consultant" }).click();
  const dialog = page.getByRole("dialog", { name: "Talk to a consultant" });
  await expect(dialog).toBeVisible();
  // The study's industry is already chosen.
  await expect(dialog.getByRole("combobox", { name: /^Industry/ })).toHaveValue("5510");
  await dialog.getByLabel("Work email").fill(`reader-${Date.now()}@hotel.example`);
  await dialog.getByRole("combobox", { name: /most want to improve/ }).selectOption("pricing");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await fillStepTwo(page);
  await dialog.getByRole("button", { name: "Get expert help" }).click();
  // A form that checks out posts as it would without JavaScript: the
  // thank-you page, with the consultant for the study's industry.
  await expect(page).toHaveURL(/\/thanks\//);
  await expect(page.getByTestId("thank-you")).toBeVisible();
  await expect(page.getByTestId("assigned-consultant")).toBeVisible();
  expect(problems).toEqual([]);
});

/** WCAG contrast ratio of an element's text against the nearest opaque background. */
async function contrastOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => {
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const c = [r, g, b].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    let bg: number[] | null = null;
    for (let node: Element | null = el; node; node = node.parentElement) {
      const parts = rgb(getComputedStyle(node).backgroundColor);
      if (parts.length >= 3 && (parts.length < 4 || parts[3] === 1)) {
        bg = parts;
        break;
      }
    }
    const fg = lum(rgb(getComputedStyle(el).color));
    const back = lum(bg ?? [255, 255, 255]);
    return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
  });
}

for (const width of [1280, 375]) {
  test(`the case-study dialog is a readable modal that keeps focus and gives it back (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: width > 400 ? 800 : 812 });
    await page.goto("/case-studies?industry=5510");
    await page.locator(".cs-card__title a").first().click();
    await waitForIslands(page);
    const trigger = page.getByRole("link", { name: "Talk to a consultant" });
    await trigger.click();
    const dialog = page.getByRole("dialog", { name: "Talk to a consultant" });
    await expect(dialog).toBeVisible();
    // Readable title and close button (the dialog sits in a dark panel).
    expect(await contrastOf(page, ".dialog__title")).toBeGreaterThanOrEqual(4.5);
    expect(await contrastOf(page, ".dialog__close")).toBeGreaterThanOrEqual(4.5);
    // The page behind does not scroll.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe("hidden");
    // Focus stays inside for 30 presses of Tab.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const inside = await page.evaluate(() => !!document.activeElement?.closest("dialog[open]"));
      expect(inside, `focus inside the dialog after ${i + 1} Tab presses`).toBe(true);
    }
    // Escape closes it and focus returns to the button that opened it.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(trigger).toBeFocused();
    // The close button is on screen and works, on a phone too.
    await trigger.click();
    const close = dialog.getByRole("button", { name: "Close" });
    await expect(close).toBeInViewport();
    await close.click();
    await expect(dialog).toBeHidden();
    await expectNoHorizontalOverflow(page);
  });
}

/** Holds the islands' WASM back for a while, as a slow connection does. */
async function slowWasm(page: Page, ms = 2500) {
  await page.route("**/*.wasm", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}

test("what a visitor types before the calculator hydrates is kept and estimated", async ({ page }) => {
  await slowWasm(page);
  await page.goto("/roi-calculator");
  await expect(page.locator("#calculator")).toHaveAttribute("data-hydrated", "false");
  await page.getByLabel("Industry").selectOption({ label: "E-commerce retail" });
  await page.getByLabel("Annual revenue (£)").fill("12m");
  await waitForIslands(page);
  await expect(page.getByLabel("Annual revenue (£)")).toHaveValue("12m");
  await expect(page.getByTestId("estimate-empty")).toBeHidden();
  await expect(page.getByTestId("revenue-range")).toContainText("£");
  // And it goes on following the typing.
  const before = await page.getByTestId("revenue-range").textContent();
  await page.getByLabel("Annual revenue (£)").fill("120m");
  await expect(page.getByTestId("revenue-range")).not.toHaveText(before ?? "");
});

test("the contact form does not jump when it hydrates, and keeps an early Continue and answers", async ({ page }) => {
  await slowWasm(page);
  await page.goto("/contact");
  const form = page.locator("form.lead-form");
  await expect(form).toHaveAttribute("data-hydrated", "false");
  const visibleFields = () => form.locator("input:visible, select:visible, textarea:visible").count();
  const beforeHydration = await visibleFields();
  await expect(form.getByLabel("When would you like to start?")).toBeHidden();
  await form.getByLabel("Work email").fill(`early-${Date.now()}@example.com`);
  await form.getByRole("combobox", { name: /^Industry/ }).selectOption({ index: 1 });
  await form.getByRole("combobox", { name: /most want to improve/ }).selectOption("pricing");
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(form.getByLabel("When would you like to start?")).toBeVisible();
  await form.getByLabel("Annual revenue").selectOption("10m_50m");
  await waitForIslands(page);
  expect(beforeHydration, "step one only, before and after hydration").toBeGreaterThan(3);
  await expect(form.getByLabel("When would you like to start?")).toBeVisible();
  await expect(form.getByLabel("Annual revenue")).toHaveValue("10m_50m");
  await form.getByLabel("Company size").selectOption("200-1000");
  await form.getByLabel("When would you like to start?").selectOption("asap");
  await form.getByLabel("Your part in the decision").selectOption("influencer");
  await form.getByRole("button", { name: "Get expert help" }).click();
  // The thank-you has its own address, so a reload keeps it.
  await expect(page).toHaveURL(/\/thanks\//);
  await expect(page.getByTestId("thank-you")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("thank-you")).toBeVisible();
});

test("without hydration delays the contact form shows the same fields before and after", async ({ page }) => {
  await slowWasm(page, 1500);
  await page.goto("/contact");
  const form = page.locator("form.lead-form");
  const count = () => form.locator("input:visible, select:visible, textarea:visible").count();
  const before = await count();
  await waitForIslands(page);
  expect(await count()).toBe(before);
});

test("on a phone the calculator's headline stays in view while typing", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/roi-calculator");
  await waitForIslands(page);
  await page.getByLabel("Industry").selectOption({ label: "E-commerce retail" });
  const revenue = page.getByLabel("Annual revenue (£)");
  await revenue.fill("8m");
  await expect(revenue).toBeInViewport();
  const peek = page.getByTestId("estimate-peek");
  await expect(peek).toBeInViewport();
  await expect(peek).toContainText("£");
  const before = await peek.textContent();
  await revenue.fill("80m");
  await expect(peek).not.toHaveText(before ?? "");
  await expectNoHorizontalOverflow(page);
});

/** Waits until the page's bundle has loaded and the islands that hydrate on load have. */
async function bundleLoaded(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => typeof (window as { __hydrateIsland?: unknown }).__hydrateIsland === "function");
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
}

test("the lead form waits for the visitor: a page only read hydrates nothing, a first touch hydrates it", async ({ page }) => {
  await page.goto("/contact");
  await bundleLoaded(page);
  // The bundle is there, but the form is not hydrated while the visitor only reads.
  const form = page.locator("form.lead-form");
  await expect(form).toHaveAttribute("data-hydrated", "false");
  // Moving into it hydrates it, and the island checks step one from then on.
  await form.getByLabel("Work email").focus();
  await expect(form).toHaveAttribute("data-hydrated", "true");
  await form.getByLabel("Work email").fill("not-an-address");
  await form.getByRole("button", { name: "Continue" }).click();
  await expect(form.getByText("Please check the", { exact: false })).toBeVisible();
  await expect(form.getByLabel("When would you like to start?")).toBeHidden();
});

test("the ROI calculator shows the server's estimate until the visitor reaches for it, then follows every keystroke", async ({ page }) => {
  await page.goto("/roi-calculator?industry=4791&annual_revenue=5m");
  await bundleLoaded(page);
  const calculator = page.locator("#calculator");
  await expect(calculator).toHaveAttribute("data-hydrated", "false");
  const served = await page.getByTestId("revenue-range").textContent();
  expect(served).toContain("£");
  // Pointing at it hydrates it (the bundle is already loaded).
  await page.getByLabel("Annual revenue (£)").hover();
  await expect(calculator).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByTestId("revenue-range")).toHaveText(served!);
  await page.getByLabel("Annual revenue (£)").fill("50m");
  await expect(page.getByTestId("revenue-range")).not.toHaveText(served!);
});
