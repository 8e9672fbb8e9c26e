import { expect, Locator, Page, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn, waitForIslands, watchConsole } from "./helpers";

const MARKETER = "marketer@causal-edge.example";

/** Drags with the real mouse: press on `from`, move in steps, release over `to` (above its middle when `above`). */
async function drag(page: Page, from: Locator, to: Locator, above: boolean) {
  await to.scrollIntoViewIfNeeded();
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 3 });
  const b = (await to.boundingBox())!;
  const y = above ? b.y + Math.min(8, b.height / 4) : b.y + b.height - Math.min(8, b.height / 4);
  await page.mouse.move(b.x + b.width / 2, y, { steps: 12 });
  await expect(page.locator(".pb-drop-line")).toBeVisible();
  await page.mouse.up();
}

/** The ids of the blocks in a section of the canvas (the first by default), in order. */
async function firstSectionBlocks(page: Page, section = 0): Promise<string[]> {
  return page
    .locator(".pb-canvas > section")
    .nth(section)
    .locator(":scope > div > .pb-node")
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-node") ?? ""));
}

async function savedDocument(page: Page, editUrl: string) {
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
  const response = await page.request.get(editUrl.replace(/\/edit$/, "/export"));
  expect(response.status()).toBe(200);
  return response.json();
}

function findBlock(doc: any, predicate: (block: any) => boolean): any {
  for (const section of doc.sections) {
    for (const block of section.blocks) {
      if (predicate(block)) return block;
      for (const column of block.columns ?? []) {
        for (const inner of column.blocks) if (predicate(inner)) return inner;
      }
    }
  }
  return undefined;
}

test("a marketer builds a page by dragging blocks, edits text in place, undoes, styles it for phones only and publishes it", async ({ page }) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, MARKETER, DEMO_PASSWORD);
  const slug = `built-by-drag-${Date.now().toString(36)}`;

  // A new page from the free-consultation template.
  await page.goto("/admin/pages");
  await page.getByLabel("Title").fill("Built by drag and drop");
  await page.getByLabel("Address").fill(slug);
  await page.getByRole("button", { name: "Create the draft" }).click();
  await expect(page).toHaveURL(/\/admin\/pages\/[0-9a-f-]{36}\/edit$/);
  const editUrl = page.url();
  await waitForIslands(page);
  const canvas = page.getByTestId("canvas");
  await expect(canvas.locator(".pb-node").first()).toBeVisible();

  // Drag a heading from the palette above the first block of the first section.
  const before = await firstSectionBlocks(page);
  const firstBlock = canvas.locator(`[data-node="${before[0]}"] > *`).first();
  await drag(page, page.locator('.pb-palette__item[data-block-type="heading"]'), firstBlock, true);
  await expect(page.getByTestId("announcement")).toContainText("Heading “A clear heading” added");
  const afterInsert = await firstSectionBlocks(page);
  expect(afterInsert.length).toBe(before.length + 1);
  const added = afterInsert[0];
  expect(before).not.toContain(added);

  // Reorder: drag the new heading below the next block.
  const addedNode = canvas.locator(`[data-node="${added}"] > *`).first();
  const next = canvas.locator(`[data-node="${afterInsert[1]}"] > *`).first();
  await drag(page, addedNode, next, false);
  await expect(page.getByTestId("announcement")).toContainText("moved to position 2");
  await expect.poll(() => firstSectionBlocks(page)).toEqual([afterInsert[1], added, ...afterInsert.slice(2)]);

  // Inline text editing: double-click, type, Enter.
  await canvas.locator(`[data-node="${added}"] .lp-heading`).dblclick();
  const editable = canvas.locator(`[data-node="${added}"] [contenteditable]`);
  await expect(editable).toBeFocused();
  await page.keyboard.type("Evidence beats opinion");
  await page.keyboard.press("Enter");
  await expect(canvas.locator(`[data-node="${added}"] .lp-heading`)).toHaveText("Evidence beats opinion");

  // Undo and redo from the keyboard.
  await page.keyboard.press("Control+z");
  await expect(canvas.locator(`[data-node="${added}"] .lp-heading`)).toHaveText("A clear heading");
  await page.keyboard.press("Control+Shift+z");
  await expect(canvas.locator(`[data-node="${added}"] .lp-heading`)).toHaveText("Evidence beats opinion");

  // On the phone view, centre the heading there only.
  await page.getByRole("button", { name: "Phone" }).click();
  await expect(page.locator(".pb-frame--mobile")).toBeVisible();
  await canvas.locator(`[data-node="${added}"] .lp-heading`).click();
  await expect(page.locator("#pb-panel-title")).toHaveText("Heading “Evidence beats opinion”");
  await page.getByLabel("Alignment").selectOption("center");
  await expect(page.locator(".pb-style-field").filter({ hasText: "Alignment" })).toContainText("set for mobile");

  // Autosave has stored all of it: the heading in place, centred on phones only.
  const doc = await savedDocument(page, editUrl);
  const heading = findBlock(doc, (b) => b.type === "heading" && b.props.text === "Evidence beats opinion");
  expect(heading, "the new heading is in the saved draft").toBeTruthy();
  expect(heading.style.align).toEqual({ desktop: "start", mobile: "center" });

  // A reload shows the saved draft.
  await page.reload();
  await waitForIslands(page);
  await expect(canvas.locator(".lp-heading", { hasText: "Evidence beats opinion" })).toBeVisible();

  // Publish, and the public page shows the heading, centred on phones.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.goto(`/landing/${slug}`);
  const published = page.locator(".lp-heading", { hasText: "Evidence beats opinion" });
  await expect(published).toBeVisible();
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(published).toHaveCSS("text-align", "center");
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(published).not.toHaveCSS("text-align", "center");
  expect(problems).toEqual([]);
});

