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

const publicPages = ["/", "/case-studies", "/consultants", "/roi-calculator", "/contact", "/privacy", "/login", "/forgot-password", "/set-password?token=expired", "/no-such-page"];
const staffPages = {
  "admin@causal-edge.example": ["/admin", "/admin/case-studies", "/admin/case-studies/new", "/admin/consultants", "/admin/leads", "/admin/users", "/admin/settings", "/admin/account"],
  "consultant@causal-edge.example": ["/admin", "/admin/leads", "/admin/consultants"],
};

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
    for (const path of paths) await shoot(staff, path, `${who}-${slugOf(path)}`, width);
    await context.close();
  }
}
await browser.close();
