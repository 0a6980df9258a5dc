/**
 * npm run bench:pop -- [--rows 1000000] [--calls 50]
 *
 * Pop latency with a large directory, against its floor, from the same calls: the web app (agent
 * 1001) imports a generated directory and is reloaded (so the first call is the first after
 * start); a bare sip.js page (scripts/pop-floor: no framework, no look-up) registers on the same
 * extension in the same browser, and Kamailio forks each call to both. sipp places calls from
 * customers with blocks; each page records when the INVITE frame arrived on its WebSocket and
 * when its pop was painted (the animation frame after the dialog entered the DOM). Prints both
 * pages' p50/p95/max, the first call, and the ratios. Not a test: figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

process.env.RIG_SIP_PORT ??= '5460';
process.env.RIG_WS_PORT ??= '8460';
process.env.RIG_NG_PORT ??= '22560';
process.env.RIG_RTP_MIN ??= '34000';
process.env.RIG_RTP_MAX ??= '34199';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, calls: { type: 'string', default: '50' } },
});
const rows = Number(values.rows);
const callCount = Number(values.calls);

const root = resolve(import.meta.dirname, '..');
const { passwordOf, rigWsUrl, sippCall, startRig, stopRig } = await import('../test/e2e/telephony/rig.ts');
const { SAMPLE_CUSTOMERS } = await import('../test/fixtures/sampleCustomers.ts');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = await import('../test/e2e/support/browser.ts');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * Resolves once the page has painted more than `count` pops. Not `waitForFunction`: its default
 * polling runs an animation-frame loop in the page, which keeps frames coming, so a pop waits for
 * the next vsync instead of getting a frame at once (it cost the polled page ~8 ms per call).
 */
