import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './support/harness';
import { banner, openPage, openWorkstation } from './support/workstation';

let harness: Harness;
beforeAll(async () => {
  harness = await Harness.start();
});
afterAll(async () => {
  await harness?.close();
});

describe('the central banner', () => {
  it('stops saying «Conectado» once the central stops answering, with nothing to send', async () => {
    const page = await openPage(await openWorkstation(harness.browser));
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect
      .poll(() => banner(page).textContent(), { timeout: 15_000 })
      .toContain('Conectado con la central');
    // The queue is empty: no send can fail; only the probe and other requests can notice.
    await harness.server.kill('SIGKILL');
    await expect.poll(() => banner(page).textContent(), { timeout: 15_000 }).not.toContain('Conectado');
    expect(await banner(page).getAttribute('data-tone')).toBe('error');
    await page.screenshot({ path: '/tmp/sync-banner-server-down.png' });
  });
});
