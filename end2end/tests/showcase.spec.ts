import { expect, test } from "@playwright/test";
import { expectNoHorizontalOverflow, waitForIslands, watchConsole } from "./helpers";

test.describe("showcase @public", () => {
  test("the gallery filters through the URL and the back button undoes it", async ({ page, javaScriptEnabled }) => {
    const problems = watchConsole(page);
    await page.goto("/case-studies");
    const results = page.locator(".gallery__results");
    if (javaScriptEnabled) {
      // With the island, filters apply without a page load: this mark survives.
      await waitForIslands(page);
      await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results from real experiments");
    const cards = page.locator("article.cs-card");
    const all = await cards.count();
    expect(all).toBeGreaterThan(6);
    await expect(page.getByRole("status")).toContainText("case studies");

    await page.getByLabel("Industry").selectOption("5510");
    await page.getByLabel("Sort by").selectOption("roi_desc");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/industry=5510/);
    await expect(page).toHaveURL(/sort_by=roi_desc/);
    await expect(results).not.toHaveAttribute("aria-busy", "true");
    const filtered = await cards.count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    for (const meta of await cards.locator(".cs-card__meta").allTextContents()) {
      expect(meta).toContain("Hotels");
    }
    // Highest ROI first.
    const rois = (await cards.locator("dd").allTextContents())
      .filter((_, i) => i % 3 === 1)
      .map((t) => parseFloat(t));
    expect([...rois].sort((a, b) => b - a)).toEqual(rois);

    if (javaScriptEnabled) {
      expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
      // Each choice applied at once and is its own history entry: Back undoes the sort first.
      await page.goBack();
      await expect(page).toHaveURL(/\/case-studies\?industry=5510&sort_by=recent$/);
      await expect(page.getByLabel("Sort by")).toHaveValue("recent");
      await expect(cards).toHaveCount(filtered);
    }
    await page.goBack();
    await expect(page).toHaveURL(/\/case-studies$/);
    await expect(cards).toHaveCount(all);
    if (javaScriptEnabled) {
      // The form follows the URL. (Without script the browser's back cache shows
      // the page as it was left, choices included: nothing a page can change.)
      await expect(page.getByLabel("Industry")).toHaveValue("");
    }
    expect(problems).toEqual([]);
  });

  test("filters that match nothing explain how to loosen them", async ({ page }) => {
    await page.goto("/case-studies?roi_min=100000");
    await expect(page.getByRole("heading", { name: "No case studies match all of these filters" })).toBeVisible();
    await page.getByRole("link", { name: "Any ROI" }).click();
    await expect(page.locator("article.cs-card").first()).toBeVisible();
  });

  test("a case study shows its results chart and business impact", async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto("/case-studies?sort_by=roi_desc");
    const first = page.locator("article.cs-card h3 a").first();
    const title = await first.textContent();
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title!.trim());
    const chart = page.getByRole("img", { name: /baseline .* vs result/ });
    await expect(chart).toBeVisible();
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    await expect(page.getByRole("heading", { name: "Business impact" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /More from|Other work/ }).first()).toBeVisible();
    const jsonLd = await page.locator('script[type="application/ld+json"]').first().textContent();
    expect(JSON.parse(jsonLd!)["@type"]).toBe("Article");
    await expectNoHorizontalOverflow(page);
    expect(problems).toEqual([]);
  });

  test("consultants have profiles with their work", async ({ page }) => {
    await page.goto("/consultants");
    const people = page.locator("article.person-card");
    expect(await people.count()).toBeGreaterThanOrEqual(6);
    await page.getByLabel("Taking new clients").check();
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/available_only=true/);
    expect(await people.count()).toBeLessThan(6);
    await people.locator("h2 a").first().click();
    await expect(page.getByRole("heading", { name: "Track record" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Portrait of/ })).toBeVisible();
    await expect(page.locator("article.cs-card").first()).toBeVisible();
  });

  test("on a phone the gallery filters fold away behind their summary", async ({ page, javaScriptEnabled }) => {
    // Phone size before loading: the fold happens while the page is parsed.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/case-studies?industry=5510");
    const summary = page.locator("summary", { hasText: "Filter and sort" });
    await expect(summary).toBeVisible();
    await expect(summary).toContainText("1 active");
    const industry = page.getByLabel("Industry");
    if (javaScriptEnabled) {
      // Folded, so the first results are on the first screen.
      await expect(industry).toBeHidden();
      await expect(page.locator("article.cs-card").first()).toBeInViewport();
      await summary.click();
    }
    await expect(industry).toBeVisible();
    await expect(industry).toHaveValue("5510");
  });

  test("showcase pages fit a 360 px phone", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ["/case-studies", "/consultants"]) {
      await page.goto(path);
      await expectNoHorizontalOverflow(page);
    }
  });
});

test("the sitemap lists published case studies", async ({ request }) => {
  const list = await (await request.get("/api/v1/case-studies?limit=1")).json();
  const xml = await (await request.get("/sitemap.xml")).text();
  expect(xml).toContain(`/case-studies/${list.case_studies[0].slug}`);
});
