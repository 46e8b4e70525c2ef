import path from 'node:path';
import type { Page } from '@playwright/test';

/** Playwright empties test-results/ on every run, so screenshots worth keeping go here. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(import.meta.dirname, '..', '.screenshots', `${name}.png`), fullPage: true });
}
