// Times the landing-page editor with big pages (500, 1,000 and 1,960 blocks;
// 1,960 blocks in 40 sections is the 2,000-node limit). For each size it
// imports a generated page, then measures in Chromium:
//   - load: from navigation start to the canvas showing every block;
//   - move: from the pointer-up of a drag (synthetic pointer events on the
//     real layout: press on a block, move over the gap two blocks down,
//     release) to the next painted frame with the block in its new place,
//     100 times;
//   - edit: from an `input` event in the properties panel's text field to
//     the next painted frame with the new text on the canvas, 100 times.
// Needs a running release server with the demo accounts:
//
//   CE_DEMO=true CE_DEMO_PASSWORD=... target/release/server serve &
//   CE_DEMO_PASSWORD=... node scripts/bench-editor.mjs [http://127.0.0.1:3000]
//
// Prints p50/p95/max in milliseconds; figures go into docs/performance.md.
import { createRequire } from "node:module";
const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const password = process.env.CE_DEMO_PASSWORD;
if (!password) throw new Error("set CE_DEMO_PASSWORD to the demo accounts' password");
const SIZES = (process.env.SIZES ?? "500,1000,1960").split(",").map(Number);

/** A page of `blocks` blocks: headings and paragraphs, 49 to a section. */
function documentWith(blocks, slug) {
  const sections = [];
  const perSection = blocks >= 1960 ? 49 : 25;
  for (let s = 0, made = 0; made < blocks; s++) {
    const section = { id: `s${s}`, blocks: [] };
    for (let i = 0; i < perSection && made < blocks; i++, made++) {
      section.blocks.push(
        made % 2 === 0
          ? { id: `b${made}`, type: "heading", props: { level: 2, text: `Heading number ${made}` } }
          : { id: `b${made}`, type: "rich_text", props: { content: [{ type: "paragraph", spans: [{ text: `Paragraph number ${made}, with a sentence of body text to lay out.` }] }] } },
      );
    }
    sections.push(section);
  }
  return { schema_version: 2, settings: { title: `Editor benchmark ${blocks}`, slug, accent: "blue" }, sections };
}

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.round((sorted.length - 1) * q)].toFixed(1);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${sorted.length} samples)`;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`${base}/login`);
await page.getByLabel("Email").fill("marketer@causal-edge.example");
await page.getByLabel("Password").fill(password);
await page.getByRole("button", { name: "Log in" }).click();
await page.waitForURL(/\/admin/);

for (const blocks of SIZES) {
  const slug = `editor-bench-${blocks}-${Date.now().toString(36)}`;
  await page.goto(`${base}/admin/pages`);
  await page.getByLabel("Title").fill(`Editor benchmark ${blocks}`);
  await page.getByLabel("Address").fill(slug);
  await page.getByRole("button", { name: "Create the draft" }).click();
  await page.waitForURL(/\/edit$/);
  const editUrl = page.url();
  const id = editUrl.split("/").at(-2);
  const revision = await page.locator('.pb-json input[name="revision"]').inputValue();
  const saved = await page.request.post(`${base}/api/admin/pages/save`, {
    form: { id, revision, document: JSON.stringify(documentWith(blocks, slug)) },
    headers: { Accept: "application/json", Origin: base },
  });
  if (!saved.ok()) throw new Error(`import failed: ${saved.status()} ${await saved.text()}`);

  console.error(`${blocks} blocks: imported`);
  // Load: navigation start → every block on the canvas.
  const loads = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(editUrl);
    await page.waitForFunction((n) => document.querySelectorAll(".pb-canvas .pb-node").length >= n, blocks, { timeout: 60_000 });
    loads.push(await page.evaluate(() => performance.now()));
  }

  console.error(`${blocks} blocks: loads ${loads.map((l) => l.toFixed(0)).join(", ")} ms`);
  const { moves, frames } = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const times = [];
    // Where a drop's time goes: Chromium's long-animation-frame entries (frames
    // over 50 ms) split into script and style + layout.
    const frames = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const script = e.scripts.reduce((sum, s) => sum + s.duration, 0);
        frames.push({ duration: e.duration, script, styleLayout: e.startTime + e.duration - e.styleAndLayoutStart });
      }
    });
    observer.observe({ type: "long-animation-frame" });
    for (let i = 0; i < 100; i++) {
      const container = document.querySelectorAll(".pb-canvas > section > div")[i % 10];
      const nodes = [...container.querySelectorAll(":scope > .pb-node")];
      const moving = nodes[0];
      const id = moving.dataset.node;
      // Make sure both are on screen so hit testing finds them.
      moving.firstElementChild.scrollIntoView({ block: "center", behavior: "instant" });
      await frame();
      const a = moving.firstElementChild.getBoundingClientRect();
      const b = nodes[2].firstElementChild.getBoundingClientRect();
      const opts = (x, y) => ({ bubbles: true, clientX: x, clientY: y, button: 0, pointerId: 1, pointerType: "mouse", isPrimary: true });
      moving.firstElementChild.dispatchEvent(new PointerEvent("pointerdown", opts(a.x + 20, a.y + 5)));
      window.dispatchEvent(new PointerEvent("pointermove", opts(a.x + 40, a.y + 30)));
      window.dispatchEvent(new PointerEvent("pointermove", opts(b.x + 20, b.y + b.height - 2)));
      const started = performance.now();
      window.dispatchEvent(new PointerEvent("pointerup", opts(b.x + 20, b.y + b.height - 2)));
      while (container.querySelector(":scope > .pb-node")?.dataset.node === id) {
        if (performance.now() - started > 5000) throw new Error(`move ${i} did not happen: ${document.querySelector('[data-testid="announcement"]')?.textContent}`);
        await new Promise((r) => setTimeout(r, 0));
      }
      await frame();
      times.push(performance.now() - started);
    }
    observer.disconnect();
    return { moves: times, frames };
  });

  // Select a heading and type into its text field.
  await page.locator(".pb-canvas .lp-heading").first().click();
  const edits = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const input = document.querySelector("#f-text");
    const id = document.querySelector(".pb-canvas [data-selected]").dataset.node;
    const times = [];
    for (let i = 0; i < 100; i++) {
      const text = `Edited heading ${i}`;
      const started = performance.now();
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      while (document.querySelector(`.pb-canvas [data-node="${id}"] .lp-heading`)?.textContent !== text) {
        if (performance.now() - started > 5000) throw new Error(`edit ${i} did not show`);
        await new Promise((r) => setTimeout(r, 0));
      }
      await frame();
      times.push(performance.now() - started);
    }
    return times;
  });
  console.log(`${blocks} blocks: load ${stats(loads)}`);
  console.log(`${blocks} blocks: drag pointer-up → canvas updated: ${stats(moves)}`);
  if (frames.length) {
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
    console.log(
      `${blocks} blocks: ${frames.length} frames over 50 ms during the drops (median: ${median(frames.map((f) => f.duration))} ms, ` +
        `script ${median(frames.map((f) => f.script))} ms, style + layout ${median(frames.map((f) => f.styleLayout))} ms)`,
    );
  }
  console.log(`${blocks} blocks: prop keystroke → canvas updated: ${stats(edits)}`);
}
await browser.close();
