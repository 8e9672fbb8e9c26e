import { expect, Page } from "@playwright/test";
import { deflateSync } from "node:zlib";

export const DEMO_PASSWORD = "E2e-Demo-Password-42";
export const ADMIN = "admin@causal-edge.example";

/**
 * Collects console errors and uncaught exceptions; assert it is empty at the end.
 * `expectedStatuses` are HTTP statuses the test provokes on purpose (Chromium
 * logs every 4xx response as a console error).
 */
export function watchConsole(page: Page, expectedStatuses: number[] = []): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    const status = /status of (\d{3})/.exec(text)?.[1];
    if (status && expectedStatuses.includes(Number(status))) return;
    // Playwright's trace recorder tries its snapshot script in every frame;
    // the email preview's frame is sandboxed with no scripts and refuses it,
    // which is the sandbox doing its job.
    if (text.startsWith("Blocked script execution in 'about:srcdoc'")) return;
    problems.push(`console: ${text}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You have been logged out.")).toBeVisible();
}

/**
 * Waits until every island on the page has hydrated (see `use_hydrated`).
 * Islands that wait for the visitor (`data-hydrate="on-interaction"`: the
 * lead form, the ROI calculator) are pointed at first, as a visitor would.
 */
export async function waitForIslands(page: Page) {
  await expect(async () => {
    await page
      .locator('leptos-island > [data-hydrate="on-interaction"]')
      .evaluateAll((views) => views.forEach((view) => view.dispatchEvent(new PointerEvent("pointerover", { bubbles: true }))));
    await expect(page.locator('[data-hydrated="false"]')).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** Fails if the page is wider than the viewport (sideways scrolling on phones). */
export async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `page ${page.url()} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

/** A PNG picture (a diagonal gradient), encoded here so tests need no fixtures. */
export function pngImage(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) {
      const i = row + 1 + x * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = 90 + (y * 120) / height;
      raw[i + 2] = 140;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A piece of visible text whose colour is too close to what is behind it. */
export interface ContrastProblem {
  text: string;
  ratio: number;
  needed: number;
  colour: string;
  background: string;
}

/**
 * Checks every visible piece of text on the page against what is behind it
 * (WCAG AA: 4.5:1, or 3:1 for large text). The background is found by walking
 * up to the first opaque colour; a gradient counts by its worst stop, so text
 * on coloured panels is checked too (axe leaves those "incomplete"). Text over
 * an image is skipped: its background cannot be read from styles.
 */
export async function contrastProblems(page: Page): Promise<ContrastProblem[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (text: string): Rgba[] =>
      [...text.matchAll(/rgba?\(([^)]+)\)/g)].map((m) => {
        const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
      });
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1) as Rgba;
    };
    const luminance = (c: Rgba) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
      };
      return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (l1 + 0.05) / (l2 + 0.05);
    };
    /** The backgrounds behind `el` (several for a gradient), or null over an image. */
    const backgroundsOf = (el: Element): Rgba[] | null => {
      const layers: Rgba[][] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        const image = style.backgroundImage;
        if (image && image !== "none") {
          if (image.includes("url(")) return null;
          // Several gradients may be stacked, the first listed on top. One
          // sized smaller than the box (a scroll shadow at an edge, a select's
          // chevron) is decoration beside the text, not behind it.
          let covered = false;
          const sizes = style.backgroundSize.split(",").map((x) => x.trim());
          const gradients = image.split(/,(?=\s*(?:repeating-)?(?:linear|radial|conic)-gradient)/);
          for (const [index, gradient] of gradients.entries()) {
            const size = sizes[index % sizes.length];
            if (!["auto", "auto auto", "100% 100%", "cover"].includes(size)) continue;
            const stops = parse(gradient);
            if (stops.length) {
              layers.push(stops);
              covered ||= stops.every((s) => s[3] === 1);
            }
          }
          if (covered) break;
        }
        const colour = parse(style.backgroundColor)[0];
        if (colour && colour[3] > 0) {
          layers.push([colour]);
          if (colour[3] === 1) break;
        }
      }
      // Compose from the page's white upwards (layers were collected top
      // first); each gradient stop is one case to check.
      let results: Rgba[] = [[255, 255, 255, 1]];
      const opaqueFrom = layers.findIndex((l) => l.every((s) => s[3] === 1));
      const visible = opaqueFrom >= 0 ? layers.slice(0, opaqueFrom + 1) : layers;
      for (const layer of visible.reverse()) {
        results = results.flatMap((below) => layer.map((top) => over(top, below)));
      }
      return results;
    };
    const problems: {
      text: string;
      ratio: number;
      needed: number;
      colour: string;
      background: string;
    }[] = [];
    const seen = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !node.textContent?.trim()) continue;
      seen.add(el);
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (
        box.width === 0 ||
        box.height === 0 ||
        style.visibility === "hidden" ||
        // Disabled controls are exempt from the contrast rule.
        el.closest("[hidden], .visually-hidden, svg, option, [aria-hidden=true], button:disabled")
      )
        continue;
      // Screen-reader-only text is clipped to 1 px.
      if (box.width <= 1 && box.height <= 1) continue;
      const backgrounds = backgroundsOf(el);
      if (!backgrounds) continue;
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const needed = large ? 3 : 4.5;
      const colour = parse(style.color)[0];
      for (const background of backgrounds) {
        const text = over(colour, background);
        const r = ratio(text, background);
        if (r < needed - 0.01) {
          problems.push({
            text: node.textContent.trim().slice(0, 60),
            ratio: Math.round(r * 100) / 100,
            needed,
            colour: style.color,
            background: `rgb(${background.slice(0, 3).map(Math.round).join(", ")})`,
          });
          break;
        }
      }
    }
    return problems;
  });
}