async function paintedAfter(
  target: import('playwright-core').Page,
  global: 'popMarks' | 'floorMarks',
  count: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no pop painted within 15 s (${global})`)), 15_000);
  });
  const painted = target.evaluate(
    ([name, n]) =>
      new Promise<void>((resolve) => {
        const marks = (window as unknown as Record<string, { painted: number[]; onPainted?: () => void }>)[
          name
        ]!;
        // No named local function here: tsx would wrap it in a helper the page does not have.
        marks.onPainted = () => {
          if (marks.painted.length > n) resolve();
        };
        marks.onPainted();
      }),
    [global, count] as const,
  );
  try {
    await Promise.race([painted, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const work = mkdtempSync(join(tmpdir(), 'bench-pop-'));
const csv = join(work, 'directory.csv');
console.log(`generating ${rows.toLocaleString('en')} customers (+ fixtures)…`);
execFileSync(
  'npx',
  ['tsx', 'scripts/gen-directory.ts', '--rows', String(rows), '--with-fixtures', '--out', csv],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
console.log(`directory file: ${(statSync(csv).size / 1e6).toFixed(1)} MB`);

console.log(startRig().trim());
process.env.COMPANION_SIP_WS = rigWsUrl;
process.env.COMPANION_SIP_URI = 'sip:1001@companion.test';
process.env.COMPANION_SIP_PASSWORD = passwordOf('1001');
const configFile = resolve(root, 'vite.web.config.ts');
const outDir = join(work, 'web');
await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({
  configFile,
  build: { outDir },
  preview: { port: 0, strictPort: false },
  logLevel: 'warn',
});
// The floor page, built into the app's folder so the same server serves it at /floor/.
await build({
  configFile: false,
  root: resolve(root, 'scripts/pop-floor'),
  base: './',
  logLevel: 'warn',
  build: { outDir: join(outDir, 'floor'), emptyOutDir: true, target: 'es2022' },
});
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [
    ...CHROMIUM_ARGS,
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection',
  ],
});

try {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const marks: { invite: number[]; painted: number[]; deskDrawn?: number; onPainted?: () => void } = {
      invite: [],
      painted: [],
    };
    (window as unknown as { popMarks: typeof marks }).popMarks = marks;
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        // Registered before sip.js's own listener: the frame's arrival time, before any parsing.
        this.addEventListener('message', (event) => {
          if (typeof event.data === 'string' && event.data.startsWith('INVITE '))
            marks.invite.push(performance.now());
        });
      }
    };
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          // Start-up: when the desk the agent works in (its search) was first painted.
          if (
            marks.deskDrawn === undefined &&
            node instanceof HTMLElement &&
            (node.matches('section.search') || node.querySelector('section.search'))
          ) {
            marks.deskDrawn = -1;
            requestAnimationFrame(() => (marks.deskDrawn = performance.now()));
          }
          if (
            node instanceof HTMLElement &&
            (node.matches('dialog, [role="dialog"]') || node.querySelector('dialog, [role="dialog"]'))
          ) {
            requestAnimationFrame(() => {
              marks.painted.push(performance.now());
              marks.onPainted?.();
            });
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const startupStart = Date.now();
  await page.goto(server.resolvedUrls!.local[0]!);
  await page.waitForSelector('html[data-ready="true"]');
  const readyAfter = Date.now() - startupStart;
  await page.getByRole('status').filter({ hasText: 'En línea' }).waitFor({ timeout: 30_000 });
  // Start-up as the agent sees it: the first paint (FCP), the desk with its search drawn, services
  // started, and the line registered.
  const { firstPaint, deskDrawn } = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    deskDrawn: (window as unknown as { popMarks: { deskDrawn?: number } }).popMarks.deskDrawn ?? NaN,
  }));
  console.log(
    `start-up: first contentful paint ${firstPaint.toFixed(0)} ms, desk drawn ${deskDrawn.toFixed(0)} ms, services started ${readyAfter} ms, line "En línea" ${Date.now() - startupStart} ms`,
  );

  const importStart = Date.now();
  await page.getByLabel('Importar directorio').setInputFiles(csv);
  await page.locator('.import__result').waitFor({ timeout: 30 * 60_000 });
  console.log(
    `directory imported in ${((Date.now() - importStart) / 1000).toFixed(1)} s: ${await page.locator('.import__result p').first().textContent()}`,
  );

  // Start afresh with the directory in place: the first call timed is the first after start.
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByRole('status').filter({ hasText: 'En línea' }).waitFor({ timeout: 60_000 });

  const floor = await browser.newPage();
  const appUrl = server.resolvedUrls!.local[0]!;
  await floor.goto(
    `${appUrl}floor/?${new URLSearchParams({ ws: rigWsUrl, uri: 'sip:1001@companion.test', password: passwordOf('1001') })}`,
  );
  await floor.waitForSelector('html[data-registered="true"]', { timeout: 30_000 });
  const floorCount = () =>
    floor.evaluate(
      () => (window as unknown as { floorMarks: { painted: number[] } }).floorMarks.painted.length,
    );

  const callers = Object.values(SAMPLE_CUSTOMERS).filter((c) => c.bloqueos.length > 0 || c.codigoBloqueado);
  const latencies: number[] = [];
  const floorLatencies: number[] = [];
  for (let i = 0; i < callCount; i += 1) {
    const customer = callers[i % callers.length]!;
    const number = customer.telefonos[0]!;
    const before = await page.evaluate(
      () => (window as unknown as { popMarks: { painted: number[] } }).popMarks.painted.length,
    );
    const floorBefore = await floorCount();
    const run = sippCall({
      fromUser: number,
      headers: [`P-Asserted-Identity: <sip:${number}@companion.test;user=phone>`],
    });
    await paintedAfter(page, 'popMarks', before).catch(async (error: unknown) => {
      await page.screenshot({ path: join(tmpdir(), 'bench-pop-failure.png') });
      console.error(
        `no pop for ${customer.codigo} (${number}); sipp said:\n${(await run.done).output.slice(-1500)}`,
      );
      throw error;
    });
    const latency = await page.evaluate(() => {
      const m = (window as unknown as { popMarks: { invite: number[]; painted: number[] } }).popMarks;
      return m.painted.at(-1)! - m.invite.at(-1)!;
    });
    latencies.push(latency);
    await paintedAfter(floor, 'floorMarks', floorBefore);
    floorLatencies.push(
      await floor.evaluate(() => {
        const m = (window as unknown as { floorMarks: { invite: number[]; painted: number[] } }).floorMarks;
        return m.painted.at(-1)! - m.invite.at(-1)!;
      }),
    );
    await page.getByRole('dialog').getByRole('button', { name: 'Rechazar' }).click();
    await run.done;
    // Close the pop-up so the next call's dialog enters the DOM anew (that is what is timed).
    // A common number finds several customers in a big directory: the picker is the pop-up then.
    await page
      .locator('.popup__footer')
      .getByRole('button', { name: /^(Cerrar|Ninguno de estos)/ })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }
  const first = { desk: latencies[0]!, floor: floorLatencies[0]! };
  const desk = [...latencies].sort((a, b) => a - b);
  const bare = [...floorLatencies].sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
  console.log(
    `pop latency over ${desk.length} calls, ${rows.toLocaleString('en')} customers (INVITE frame → pop painted; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}):`,
  );
  console.log('                        p50        p95        max   first call');
  for (const [name, list, firstCall] of [
    ['desk (Companion)', desk, first.desk],
    ['floor (bare sip.js)', bare, first.floor],
  ] as const)
    console.log(
      `  ${name.padEnd(20)}${f(percentile(list, 50))}  ${f(percentile(list, 95))}  ${f(list.at(-1)!)}  ${f(firstCall)}`,
    );
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  const p50Ratio = ratio(percentile(desk, 50), percentile(bare, 50));
  const worstRatio = ratio(desk.at(-1)!, bare.at(-1)!);
  const firstRatio = ratio(first.desk, first.floor);
  console.log(
    `  desk ÷ floor: p50 ${p50Ratio.toFixed(2)}× (goal ≤ 1.5×: ${p50Ratio <= 1.5 ? 'met' : 'NOT met'}), ` +
      `worst ${worstRatio.toFixed(2)}× (goal ≤ 2×: ${worstRatio <= 2 ? 'met' : 'NOT met'}), ` +
      `first call ${firstRatio.toFixed(2)}× (goal ≤ 2×: ${firstRatio <= 2 ? 'met' : 'NOT met'})`,
  );
} finally {
  await browser.close();
  await server.close();
  stopRig();
  rmSync(work, { recursive: true, force: true });
}
