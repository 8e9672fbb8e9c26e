// Lighthouse (performance, accessibility, best practices, SEO) on the case-study
// gallery and one case-study page, mobile (Lighthouse's default emulation) and
// desktop. Needs a running release server:
//
//   ./scripts/start &                       # or target/release/server serve
//   node scripts/lighthouse.mjs [http://127.0.0.1:3000] [case-study-slug]
//
// Other pages: PAGES=/landing/free-consultation,/contact (paths, comma-
// separated) instead of the gallery and case study; FORM_FACTORS=mobile for
// mobile only (default mobile,desktop).
//
// Without a slug it takes the first case study linked from the gallery. It
// installs Lighthouse (the version in scripts/perf/package.json) into
// ~/.cache/causal-edge/perf (CE_PERF_DEPS) on first use, so no node_modules
// lands in the checkout, and drives Debian's Chromium (CHROME_PATH, default
// /usr/bin/chromium) headless. Prints the four scores per page and form
// factor, then the audits that fail (score < 0.9) with the elements or
// resources they name, and the performance opportunities. The JSON and HTML
// reports are saved under a temporary directory (LH_OUT to choose it), printed
// at the end.
//
// On plain http://127.0.0.1 "best practices" counts the missing HTTPS (and
// what depends on it) against the page; behind TLS those audits pass.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, copyFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

const base = (process.argv[2] ?? "http://127.0.0.1:3000").replace(/\/$/, "");
let slug = process.argv[3];
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const depsDir = process.env.CE_PERF_DEPS ?? join(homedir(), ".cache", "causal-edge", "perf");
const outDir = process.env.LH_OUT ?? mkdtempSync(join(tmpdir(), "ce-lighthouse-"));
mkdirSync(outDir, { recursive: true });

// --- Lighthouse, outside the checkout ------------------------------------------
const manifest = new URL("./perf/package.json", import.meta.url);
const wanted = JSON.parse(readFileSync(manifest, "utf8")).dependencies.lighthouse;
const installed = join(depsDir, "node_modules", "lighthouse", "package.json");
if (!existsSync(installed) || JSON.parse(readFileSync(installed, "utf8")).version !== wanted) {
  console.error(`==> installing lighthouse ${wanted} into ${depsDir}`);
  mkdirSync(depsDir, { recursive: true });
  copyFileSync(manifest, join(depsDir, "package.json"));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent"], { cwd: depsDir, stdio: "inherit" });
}
const lighthouseBin = join(depsDir, "node_modules", "lighthouse", "cli", "index.js");

// --- the pages -------------------------------------------------------------------
const chosen = (process.env.PAGES ?? "").split(",").filter(Boolean);
if (!slug && !chosen.length) {
  const html = await (await fetch(`${base}/case-studies`)).text();
  slug = html.match(/href="\/case-studies\/([^"?#]+)"/)?.[1];
  if (!slug) throw new Error(`no case study linked from ${base}/case-studies`);
}
const pages = chosen.length
  ? chosen.map((path) => [path.replace(/^\//, "").replace(/[^A-Za-z0-9_-]+/g, "-") || "home", `${base}${path}`])
  : [
      ["gallery", `${base}/case-studies`],
      ["detail", `${base}/case-studies/${slug}`],
    ];
const formFactors = (process.env.FORM_FACTORS ?? "mobile,desktop").split(",");
const categories = ["performance", "accessibility", "best-practices", "seo"];

function runLighthouse(url, name, formFactor) {
  const outputPath = join(outDir, `${name}-${formFactor}`);
  const args = [
    lighthouseBin,
    url,
    `--only-categories=${categories.join(",")}`,
    "--output=json",
    "--output=html",
    `--output-path=${outputPath}`,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    "--quiet",
  ];
  if (formFactor === "desktop") args.push("--preset=desktop");
  execFileSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CHROME_PATH: chromePath } });
  return JSON.parse(readFileSync(`${outputPath}.report.json`, "utf8"));
}

// What an audit points at: the selectors and URLs in its details (first few).
function targets(audit, max = 4) {
  const named = [];
  const walk = (v, depth) => {
    if (!v || typeof v !== "object" || depth > 6) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    if (v.type === "node" && v.selector) {
      const label = `${v.selector}${v.snippet ? `  ${v.snippet.slice(0, 90)}` : ""}`;
      if (!named.includes(label)) named.push(label);
    } else {
      for (const key of ["url", "scriptUrl"]) {
        if (typeof v[key] === "string" && /^https?:/.test(v[key]) && !named.includes(v[key])) named.push(v[key]);
      }
    }
    for (const [key, x] of Object.entries(v)) if (key !== "headings") walk(x, depth + 1);
  };
  walk(audit.details, 0);
  const shown = named.slice(0, max);
  return shown.length ? `\n      ${shown.join("\n      ")}${named.length > max ? `\n      … ${named.length - max} more` : ""}` : "";
}

const results = [];
for (const [name, url] of pages) {
  for (const formFactor of formFactors) {
    console.error(`==> lighthouse ${name} (${formFactor}): ${url}`);
    const lhr = runLighthouse(url, name, formFactor);
    results.push({ name, url, formFactor, lhr });
  }
}

const score = (lhr, id) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
console.log(`\nLighthouse ${results[0].lhr.lighthouseVersion}, ${results[0].lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"}, ${base}`);
if (!chosen.length) console.log(`gallery: /case-studies; detail: /case-studies/${slug}\n`);
console.log("| page | form factor | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | SI |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const { name, formFactor, lhr } of results) {
  const m = (id) => lhr.audits[id]?.displayValue ?? "–";
  console.log(
    `| ${name} | ${formFactor} | ${categories.map((c) => score(lhr, c)).join(" | ")} | ` +
      `${m("first-contentful-paint")} | ${m("largest-contentful-paint")} | ${m("total-blocking-time")} | ${m("cumulative-layout-shift")} | ${m("speed-index")} |`,
  );
}

const failed = (a) => a && a.score !== null && a.score < 0.9 && ["binary", "numeric", "metricSavings"].includes(a.scoreDisplayMode);
const line = (a, note = "") => {
  const ms = a.details?.overallSavingsMs ? ` (saves ~${Math.round(a.details.overallSavingsMs)} ms)` : "";
  return `    ${a.id}: ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ""}${ms}${note}${targets(a)}`;
};
for (const { name, formFactor, lhr } of results) {
  console.log(`\n## ${name}, ${formFactor}`);
  for (const category of categories) {
    const refs = lhr.categories[category].auditRefs;
    const lines = [];
    if (category === "performance") {
      // Metrics below "good" first, then the failing diagnostics and insights.
      const ordered = [...refs.filter((r) => r.group === "metrics"), ...refs.filter((r) => r.group !== "metrics")];
      for (const ref of ordered) if (failed(lhr.audits[ref.id])) lines.push(line(lhr.audits[ref.id]));
    } else {
      for (const ref of refs) {
        const a = lhr.audits[ref.id];
        if (failed(a)) lines.push(line(a, ref.weight === 0 ? " [not scored]" : ""));
      }
    }
    if (lines.length) console.log(`  ${category}:\n${lines.join("\n")}`);
  }
}
console.log(`\nreports: ${outDir}`);
