import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openApp } from '../support/browser';

let browser: Browser;
let foreign: http.Server;
let foreignUrl = '';

beforeAll(async () => {
  browser = await launchChromium();
  const appUrl = inject('baseUrl');
  // Another origin on this machine: a page the agent might visit, trying to frame or read the app.
  foreign = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><iframe id="app" src="${appUrl}"></iframe>`);
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => foreign?.close(resolve));
});

describe('web mode response headers', () => {
  it('sends the whole CSP, frame-ancestors included, as a header: no other page can frame the app', async () => {
    const response = await fetch(inject('baseUrl'));
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');

    const context = await browser.newContext();
    const page = await context.newPage();
    const appUrl = inject('baseUrl');
    const framing = page.waitForEvent('requestfailed', (request) => request.url() === appUrl);
    await page.goto(foreignUrl, { waitUntil: 'domcontentloaded' });
    // Chromium refuses to render the app inside the foreign page, because of frame-ancestors.
    expect((await framing).failure()?.errorText).toBe('net::ERR_BLOCKED_BY_RESPONSE');
    await context.close();
  });

  it('serves its run-time defaults (they may hold passwords) to its own pages only', async () => {
    const url = new URL('companion-env.json', inject('baseUrl')).href;
    expect((await fetch(url, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(url, { headers: { origin: 'http://evil.example' } })).status).toBe(403);

    const { context, page } = await openApp(browser);
    expect(await page.evaluate(async () => (await fetch('./companion-env.json')).status)).toBe(200);
    const other = await context.newPage();
    await other.goto(foreignUrl);
    const stolen = await other.evaluate(async (target) => {
      try {
        const response = await fetch(target);
        return `read ${response.status}: ${await response.text()}`;
      } catch {
        return 'blocked';
      }
    }, url);
    expect(stolen).toBe('blocked');
    await context.close();
  });
});
