import { expect, Page, test } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, contrastProblems, expectNoHorizontalOverflow, logIn, waitForIslands } from "./helpers";

/** The first link on `path` whose address matches `pattern`. */
async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
  const found = await maybeLink(page, path, pattern);
  expect(found, `a link like ${pattern} on ${path}`).toBeTruthy();
  return found!;
}

async function maybeLink(page: Page, path: string, pattern: RegExp): Promise<string | undefined> {
  await page.goto(path);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h));
}

/** Every page at phone and desktop width: nothing scrolls sideways, and all text is readable. */
async function checkPages(page: Page, paths: string[]) {
  const found: string[] = [];
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of paths) {
      await page.goto(path);
      await expectNoHorizontalOverflow(page);
      for (const p of await contrastProblems(page)) {
        found.push(`${path} at ${width} px: "${p.text}" ${p.colour} on ${p.background} is ${p.ratio}:1, needs ${p.needed}:1`);
      }
    }
  }
  // Every problem on every page at once, not just the first.
  expect([...new Set(found)], "text without enough contrast").toEqual([]);
}

test("every public page fits a phone and its text has enough contrast", async ({ page }) => {
  const study = await firstLink(page, "/case-studies", /^\/case-studies\/[a-z0-9-]+$/);
  const consultant = await firstLink(page, "/consultants", /^\/consultants\/[0-9a-f-]{36}$/);
  await checkPages(page, [
    "/",
    "/case-studies",
    "/case-studies?roi_min=500&roi_max=100",
    study,
    "/consultants",
    consultant,
    "/roi-calculator",
    "/contact",
    "/privacy",
    "/login",
    "/forgot-password",
    "/set-password?token=nonsense",
    "/no/such/page",
  ]);
});

// The demo publishes one landing page per built-in template.
const DEMO_LANDING_PAGES = [
  "/landing/free-consultation",
  "/landing/estimate-your-roi",
  "/landing/ecommerce-experimentation",
  "/landing/webinar-experiments-finance-will-believe",
  "/landing/experimentation-roi-guide",
  "/landing/case-study-spotlight",
];

// The one demo page holding the ROI calculator block, the only block that needs the WASM bundle.
const CALCULATOR_PAGE = "/landing/estimate-your-roi";

test("every demo landing page fits a phone, its text has enough contrast, and only the calculator's page downloads script", async ({ page }) => {
  await checkPages(page, DEMO_LANDING_PAGES);
  let scripts: string[] = [];
  page.on("request", (request) => {
    if (/\.(wasm|js)(\?|$)/.test(request.url())) scripts.push(request.url());
  });
  for (const path of DEMO_LANDING_PAGES) {
    scripts = [];
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    if (path === CALCULATOR_PAGE) {
      expect(scripts.some((s) => s.endsWith(".wasm")), `${path} loads the calculator`).toBe(true);
    } else {
      expect(scripts, `${path} downloads no script`).toEqual([]);
    }
  }
  // The calculator in the page answers as the visitor types.
  await page.goto(CALCULATOR_PAGE);
  await waitForIslands(page);
  await page.locator("#roi-industry").selectOption({ index: 1 });
  await page.locator("#roi-revenue").fill("12m");
  await expect(page.getByTestId("estimate-peek")).toContainText("more revenue a year");
});

