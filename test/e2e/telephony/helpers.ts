import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser';
import type { SeenCall } from './page/main';
import type { PartyCall, PartyOptions } from './page/party';
import { passwordOf, rigWsUrl, type SippRun } from './rig';

/** Chromium flags for WebRTC on a loopback-only machine with fake devices. */
export const MEDIA_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchBrowser(): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
  });
  const context = await browser.newContext({ locale: 'es-CL' });
  return { browser, context };
}

/** The agent's line page (SipLine + adapter + components), configured by query string. */
export function lineUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({ ws: rigWsUrl, backoffBaseMs: '500', backoffCapMs: '2000', ...params });
  return `${inject('linePageUrl')}?${query}`;
}

export async function openLine(context: BrowserContext, params: Record<string, string>): Promise<Page> {
  const p = await context.newPage();
  p.on('pageerror', (error) => console.error('page error:', error.message));
  await p.goto(lineUrl(params));
  return p;
}

/** Unregisters the page's line, so no stale binding of the extension outlives the test file. */
export async function stopLine(p: Page): Promise<void> {
  await p.evaluate(() => window.telephonyTest.stop()).catch(() => undefined);
}

/** Ends the calls a failed test left up, so that the next test does not start on call waiting. */
export async function hangupLeftovers(p: Page): Promise<void> {
  await p.evaluate(() => window.telephonyTest.hangupAll()).catch(() => undefined);
}

export async function lineText(p: Page): Promise<string> {
  return (await p.getByRole('status').textContent()) ?? '';
}

export async function waitForLine(p: Page, text: string | RegExp, timeout = 20_000): Promise<void> {
  await p.getByRole('status').filter({ hasText: text }).waitFor({ timeout });
}

export function incomingCount(p: Page): Promise<number> {
  return p.evaluate(() => window.telephonyTest.incoming.length);
}

/** Waits for the next incoming call after the first `already` ones; fails with sipp's story if none comes. */
export async function nextIncoming(
  p: Page,
  already: number,
  customer: SippRun | null = null,
  timeout = 15_000,
): Promise<SeenCall> {
  const seen = p.waitForFunction((n) => window.telephonyTest.incoming.length > n, already, { timeout });
  const races: Array<Promise<unknown>> = [seen];
  if (customer) {
    races.push(
      customer.done.then(({ code, output }) => {
        throw new Error(`sipp ended (code ${code}) before the page saw the call:\n${output.slice(-3000)}`);
      }),
    );
  }
  await Promise.race(races);
  return p.evaluate((n) => window.telephonyTest.incoming[n]!, already);
}

/** The call's card in the page's list of calls. */
export function callItem(p: Page, callId: string) {
  return p.locator(`ul[aria-label="Llamadas"] > li[data-call-id="${callId}"]`);
}

/**
 * Another party (desk, consult target, WebRTC customer, the agent's other device) in its own page,
 * in its own browser context: a second tab of the agent's context would push the agent's page to
 * the background, where Chromium throttles its animation frames (and Playwright's clicks with them).
 */
export async function openParty(
  browser: Browser,
  options: Omit<PartyOptions, 'ws' | 'password'> & { password?: string },
): Promise<Page> {
  const context = await browser.newContext({ locale: 'es-CL' });
  const p = await context.newPage();
  p.on('pageerror', (error) => console.error('party page error:', error.message));
  await p.goto(`${inject('linePageUrl')}party.html`);
  const user = /^sips?:([^@]+)@/.exec(options.uri)?.[1] ?? '';
  const full: PartyOptions = {
    ws: rigWsUrl,
    password: options.password ?? passwordOf(options.authUser ?? user),
    ...options,
  };
  await p.evaluate((o) => window.party.start(o), full);
  return p;
}

/** Waits until the party has a call matching `where` (by index/direction/state), and returns it. */
export async function waitForPartyCall(
  p: Page,
  where: { direction?: PartyCall['direction']; state?: string; index?: number; referred?: boolean },
  timeout = 15_000,
): Promise<PartyCall> {
  const handle = await p.waitForFunction(
    (w) => {
      const matches = window.party.calls.filter(
        (c) =>
          (w.direction === undefined || c.direction === w.direction) &&
          (w.state === undefined || c.state === w.state) &&
          (w.referred === undefined || (c.referredFrom !== null) === w.referred),
      );
      return matches[w.index ?? 0] ?? null;
    },
    where,
    { timeout },
  );
  return (await handle.jsonValue()) as PartyCall;
}

export async function partyCallState(p: Page, id: string): Promise<string | undefined> {
  return p.evaluate((callId) => window.party.calls.find((c) => c.id === callId)?.state, id);
}

export async function stopParty(p: Page): Promise<void> {
  await p.evaluate(() => window.party.stop()).catch(() => undefined);
  await p
    .context()
    .close()
    .catch(() => undefined);
}

/** Runs `steps`; if they fail, ends the sipp customer and adds what sipp saw to the error. */
export async function withSippStory(customer: SippRun, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    customer.kill();
    const { output } = await customer.done;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- sipp (the customer) saw:\n${output.slice(-4000)}`, { cause: error });
  }
}
