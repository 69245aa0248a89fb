// Debian's Chromium driven by playwright-core for the web pages' tests: headless, with the flags a
// machine without outside network needs, every request a page makes recorded so that a test can
// check no page reaches another host, and a screenshot of each page kept under test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env['ZPROV_CHROMIUM'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/**
 * Whether the browser tests can run here. Without Chromium they are skipped, like the tests of the
 * other Debian tools; CI sets ZPROV_REQUIRE_BROWSER, and there a missing Chromium fails loudly.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env['ZPROV_REQUIRE_BROWSER'] !== undefined)
    throw new Error(
      `the web pages' tests need Chromium at ${CHROMIUM}: apt-get install chromium (or set ZPROV_CHROMIUM)`,
    );
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile whose pages' requests are all recorded. */
export async function recordingContext(
  browser: Browser,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; requested: string[] }> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-GB' });
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  return { context, requested };
}

/** Keeps a full-page screenshot as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