test("a landing page's lead form shows its errors in place, then hands what was typed to the contact form, which asks the rest", async ({ page }) => {
  await page.goto("/landing/free-consultation");
  let form = page.locator("form.lp-form").first();
  await form.getByLabel("First name").fill("Lena");
  await form.getByLabel(/^Work email|^Email/).fill("lena@example");
  await form.getByRole("button").last().click();
  // Back on the same page, at the form: each problem next to its field, what was typed kept.
  await expect(page).toHaveURL(/\/landing\/free-consultation\?form=form&draft=[^#]+#form$/);
  form = page.locator("form.lp-form").first();
  await expect(form.getByRole("alert")).toContainText("Please check the 3 highlighted fields");
  await expect(form.getByLabel("First name")).toHaveValue("Lena");
  await expect(form.getByLabel(/^Work email/)).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Company", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("First name")).not.toHaveAttribute("aria-invalid", "true");
  await form.getByLabel(/^Work email/).fill("lena@example.com");
  await form.getByLabel("Company", { exact: true }).fill("Lena Ltd");
  await form.getByLabel("What do you most want to improve?").selectOption("pricing");
  await form.getByRole("button").last().click();
  // The rest of the qualifying questions are on the contact form.
  await expect(page).toHaveURL(/\/contact\?source=landing_page&source_detail=free-consultation&draft=/);
  await expect(page.locator('input[name="input[email]"]').first()).toHaveValue("lena@example.com");
});

test("without JavaScript, a landing page's form ends as a scored lead that links back to the page", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const prospect = await context.newPage();
  const email = `nojs-landing-${Date.now()}@example.com`;
  await prospect.goto("/landing/free-consultation?utm_source=newsletter&utm_campaign=winter");
  const form = prospect.locator("form.lp-form").first();
  await form.getByLabel("First name").fill("Oskar");
  await form.getByLabel(/^Work email|^Email/).fill(email);
  await form.getByLabel("Company", { exact: true }).fill("Oskar Ltd");
  await form.getByLabel("What do you most want to improve?").selectOption("pricing");
  await form.getByRole("button").last().click();
  await expect(prospect).toHaveURL(/\/contact\?source=landing_page&source_detail=free-consultation/);
  const contact = prospect.locator("form").filter({ has: prospect.locator('[name="input[industry]"]') }).first();
  await expect(contact.locator('[name="input[email]"]')).toHaveValue(email);
  await contact.locator('[name="input[company_name]"]').fill("Oskar Ltd");
  await contact.locator('[name="input[industry]"]').selectOption({ index: 1 });
  await contact.locator('[name="input[primary_challenge]"]').selectOption("pricing");
  await contact.locator('[name="input[annual_revenue_range]"]').selectOption("10m_50m");
  await contact.locator('[name="input[company_size_range]"]').selectOption("200-1000");
  await contact.locator('[name="input[timeline]"]').selectOption("1-3_months");
  await contact.locator('[name="input[decision_making_authority]"]').selectOption("decision_maker");
  await contact.locator('button[type="submit"]').last().click();
  await expect(prospect.getByTestId("thank-you")).toBeVisible();
  await context.close();

  // The admin sees it as a landing-page lead, and its details link to the page.
  const admin = await browser.newPage();
  await logIn(admin, ADMIN, DEMO_PASSWORD);
  await admin.goto(`/admin/leads?q=${encodeURIComponent(email)}`);
  const row = admin.locator("tr", { hasText: "Oskar" }).first();
  await expect(row).toContainText("Landing page");
  await row.getByRole("link").first().click();
  await expect(admin.getByRole("link", { name: "free-consultation" })).toHaveAttribute("href", "/landing/free-consultation");
  await admin.close();
});

test("every back-office page fits a phone, its tables fit a desktop, and its text has enough contrast", async ({ page }) => {
  // About 17 pages, four passes each: near the 30 s default on a busy 2-core machine.
  test.slow();
  await logIn(page, ADMIN, DEMO_PASSWORD);
  const caseStudy = await firstLink(page, "/admin/case-studies", /^\/admin\/case-studies\/[^/]+\/edit$/);
  const profile = await firstLink(page, "/admin/consultants", /^\/admin\/consultants\/[^/]+\/edit$/);
  // Leads exist once another test (or a prospect) has sent one.
  const lead = await maybeLink(page, "/admin/leads", /^\/admin\/leads\/[0-9a-f-]{36}$/);
  const landingPage = await firstLink(page, "/admin/pages", /^\/admin\/pages\/[0-9a-f-]{36}\/edit$/);
  const paths = [
    "/admin",
    "/admin/leads",
    ...(lead ? [lead] : []),
    "/admin/case-studies",
    "/admin/case-studies/new",
    caseStudy,
    "/admin/consultants",
    profile,
    "/admin/users",
    "/admin/settings",
    "/admin/account",
    "/admin/emails",
    "/admin/emails/tier3_digest",
    "/admin/jobs",
    "/admin/webhooks",
    "/admin/pages",
    landingPage,
  ];
  await checkPages(page, paths);
  // On a phone, tables shown as cards fit too: no card cut off at the side.
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of paths) {
    await page.goto(path);
    const cut = await page
      .locator(".table-wrap:has(.table--cards) td")
      .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent?.trim()));
    expect(cut, `card text cut off on ${path} at 375 px`).toEqual([]);
  }
  // At desktop width every table's columns fit without a sideways scroll.
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const path of paths) {
    await page.goto(path);
    const clipped = await page
      .locator(".table-wrap")
      .evaluateAll((wraps) => wraps.filter((w) => w.scrollWidth > w.clientWidth + 1).length);
    expect(clipped, `tables scrolling sideways on ${path}`).toBe(0);
  }
});

