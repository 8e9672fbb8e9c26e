// Times the ROI calculator in the browser: from an `input` event on the
// revenue field to the new estimate in the page (WASM engine + re-render),
// over 200 edits. Needs a running release server:
//
//   ./scripts/start &            # or target/release/server serve
//   node scripts/bench-roi-browser.mjs [http://127.0.0.1:3000]
//
// Prints p50/p95/max in milliseconds; figures go into docs/performance.md.
import { createRequire } from "node:module";
const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
await page.goto(`${base}/roi-calculator`);
await page.waitForSelector('[data-hydrated="true"]');
await page.selectOption("#roi-industry", { index: 1 });
const samples = await page.evaluate(async () => {
  const input = document.querySelector("#roi-revenue");
  const times = [];
  for (let i = 0; i < 200; i++) {
    const before = document.querySelector('[data-testid="revenue-range"]')?.textContent;
    const started = performance.now();
    input.value = String(1_000_000 + i * 137_000);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    // Leptos updates synchronously; wait a microtask in case it does not.
    while (document.querySelector('[data-testid="revenue-range"]')?.textContent === before) {
      await new Promise((r) => setTimeout(r, 0));
    }
    times.push(performance.now() - started);
  }
  return times;
});
samples.sort((a, b) => a - b);
const at = (q) => samples[Math.round((samples.length - 1) * q)].toFixed(2);
console.log(`ROI estimate in the browser (input event → new range on screen), ${samples.length} edits:`);
console.log(`  p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   max ${at(1)} ms`);
await browser.close();