test("the editor's keyboard path moves a block without a mouse and announces it", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, MARKETER, DEMO_PASSWORD);
  await page.goto("/admin/pages");
  await page.getByLabel("Title").fill("Moved by keyboard");
  await page.getByLabel("Address").fill(`moved-by-keyboard-${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create the draft" }).click();
  await waitForIslands(page);
  // The template's second section holds a feature grid and a button.
  const before = await firstSectionBlocks(page, 1);
  expect(before.length).toBe(2);
  // Choose the button in the outline, then move it up with Alt+ArrowUp.
  const outline = page.getByRole("navigation", { name: "Outline of the page" });
  const buttonRow = outline.getByRole("button", { name: /^Button/ }).first();
  await buttonRow.click();
  await expect(page.locator("#pb-panel-title")).toHaveText(/^Button/);
  await buttonRow.focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.getByTestId("announcement")).toContainText("moved to position 1 in section 2");
  await expect.poll(() => firstSectionBlocks(page, 1)).toEqual([before[1], before[0]]);
  // Further up goes to the end of the section above.
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.getByTestId("announcement")).toContainText("in section 1");
  await expect.poll(() => firstSectionBlocks(page, 1)).toEqual([before[0]]);
  // The panel's buttons do the same; Delete removes and Ctrl+Z brings it back.
  await page.getByRole("button", { name: "Move down" }).click();
  await expect.poll(() => firstSectionBlocks(page, 1)).toEqual([before[1], before[0]]);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect.poll(() => firstSectionBlocks(page, 1)).toEqual([before[0]]);
  await page.keyboard.press("Control+z");
  await expect.poll(() => firstSectionBlocks(page, 1)).toEqual([before[1], before[0]]);
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
});

test("copy, paste and duplicate work from the keyboard, and leaving with unsaved changes warns", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, MARKETER, DEMO_PASSWORD);
  await page.goto("/admin/pages");
  await page.getByLabel("Title").fill("Shortcuts");
  await page.getByLabel("Address").fill(`shortcuts-${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create the draft" }).click();
  await waitForIslands(page);
  // The second section holds a feature grid and a button; choose the button.
  const before = await firstSectionBlocks(page, 1);
  expect(before.length).toBe(2);
  const outline = page.getByRole("navigation", { name: "Outline of the page" });
  await outline.getByRole("button", { name: /^Button/ }).first().click();
  await expect(page.locator("#pb-panel-title")).toHaveText(/^Button/);
  // Ctrl+D duplicates it right after itself, with a new id.
  await page.keyboard.press("Control+d");
  await expect(page.getByTestId("announcement")).toContainText("duplicated");
  const duplicated = await firstSectionBlocks(page, 1);
  expect(duplicated.length).toBe(3);
  expect(duplicated.slice(0, 2)).toEqual(before);
  expect(before).not.toContain(duplicated[2]);
  // Ctrl+C then Ctrl+V pastes another copy after the selection.
  await page.keyboard.press("Control+c");
  await expect(page.getByTestId("announcement")).toContainText("copied");
  await page.keyboard.press("Control+v");
  await expect.poll(async () => (await firstSectionBlocks(page, 1)).length).toBe(4);
  // An unsaved change makes leaving ask first.
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved", { timeout: 15_000 });
  await page.keyboard.press("Control+d");
  let asked = false;
  page.once("dialog", async (dialog) => {
    asked = dialog.type() === "beforeunload";
    await dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe(true);
});

test("Escape during a drag cancels it: nothing moves and the cancel is announced", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, MARKETER, DEMO_PASSWORD);
  await page.goto("/admin/pages");
  await page.getByLabel("Title").fill("Cancelled drag");
  await page.getByLabel("Address").fill(`cancelled-drag-${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create the draft" }).click();
  await waitForIslands(page);
  const canvas = page.getByTestId("canvas");
  // The template's second section holds a feature grid and a button.
  const before = await firstSectionBlocks(page, 1);
  expect(before.length).toBe(2);
  // Press on the grid and carry it below the button, as a drop would.
  const from = canvas.locator(`[data-node="${before[0]}"] > *`).first();
  const to = canvas.locator(`[data-node="${before[1]}"] > *`).first();
  await to.scrollIntoViewIfNeeded();
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 3 });
  const b = (await to.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 4, { steps: 12 });
  await expect(page.locator(".pb-drop-line")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("announcement")).toHaveText("Drag cancelled");
  await expect(page.locator(".pb-drop-line")).toBeHidden();
  await page.mouse.up();
  // Releasing after the cancel drops nothing: the order is as it was.
  await expect.poll(() => firstSectionBlocks(page, 1)).toEqual(before);
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
});

test("an image block takes its picture from the media library", async ({ page }) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, MARKETER, DEMO_PASSWORD);
  // Put a picture in the library first, the way the case-study editor does.
  const png = await page.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 480;
    canvas.height = 270;
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#145a58";
    context.fillRect(0, 0, 480, 270);
    context.fillStyle = "#f2a93b";
    context.fillRect(40, 120, 400, 60);
    const blob: Blob = await new Promise((done) => canvas.toBlob((b) => done(b!), "image/png"));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  const uploaded = await page.request.post("/admin/media?kind=chart", {
    multipart: { file: { name: "library.png", mimeType: "image/png", buffer: Buffer.from(png) } },
  });
  expect(uploaded.status()).toBe(201);
  const key: string = (await uploaded.json()).key;

  await page.goto("/admin/pages");
  await page.getByLabel("Title").fill("Picture from the library");
  await page.getByLabel("Address").fill(`library-picture-${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create the draft" }).click();
  const editUrl = page.url();
  await waitForIslands(page);
  // Add an image block (palette button, no drag), then open the library.
  await page.locator('.pb-palette__item[data-block-type="image"]').click();
  await expect(page.locator("#pb-panel-title")).toHaveText(/^Image/);
  await page.getByRole("button", { name: "Choose from the media library" }).click();
  const library = page.getByRole("group", { name: "Media library" });
  await expect(library.getByRole("status")).toContainText("in the library");
  const newest = library.getByRole("button", { name: /uploaded .* by / }).first();
  await expect(newest).toHaveAttribute("title", key);
  await newest.click();
  await expect(library).toBeHidden();
  await expect(page.getByLabel("Image (media key)")).toHaveValue(key);
  await page.getByLabel("Alternative text").fill("A teal chart with an amber bar");
  // The canvas shows the picture, and the saved draft names it.
  await expect(page.getByTestId("canvas").locator(`img[src*="${key}"]`)).toBeVisible();
  const doc = await savedDocument(page, editUrl);
  const image = findBlock(doc, (b) => b.type === "image");
  expect(image.props.media).toBe(key);
  expect(problems).toEqual([]);
});