test("a page downloads the WASM bundle only when it holds an island, and the menu works either way", async ({ page }) => {
  const study = await firstLink(page, "/case-studies", /^\/case-studies\/[a-z0-9-]+$/);
  const consultant = await firstLink(page, "/consultants", /^\/consultants\/[0-9a-f-]{36}$/);
  let scripts: string[] = [];
  page.on("request", (request) => {
    if (/\.(wasm|js)(\?|$)/.test(request.url())) scripts.push(request.url());
  });
  const pages = ["/", "/case-studies", study, "/consultants", consultant, "/roi-calculator", "/tools/ab-test-calculator", "/contact", "/privacy", "/login", "/forgot-password", "/set-password?token=nonsense", "/no/such/page"];
  for (const path of pages) {
    scripts = [];
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const islands = await page.locator("leptos-island").count();
    const wasm = scripts.filter((url) => url.endsWith(".wasm"));
    if (islands > 0) {
      expect(wasm, `${path} has ${islands} island(s), so it needs the bundle`).toHaveLength(1);
      await waitForIslands(page);
    } else {
      expect(scripts, `${path} has no island, so it downloads no script`).toEqual([]);
    }
  }
  // The phone menu needs no WASM: it opens on a page without any.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/privacy");
  const toggle = page.getByRole("button", { name: "Menu" });
  await toggle.click();
  await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff sign in" })).toBeVisible();
});

test("each public page downloads the bundle of its own islands, and none exports the editor or the admin islands", async ({ page }) => {
  const study = await firstLink(page, "/case-studies", /^\/case-studies\/[a-z0-9-]+$/);
  const wasm: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".wasm")) wasm.push(new URL(request.url()).pathname);
  });
  const islandsHere = () => page.locator("leptos-island").evaluateAll((els) => els.map((e) => e.getAttribute("data-component")!));
  // The back-office pages load the back-office bundle and hydrate from it.
  await logIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/admin/pages");
  // The bundle is imported once the page is idle: let this page's import
  // happen before counting, or it lands among the editor page's requests.
  await waitForIslands(page);
  const edit = await page.locator('a[href^="/admin/pages/"][href$="/edit"]').first().getAttribute("href");
  wasm.length = 0;
  await page.goto(edit!);
  await waitForIslands(page);
  // Distinct files: a late request from the page before is the same file.
  expect([...new Set(wasm)], "the editor's bundle").toEqual([expect.stringMatching(/^\/back-office\/pkg\/causal-edge\.[A-Za-z0-9_-]{8,}\.wasm$/)]);
  const adminIslands = await islandsHere();
  expect(adminIslands.length, "the editor page's islands").toBeGreaterThan(0);

  // Each public page loads its bundle: the one directory it names.
  const pages = [
    { path: "/", dir: "/home/pkg/" },
    { path: "/case-studies", dir: "/gallery/pkg/" },
    { path: study, dir: "/pkg/" },
    { path: "/contact", dir: "/pkg/" },
    { path: "/roi-calculator", dir: "/roi/pkg/" },
    { path: "/tools/ab-test-calculator", dir: "/ab-test/pkg/" },
  ];
  const seen: { path: string; dir: string; islands: string[]; script: string }[] = [];
  for (const { path, dir } of pages) {
    wasm.length = 0;
    await page.goto(path);
    await waitForIslands(page);
    const pattern = new RegExp(`^${dir.replace(/\//g, "\\/")}causal-edge\\.[A-Za-z0-9_-]{8,}\\.wasm$`);
    expect([...new Set(wasm)], `${path}'s bundle`).toEqual([expect.stringMatching(pattern)]);
    const script = (await page.locator('link[rel="modulepreload"]').getAttribute("href"))!;
    expect(script.startsWith(dir), `${path} preloads ${script}`).toBe(true);
    seen.push({ path, dir, islands: await islandsHere(), script });
  }
  // A bundle exports the islands of the pages that load it, and no other
  // island seen on any page: not the gallery's filters on a case study, no
  // calculator on the home page, never the editor.
  const everyIsland = [...new Set([...seen.flatMap((p) => p.islands), ...adminIslands])];
  for (const { path, dir, script } of seen) {
    const own = new Set(seen.filter((p) => p.dir === dir).flatMap((p) => p.islands));
    const exported = await page.evaluate(
      async ({ script, names }) => {
        const mod = await import(script);
        return names.map((name) => typeof mod[name] === "function");
      },
      { script, names: everyIsland },
    );
    expect(
      Object.fromEntries(everyIsland.map((name, i) => [name, exported[i]])),
      `what ${script} (loaded by ${path}) exports`,
    ).toEqual(Object.fromEntries(everyIsland.map((name) => [name, own.has(name)])));
  }
});

