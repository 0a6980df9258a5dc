import { expect, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { DEMO, login, messageIdOf, storedForms, type StoredForm } from './backOffice';
import { FaultProxy } from './faultProxy';
import { ServerProcess } from './serverProcess';
import { SmtpRecorder } from './smtpRecorder';
import { setBackOfficeUrl } from './workstation';

/** One back office (server + SMTP + fault proxy) and one Chromium for a test file. */
export class Harness {
  readonly smtp = new SmtpRecorder();
  server!: ServerProcess;
  proxy!: FaultProxy;
  browser!: Browser;
  adminToken = '';

  static async start(): Promise<Harness> {
    const harness = new Harness();
    await harness.smtp.start();
    harness.server = new ServerProcess({ smtpPort: harness.smtp.port });
    await harness.server.start();
    // The server's port may change when a test restarts it: the proxy asks on every request.
    harness.proxy = new FaultProxy(() => harness.server.port, inject('clientTimeoutMs'));
    await harness.proxy.listen();
    setBackOfficeUrl(harness.proxy.url);
    harness.adminToken = await login(harness.server.url, DEMO.admin.username, DEMO.admin.password);
    harness.browser = await launchChromium();
    return harness;
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.proxy?.close();
    await this.server?.stop();
    await this.smtp.stop();
  }

  async restartServer(): Promise<void> {
    await this.server.kill('SIGKILL');
    await this.server.start();
    // A killed PGlite server keeps its sessions: the admin token still works.
  }

  storedForms(): Promise<StoredForm[]> {
    return storedForms(this.server.url, this.adminToken);
  }

  /**
   * The back office holds exactly the forms created in the browsers — each once — and, once its
   * mail worker has caught up, every routed mail was delivered exactly once.
   */
  async expectExactlyOnce(createdIds: Iterable<string>): Promise<StoredForm[]> {
    const expected = [...new Set(createdIds)].sort();
    const forms = await this.storedForms();
    const stored = forms.map((f) => f.id).sort();
    expect(stored.length, 'no form stored twice under another id').toBe(expected.length);
    expect(stored).toEqual(expected);

    await expect
      .poll(async () => (await this.storedForms()).filter((f) => f.mail && f.mail.status !== 'sent').length, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(0);
    const routed = (await this.storedForms()).filter((f) => f.mail !== null);
    const counts = this.smtp.counts();
    const wrong = routed
      .filter((f) => counts.get(messageIdOf(f)) !== 1)
      .map((f) => `${messageIdOf(f)}×${counts.get(messageIdOf(f)) ?? 0}`);
    expect(wrong, 'each routed mail delivered exactly once').toEqual([]);
    const known = new Set(routed.map(messageIdOf));
    expect(
      [...counts.keys()].filter((id) => !known.has(id)),
      'no mail for a form the server does not hold',
    ).toEqual([]);
    return forms;
  }
}
