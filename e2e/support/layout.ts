// Page-width checks and screenshots at a phone and a desktop width, for any spec to call:
//   await checkLayout(page, "audit", () => page.goto("/audit"));
// Screenshots go to test-results/screenshots/<name>-<width>.png (the first screen) and
// <name>-<width>-full.png (the whole page), not in git.
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export const PHONE = 390;
export const DESKTOP = 1280;
export const WIDTHS = [PHONE, DESKTOP] as const;
export const SCREENSHOT_DIR = path.join("test-results", "screenshots");

/** Fails when the page scrolls sideways, naming the elements that stick out. */
export async function expectFitsViewport(page: Page, label: string): Promise<void> {
  const report = await page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const width = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 3).join(".")}` : "";
      return `${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`;
    };
    // Elements inside a scrolling container (a table's own card) do not widen the page.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if (overflow === "auto" || overflow === "scroll" || overflow === "hidden" || overflow === "clip") return true;
      }
      return false;
    };
    const culprits = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > viewport + 1 && !clipped(el))
      .slice(0, 5)
      .map(describe);
    return { viewport, width, culprits };
  });
  expect(report.width, `${label}: the page is ${report.width}px wide in a ${report.viewport}px viewport; wider: ${report.culprits.join(", ")}`).toBeLessThanOrEqual(report.viewport);
}

/**
 * Opens the page at each width (`open` navigates and waits for what matters), checks that it
 * fits, and saves a full-page screenshot.
 */
export async function checkLayout(page: Page, name: string, open: () => Promise<unknown>, widths: readonly number[] = WIDTHS): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await open();
    await page.waitForLoadState("networkidle");
    await expectFitsViewport(page, `${name} at ${width}px`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`) });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}-full.png`), fullPage: true });
  }
}