test("built assets carry a content hash in their names and may be kept for a year", async ({ page }) => {
  const assets = new Map<string, string | undefined>();
  page.on("response", async (response) => {
    const url = new URL(response.url());
    if (/^\/([a-z-]+\/)?pkg\//.test(url.pathname)) assets.set(url.pathname, (await response.allHeaders())["cache-control"]);
  });
  await page.goto("/case-studies");
  await page.waitForLoadState("networkidle");
  await waitForIslands(page);
  const names = [...assets.keys()];
  for (const ext of ["css", "js", "wasm"]) {
    const file = names.find((name) => name.endsWith(`.${ext}`));
    // The stylesheet is the site's; the gallery's scripts are its bundle's.
    expect(file, `a .${ext} (${names.join(", ")})`).toMatch(new RegExp(`^(/gallery)?/pkg/causal-edge\\.[A-Za-z0-9_-]{8,}\\.${ext}$`));
    expect(assets.get(file!), file).toBe("public, max-age=31536000, immutable");
  }
});

/** Where every element of the page is and how it looks (the properties a missing rule would change). */
async function layout(page: Page) {
  return page.evaluate(() => {
    const boxes: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (["SCRIPT", "TEMPLATE", "STYLE", "LINK"].includes(el.tagName)) continue;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      const round = (n: number) => Math.round(n * 2) / 2;
      boxes.push(
        `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""} ${round(r.x)},${round(r.y)} ${round(r.width)}x${round(r.height)} ` +
          `${s.display} ${s.visibility} ${s.color} ${s.backgroundColor} ${s.fontSize} ${s.fontWeight}`,
      );
    }
    return {
      boxes,
      sheets: document.styleSheets.length,
      // A stylesheet link that holds back the first paint (any but the deferred one).
      blockingLinks: document.querySelectorAll('link[rel="stylesheet"]:not([media="print"][data-full-stylesheet])').length,
      wholeStylesheetMedia: document.querySelector("link[data-full-stylesheet]")?.getAttribute("media"),
      inlined: document.head.querySelector("style")?.textContent?.length ?? 0,
    };
  });
}

test("pages look the same before the stylesheet arrives as after: each carries the rules it uses", async ({ page }) => {
  const study = await firstLink(page, "/case-studies", /^\/case-studies\/[a-z0-9-]+$/);
  // The islands stay as the server sent them, so only the stylesheet changes what is on screen.
  await page.route(/\.(wasm|js)$/, (route) => route.abort());
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ["/", "/case-studies", study, "/roi-calculator", "/contact", "/login"]) {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const stylesheet = /\/pkg\/[^/]+\.css$/;
      await page.route(stylesheet, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(path, { waitUntil: "commit" });
      await page.waitForFunction(() => document.readyState !== "loading");
      const before = await layout(page);
      expect(before.blockingLinks, `${path}: no stylesheet holds back the first paint`).toBe(0);
      expect(before.sheets, `${path}: only the rules it came with`).toBe(1);
      expect(before.inlined, `${path}: rules in the head`).toBeGreaterThan(1000);
      release();
      await page.waitForLoadState("load");
      // As the island script does when an island hydrates (the bundle is
      // held back here, so no island does).
      await page.evaluate(() => {
        for (const link of document.querySelectorAll<HTMLLinkElement>("link[data-full-stylesheet]")) link.media = "all";
      });
      const after = await layout(page);
      expect(after.sheets, `${path}: the whole stylesheet arrived`).toBe(2);
      expect(after.wholeStylesheetMedia, `${path}: and applies`).toBe("all");
      expect(after.boxes, `${path} at ${width} px`).toEqual(before.boxes);
      await page.unroute(stylesheet);
    }
  }
});

/** Whether the site's whole stylesheet (not only the page's inlined rules) styles the page. */
async function wholeStylesheetApplies(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    Array.from(document.styleSheets).some(
      (sheet) => (sheet.href ?? "").includes("/pkg/") && (sheet.media.length === 0 || matchMedia(sheet.media.mediaText).matches),
    ),
  );
}

test("the whole stylesheet applies when an island hydrates, or at once without JavaScript @public", async ({ page, javaScriptEnabled }) => {
  await page.goto("/case-studies");
  await page.waitForLoadState("load");
  if (javaScriptEnabled) await waitForIslands(page);
  await expect.poll(() => wholeStylesheetApplies(page), `javaScriptEnabled: ${javaScriptEnabled}`).toBe(true);
  // A page without islands is never changed after it is sent: its own rules are all it needs.
  await page.goto("/login");
  await page.waitForLoadState("load");
  expect(await wholeStylesheetApplies(page), `/login, javaScriptEnabled: ${javaScriptEnabled}`).toBe(!javaScriptEnabled);
});
