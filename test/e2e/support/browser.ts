import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** A fresh workstation: new profile (empty IndexedDB), app loaded and the sample directory seeded. */
export async function openApp(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'es-CL', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  uncaughtErrors.set(page, errors);
  await page.goto(inject('baseUrl'));
  await page.waitForSelector('html[data-ready="true"]');
  return { context, page };
}

const uncaughtErrors = new WeakMap<Page, string[]>();

/** Uncaught exceptions the page threw since it was opened. */
export function pageErrors(page: Page): string[] {
  return uncaughtErrors.get(page) ?? [];
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: false });
}

/**
 * One fresh workstation for a whole test file: Chromium launched before, closed after.
 * Returns a getter, since the page exists only once `beforeAll` has run.
 */
export function freshAppPerFile(): () => Page {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    ({ context, page } = await openApp(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  return () => {
    if (!page) throw new Error('the app page is not open yet');
    return page;
  };
}
