/**
 * npm run bench:pop:background -- [--calls 20]
 *
 * Web mode with the app's tab behind another tab of the same window, as when an agent works in
 * the order-taking system in the next tab. Chromium then throttles the hidden page's timers (a
 * delayed timer waits for a once-a-second wake-up) and paints nothing, so what counts is when the
 * pop-up reaches the DOM and when the desktop notification and the tab-title flash start.
 *
 * Calls alternate between the tab in front and behind, in one run, so both see the same load.
 * For each call the page records when the INVITE frame arrived on its WebSocket, when the pop-up
 * dialog entered the DOM, when a Notification was raised and when document.title first changed.
 *
 * Drives Chromium through its DevTools protocol directly (a pipe, no Playwright): Playwright emulates
 * focus on the pages it controls, which keeps a background tab "visible" and unthrottled. Playwright's
 * default switches that disable background throttling are not passed either. Not a test: figures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { build, preview } from 'vite';

process.env.RIG_SIP_PORT ??= '5460';
process.env.RIG_WS_PORT ??= '8460';
process.env.RIG_NG_PORT ??= '22560';
process.env.RIG_RTP_MIN ??= '34000';
process.env.RIG_RTP_MAX ??= '34199';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20' } } });
const callCount = Number(values.calls);

const root = resolve(import.meta.dirname, '..');
const { passwordOf, rigWsUrl, sippCall, startRig, stopRig } = await import('../test/e2e/telephony/rig.ts');
const { SAMPLE_CUSTOMERS } = await import('../test/fixtures/sampleCustomers.ts');
const { CHROMIUM_PATH } = await import('../test/e2e/support/browser.ts');

/** A minimal DevTools-protocol client over --remote-debugging-pipe (NUL-separated JSON). */
class Cdp {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private buffer = '';
  onEvent: ((method: string, params: unknown) => void) | null = null;
  constructor(
    private readonly out: Writable,
    input: Readable,
  ) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end)) as {
          id?: number;
          method?: string;
          params?: unknown;
          result?: unknown;
          error?: { message: string };
        };
        this.buffer = this.buffer.slice(end + 1);
        if (message.method) this.onEvent?.(message.method, message.params);
        const waiter = message.id ? this.pending.get(message.id) : undefined;
        if (!waiter) continue;
        this.pending.delete(message.id!);
        if (message.error) waiter.reject(new Error(message.error.message));
        else waiter.resolve(message.result);
      }
    });
  }
  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    this.out.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    return new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const MARKS_SCRIPT = `(() => {
  const marks = { invite: [], inDom: [], notified: [], titled: [] };
  window.popMarks = marks;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && event.data.startsWith('INVITE ')) marks.invite.push(performance.now());
      });
    }
  };
  const NativeNotification = window.Notification;
  if (NativeNotification) {
    window.Notification = class extends NativeNotification {
      constructor(title, options) { super(title, options); marks.notified.push(performance.now()); }
    };
    Object.defineProperty(window.Notification, 'permission', { get: () => NativeNotification.permission });
    window.Notification.requestPermission = (...a) => NativeNotification.requestPermission(...a);
  }
  let title = null;
  new MutationObserver(() => {
    if (title !== null && document.title !== title) marks.titled.push(performance.now());
    title = document.title;
  }).observe(document, { childList: true, subtree: true, characterData: true });
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node instanceof HTMLElement && (node.matches('dialog.popup, [role="dialog"]') || node.querySelector('dialog.popup, [role="dialog"]')))
          marks.inDom.push(performance.now());
  }).observe(document, { childList: true, subtree: true });
})();`;

console.log(startRig().trim());
process.env.COMPANION_SIP_WS = rigWsUrl;
process.env.COMPANION_SIP_URI = 'sip:1001@companion.test';
process.env.COMPANION_SIP_PASSWORD = passwordOf('1001');
const work = mkdtempSync(join(tmpdir(), 'bench-pop-bg-'));
const configFile = resolve(root, 'vite.web.config.ts');
const outDir = join(work, 'web');
await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({
  configFile,
  build: { outDir },
  preview: { port: 0, strictPort: false },
  logLevel: 'warn',
});
const appUrl = server.resolvedUrls!.local[0]!;

