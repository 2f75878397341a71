// Layout checks for the duty-room screens: a text shown whole (not ellipsised or
// clipped), on one line, and controls that do not cover one another.
import { expect, type Locator } from '@playwright/test';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`not rendered: ${locator.toString()}`);
  return box;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** No two of the visible boxes overlap. */
export async function expectNoOverlap(locators: Record<string, Locator>): Promise<void> {
  const boxes = await Promise.all(
    Object.entries(locators).map(async ([name, l]) => [name, await boxOf(l)] as const),
  );
  const hits: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlap(boxes[i]![1], boxes[j]![1])) hits.push(`${boxes[i]![0]} × ${boxes[j]![0]}`);
  expect(hits, 'controls drawn over each other').toEqual([]);
}

/** Every box lies inside the container's (nothing pushed past the screen's edge). */
export async function expectInside(
  locators: Record<string, Locator>,
  within: Locator,
): Promise<void> {
  const outer = await boxOf(within);
  const out: string[] = [];
  for (const [name, l] of Object.entries(locators)) {
    const b = await boxOf(l);
    const past = Math.max(outer.x - b.x, b.x + b.width - (outer.x + outer.width));
    if (past > 0.5) out.push(`${name}: ${Math.round(past)} px out`);
  }
  expect(out, 'controls pushed out of their bar').toEqual([]);
}

/**
 * The element shows its whole text: it is visible, its content fits its box (no
 * ellipsis, nothing scrolled away) and every ancestor up to `within` shows it whole.
 */
export async function expectTextWhole(locator: Locator, within: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const inner = await boxOf(locator);
  const outer = await boxOf(within);
  const fit = await locator.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
    text: el.textContent ?? '',
  }));
  expect(fit.scrollWidth, `"${fit.text}" is cut`).toBeLessThanOrEqual(fit.clientWidth);
  expect(inner.x, `"${fit.text}" starts outside its pane`).toBeGreaterThanOrEqual(outer.x - 0.5);
  expect(inner.x + inner.width, `"${fit.text}" ends outside its pane`).toBeLessThanOrEqual(
    outer.x + outer.width + 0.5,
  );
}

/** How many lines the element's text takes. */
export function lineCount(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    return tops.size;
  });
}
