import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness } from './support/harness';
import {
  banner,
  injectForms,
  makeSubmission,
  openPage,
  openWorkstation,
  outbox,
  queueThroughUi,
  reload,
  waitAllSent,
} from './support/workstation';

let harness: Harness;
/** Every form created in any browser of this file: the server must hold exactly these, once each. */
const created = new Set<string>();
const HOUR = 3_600_000;

beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(async () => {
  await harness?.close();
});

async function remember(page: Page): Promise<void> {
  for (const entry of await outbox(page)) created.add(entry.id);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when a batch request is in flight at the proxy (sent by the app, not answered yet). */
async function batchInFlight(timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (harness.proxy.batches.some((b) => b.endedAt === null)) return;
    await sleep(10);
  }
  throw new Error('no batch request in flight');
}

describe('outages', () => {
  it('server killed (SIGKILL) and restarted in the middle of batches', async () => {
    const context = await openWorkstation(harness.browser);
    const page = await openPage(context);
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toContain('Conectado con la central');
    // Answers reach the app 400 ms late, so the previous batch's mails have gone out when the next
    // batch arrives and the kill lands in the forms transaction, not in the mail worker's. (A kill
    // while the server's mail worker is sending re-sends that mail after the restart: the worker
    // is at-least-once across crashes, a server matter this suite does not hide — see the report.)
    harness.proxy.answerDelayMs = 400;
    const kills: Array<Promise<void>> = [];
    let remaining = 3;
    let restarting = false;
    harness.proxy.onBatchForwarded = () => {
      if (remaining <= 0 || restarting) return;
      remaining -= 1;
      restarting = true;
      // Right after the whole batch reached the server: its transaction is running.
      kills.push(
        (async () => {
          await harness.server.kill('SIGKILL');
          await sleep(800);
          await harness.server.start();
          restarting = false;
        })(),
      );
    };
    await injectForms(
      page,
      Array.from({ length: 40 }, (_, i) => makeSubmission(5_000 + i)),
    );
    await queueThroughUi(page);
    await remember(page);
    await expect.poll(() => remaining, { timeout: 60_000 }).toBe(0);
    await Promise.all(kills);
    harness.proxy.onBatchForwarded = null;
    const sends = new Map<string, number>();
    for (const batch of harness.proxy.batches)
      for (const id of batch.ids) sends.set(id, (sends.get(id) ?? 0) + 1);
    expect(
      [...sends.values()].some((n) => n > 1),
      'the batches cut by the kills were sent again',
    ).toBe(true);
    harness.proxy.answerDelayMs = 0;
    await waitAllSent(page, 120_000);
    expect(harness.server.starts).toBe(4);
    await harness.expectExactlyOnce(created);
    await context.close();
  });

  it('page reloaded while a batch is in flight, several times', async () => {
    const context = await openWorkstation(harness.browser);
    const page = await openPage(context);
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toContain('Conectado con la central');
    harness.proxy.answerDelayMs = 600; // the server has committed; the answer is on its way
    const before = harness.proxy.batches.length;
    await injectForms(
      page,
      Array.from({ length: 30 }, (_, i) => makeSubmission(6_000 + i)),
    );
    await remember(page);
    for (let i = 0; i < 4; i += 1) {
      await batchInFlight();
      await reload(page);
    }
    harness.proxy.answerDelayMs = 0;
    await waitAllSent(page, 60_000);
    const batches = harness.proxy.batches.slice(before);
    const sends = new Map<string, number>();
    for (const batch of batches) for (const id of batch.ids) sends.set(id, (sends.get(id) ?? 0) + 1);
    expect(
      [...sends.values()].some((n) => n > 1),
      'forms whose answer was lost in a reload were sent again',
    ).toBe(true);
    await harness.expectExactlyOnce(created);
    await context.close();
  });

  it('two windows of one workstation: one sender at a time, the other takes over when it closes', async () => {
    const context = await openWorkstation(harness.browser);
    const first = await openPage(context);
    const second = await openPage(context);
    await queueThroughUi(first);
    await queueThroughUi(second);
    harness.proxy.answerDelayMs = 150;
    await injectForms(
      first,
      Array.from({ length: 20 }, (_, i) => makeSubmission(7_000 + i)),
    );
    await injectForms(
      second,
      Array.from({ length: 20 }, (_, i) => makeSubmission(7_100 + i)),
    );
    await remember(first);
    const sender = (page: Page) =>
      page.getByRole('region', { name: 'Envío a la central' }).getAttribute('data-sender');
    expect(await sender(first)).toBe('this-window'); // it took the Web Lock first
    expect(await sender(second)).toBe('other-window');
    await batchInFlight();
    await first.close();
    await expect.poll(() => sender(second)).toBe('this-window');
    await injectForms(
      second,
      Array.from({ length: 10 }, (_, i) => makeSubmission(7_200 + i)),
    );
    await remember(second);
    await waitAllSent(second, 60_000);
    harness.proxy.answerDelayMs = 0;
    expect(harness.proxy.overlaps, 'a form in two requests at once: two senders').toEqual([]);
    await harness.expectExactlyOnce(created);
    await context.close();
  });

  it('workstations with clocks hours off (+7 h and −5 h) send everything once; the server orders by its own clock', async () => {
    const ahead = await openWorkstation(harness.browser, { clockOffsetMs: 7 * HOUR });
    const behind = await openWorkstation(harness.browser, { clockOffsetMs: -5 * HOUR });
    const pages = [await openPage(ahead), await openPage(behind)];
    harness.proxy.plan = (request) =>
      request.path === '/forms/batch' && Math.random() < 0.3 ? 'lost-ack' : null;
    for (const [n, page] of pages.entries()) {
      await queueThroughUi(page);
      const skewedNow = await page.evaluate(() => Date.now());
      await injectForms(
        page,
        Array.from({ length: 15 }, (_, i) =>
          makeSubmission(8_000 + n * 100 + i, { createdAt: new Date(skewedNow - i * 60_000).toISOString() }),
        ),
      );
      await remember(page);
    }
    for (const page of pages) await waitAllSent(page, 60_000);
    harness.proxy.plan = () => null;
    const stored = await harness.expectExactlyOnce(created);
    const fromAhead = stored.filter((f) => Date.parse(f.createdAt) > Date.now() + 6 * HOUR);
    const fromBehind = stored.filter((f) => Date.parse(f.createdAt) < Date.now() - 4 * HOUR);
    expect(fromAhead.length).toBe(16);
    expect(fromBehind.length).toBe(16);
    // The back office lists by its own reception time, whatever the workstations' clocks said.
    const received = stored.map((f) => Date.parse(f.receivedAt));
    expect(received).toEqual([...received].sort((a, b) => b - a));
    expect(received.every((t) => Math.abs(t - Date.now()) < 10 * 60_000)).toBe(true);
    await ahead.close();
    await behind.close();
  });
});