const chromium = spawn(
  CHROMIUM_PATH,
  [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--remote-debugging-pipe',
    `--user-data-dir=${join(work, 'profile')}`,
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection',
    'about:blank',
  ],
  { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
);
const cdp = new Cdp(chromium.stdio[3] as Writable, chromium.stdio[4] as Readable);

try {
  const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; type: string }[] }>(
    'Target.getTargets',
  );
  const appTarget = targetInfos.find((t) => t.type === 'page')!.targetId;
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId: appTarget,
    flatten: true,
  });
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await cdp.send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    );
    if (r.exceptionDetails) throw new Error(`page: ${r.exceptionDetails.text}`);
    return r.result.value;
  };
  const until = async (expression: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    // A navigation in progress makes an evaluation fail: that is "not yet".
    while (!(await evaluate<boolean>(expression).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await cdp.send('Browser.grantPermissions', {
    origin: new URL(appUrl).origin,
    permissions: ['notifications'],
  });
  // The page's own errors and warnings, for a run that goes wrong.
  const pageLog: string[] = [];
  cdp.onEvent = (method, params) => {
    if (method === 'Runtime.exceptionThrown')
      pageLog.push(JSON.stringify((params as { exceptionDetails: unknown }).exceptionDetails).slice(0, 500));
    if (method === 'Runtime.consoleAPICalled') {
      const p = params as { type: string; args: { value?: unknown; description?: string }[] };
      if (p.type === 'error' || p.type === 'warning')
        pageLog.push(
          `${p.type}: ${p.args
            .map((a) => String(a.value ?? a.description))
            .join(' ')
            .slice(0, 500)}`,
        );
    }
  };
  await cdp.send('Runtime.enable', {}, sessionId);
  await cdp.send('Page.enable', {}, sessionId);
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: MARKS_SCRIPT }, sessionId);
  await cdp.send('Page.navigate', { url: appUrl }, sessionId);
  await until(`document.documentElement.dataset.ready === 'true'`);
  await until(`!!document.querySelector('[data-line-status="online"]')`);
  const { targetId: otherTab } = await cdp.send<{ targetId: string }>('Target.createTarget', {
    url: 'data:text/html,<title>Sistema de pedidos</title><h1>Otro trabajo</h1>',
    newWindow: false,
  });

  const callers = Object.values(SAMPLE_CUSTOMERS).filter(
    (c) => c.bloqueos.length > 0 && c.telefonos.length > 0,
  );
  const results = {
    front: {
      inDom: [] as number[],
      notified: [] as number[],
      titled: [] as number[],
      visibility: new Set<string>(),
    },
    background: {
      inDom: [] as number[],
      notified: [] as number[],
      titled: [] as number[],
      visibility: new Set<string>(),
    },
  };
  type Marks = { invite: number[]; inDom: number[]; notified: number[]; titled: number[] };
  for (let i = 0; i < callCount; i += 1) {
    const tab = i % 2 === 0 ? 'front' : 'background';
    await cdp.send('Target.activateTarget', { targetId: tab === 'front' ? appTarget : otherTab });
    await until(`document.visibilityState === '${tab === 'front' ? 'visible' : 'hidden'}'`, 5_000);
    // Hidden for a while, as in real work (Chromium tightens throttling the longer a page is hidden).
    if (tab === 'background') await new Promise((r) => setTimeout(r, 1_500));
    results[tab].visibility.add(await evaluate<string>('document.visibilityState'));
    const before = await evaluate<Marks>('window.popMarks');
    const customer = callers[i % callers.length]!;
    const number = customer.telefonos[0]!;
    const run = sippCall({
      fromUser: number,
      headers: [`P-Asserted-Identity: <sip:${number}@companion.test;user=phone>`],
    });
    await until(`window.popMarks.inDom.length > ${before.inDom.length}`, 15_000).catch(
      async (error: unknown) => {
        console.error(
          `no pop for ${customer.codigo} (${number}): marks ${JSON.stringify(await evaluate('window.popMarks'))}`,
        );
        console.error(`page log:\n${pageLog.slice(-15).join('\n')}`);
        throw error;
      },
    );
    // Give a notification or title change that is on its way the chance to land.
    await new Promise((r) => setTimeout(r, 1_500));
    const m = await evaluate<Marks>('window.popMarks');
    const invite = m.invite.at(-1)!;
    results[tab].inDom.push(m.inDom.at(-1)! - invite);
    if (m.notified.length > before.notified.length) results[tab].notified.push(m.notified.at(-1)! - invite);
    if (m.titled.length > before.titled.length)
      results[tab].titled.push(m.titled[before.titled.length]! - invite);
    // The agent comes back and rejects, then closes the pop-up.
    await cdp.send('Target.activateTarget', { targetId: appTarget });
    await until(`document.visibilityState === 'visible'`, 5_000);
    await evaluate(
      `[...document.querySelectorAll('dialog[open] button, [role="dialog"] button')].find((b) => b.textContent.trim() === 'Rechazar')?.click()`,
    );
    await run.done;
    await evaluate(
      `[...document.querySelectorAll('.popup__footer button')].find((b) => /^(Cerrar|Ninguno de estos)/.test(b.textContent.trim()))?.click()`,
    );
    await until(`!document.querySelector('dialog[open], [role="dialog"]')`, 10_000);
  }

  const line = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `  ${label}: n=${sorted.length}  p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms  over 500 ms: ${sorted.filter((v) => v > 500).length}`,
    );
  };
  for (const tab of ['front', 'background'] as const) {
    const r = results[tab];
    console.log(`app tab in the ${tab} (document.visibilityState: ${[...r.visibility].join(', ')}):`);
    line('INVITE frame → pop-up in the DOM', r.inDom);
    if (r.notified.length) line('INVITE frame → desktop notification', r.notified);
    if (r.titled.length) line('INVITE frame → tab title changes', r.titled);
  }
} finally {
  chromium.kill();
  await server.close();
  stopRig();
  rmSync(work, { recursive: true, force: true });
}
