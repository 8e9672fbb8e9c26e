// Screenshots of every page at 1280 and 375 px wide, for looking at before
// calling a page done. Needs a running release server with the demo content
// and the demo password (e.g. CE_DEMO=true CE_DEMO_PASSWORD=… target/release/server serve):
//
//   node scripts/screenshots.mjs [http://127.0.0.1:3000] [out-dir]
//
// Uses the Playwright installed for end2end/ and Debian's Chromium
// (CHROMIUM_PATH). Public pages are taken anonymously, back-office pages as
// the demo admin and the demo consultant (CE_DEMO_PASSWORD). Prints each file
// and any page that scrolls sideways.
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const base = (process.argv[2] ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const out = process.argv[3] ?? "/tmp/ce-shots";
const password = process.env.CE_DEMO_PASSWORD;
mkdirSync(out, { recursive: true });

const landingPages = ["free-consultation", "estimate-your-roi", "ecommerce-experimentation", "webinar-experiments-finance-will-believe", "experimentation-roi-guide", "case-study-spotlight"].map((slug) => `/landing/${slug}`);
const publicPages = ["/", "/case-studies", "/consultants", "/roi-calculator", "/contact", "/privacy", "/login", "/forgot-password", "/set-password?token=expired", "/no-such-page", ...landingPages];
// `first:<list path>` stands for the first link to an item on that list page.
const staffPages = {
  "admin@causal-edge.example": ["/admin", "/admin/case-studies", "/admin/case-studies/new", "first:/admin/case-studies", "/admin/consultants", "first:/admin/consultants", "/admin/leads", "first:/admin/leads", "/admin/users", "/admin/settings", "/admin/account", "/admin/emails", "/admin/emails/tier3_digest", "/admin/jobs", "/admin/webhooks"],
  "marketer@causal-edge.example": ["/admin", "/admin/pages", "first:/admin/pages"],
  "consultant@causal-edge.example": ["/admin", "/admin/leads", "/admin/consultants"],
};
const itemLink = {
  "/admin/case-studies": /^\/admin\/case-studies\/[^/]+\/edit$/,
  "/admin/consultants": /^\/admin\/consultants\/[^/]+\/edit$/,
  "/admin/leads": /^\/admin\/leads\/[0-9a-f-]{36}$/,
  "/admin/pages": /^\/admin\/pages\/[0-9a-f-]{36}\/edit$/,
};

async function firstItem(page, list) {
  await page.goto(base + list);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => itemLink[list].test(h));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

async function shoot(page, path, name, width) {
  await page.setViewportSize({ width, height: width > 400 ? 800 : 812 });
  await page.goto(base + path, { waitUntil: "networkidle" });
  const file = join(out, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  console.log(`${file}${overflow > 0 ? `  SCROLLS SIDEWAYS by ${overflow}px` : ""}`);
}

const slugOf = (path) => (path === "/" ? "home" : path.replace(/^\//, "").replace(/[/?=&]/g, "_"));

for (const width of [1280, 375]) {
  const page = await browser.newPage();
  for (const path of publicPages) await shoot(page, path, slugOf(path), width);
  await page.goto(base + "/case-studies");
  const study = await page.locator(".cs-card__title a").first().getAttribute("href");
  await shoot(page, study, "case-study", width);
  await page.goto(base + "/consultants");
  const person = await page.locator(".people-grid a").first().getAttribute("href");
  await shoot(page, person, "consultant", width);
  await page.close();
  if (!password) continue;
  for (const [email, paths] of Object.entries(staffPages)) {
    const context = await browser.newContext();
    const staff = await context.newPage();
    await staff.goto(base + "/login");
    await staff.getByLabel("Email").fill(email);
    await staff.getByLabel("Password").fill(password);
    await staff.getByRole("button", { name: /log in|sign in/i }).click();
    await staff.waitForURL(/\/admin/);
    const who = email.split("@")[0];
    for (const entry of paths) {
      if (entry.startsWith("first:")) {
        const list = entry.slice("first:".length);
        const path = await firstItem(staff, list);
        if (path) await shoot(staff, path, `${who}-${slugOf(list)}-item`, width);
        else console.log(`(no item on ${list})`);
      } else {
        await shoot(staff, entry, `${who}-${slugOf(entry)}`, width);
      }
    }
    await context.close();
  }
}
await browser.close();
