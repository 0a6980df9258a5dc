/**
 * Search benchmark (issue 14, item 11): name and street look-ups on a large local copy.
 *
 *   npm run bench:search -- [--rows 1000000] [--lookups 1000] [--skip-build]
 *
 * 1. A generated directory of --rows customers (cached in .tmp/bench-search) is imported into the
 *    web app's IndexedDB copy by the app's own worker, in Chromium (as "Importar directorio").
 * 2. A page of the same origin times the app's search API (searchByKeys: index + record pages
 *    read + decoded) for queries typed as an agent would, from real rows, each run with every
 *    reading the search box's own parser finds in it: full names, name prefixes in another
 *    order, one surname alone, "calle número", "comuna calle número", and for reference a phone
 *    and "comuna número".
 * Printed: p50 / p99 / max per kind (median of 3 rounds), against the look-up budget p99 ≤ 10 ms.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import type { Customer } from '../shared/directory/customer';
import { DirectoryRecordReader } from '../shared/directory/importer';
import { interpretQuery, type SearchKey } from '../shared/search/query';
import { startAppServer } from '../test/e2e/directory-sync/support/appServer';
import { buildWeb } from '../test/e2e/directory-sync/support/build';
import { launchChromium } from '../test/e2e/support/browser';
import { writeDirectory } from './gen-directory';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = resolve(ROOT, '.tmp/bench-search');

interface LookupTimings {
  count: number;
  found: number;
  p50: number;
  p99: number;
  max: number;
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    lookups: { type: 'string', default: '1000' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const lookups = Number(values.lookups);

/** Every k-th customer of the file (a spread sample), parsed with the app's own rules. */
async function sampleCustomers(csv: string, count: number): Promise<Customer[]> {
  const reader = new DirectoryRecordReader();
  const every = Math.max(1, Math.floor(rows / count));
  const picked: Customer[] = [];
  let n = 0;
  await new Promise<void>((done, fail) => {
    Papa.parse<string[]>(createReadStream(csv), {
      step: (result) => {
        const customer = reader.accept(result.data);
        if (customer && n++ % every === 0 && picked.length < count) picked.push(customer);
      },
      complete: () => done(),
      error: fail,
    });
  });
  return picked;
}

mkdirSync(WORK, { recursive: true });
const csv = resolve(WORK, `directory-${rows}.csv`);
if (!existsSync(csv)) {
  console.log(`generating ${rows.toLocaleString('en')} customers…`);
  const out = createWriteStream(csv);
  await writeDirectory({ rows, seed: 'bench-search', withFixtures: true }, out);
  out.end();
  await once(out, 'finish');
}
const web = values['skip-build']
  ? { app: resolve(WORK, 'web/app'), harness: resolve(WORK, 'web/harness') }
  : await buildWeb(resolve(WORK, 'web'), {});
const app = await startAppServer({
  roots: { '/': web.app, '/harness/': web.harness, '/data/': WORK },
  backOffice: () => null,
  env: {},
});
const browser = await launchChromium();
try {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(60 * 60_000);
  await page.goto(`${app.url}harness/`);
  await page.waitForSelector('html[data-ready="true"]');
  console.log('importing into the app’s local copy (worker)…');
  const imported = await page.evaluate(
    (url) =>
      (
        window as unknown as {
          harness: { importUrl(u: string): Promise<{ ms: number; added: number; lines: number }> };
        }
      ).harness.importUrl(url),
    `${app.url}data/directory-${rows}.csv`,
  );
  console.log(`  ${imported.added.toLocaleString('en')} customers in ${(imported.ms / 1000).toFixed(1)} s`);
  await page.evaluate(() =>
    (window as unknown as { harness: { whenIndexed(): Promise<void> } }).harness.whenIndexed(),
  );

  const sample = await sampleCustomers(csv, lookups);
  const words = (c: Customer) => c.nombre.split(/\s+/).filter((w) => /\p{Letter}{3,}/u.test(w));
  /** One query as the search box runs it: every reading of the text. */
  const query = (text: string): SearchKey[] => interpretQuery(text);
  const queries = (texts: string[]): SearchKey[][] => texts.map(query).filter((keys) => keys.length > 0);
  const keys: Record<string, SearchKey[][]> = {
    'name (2 words)': queries(sample.map((c) => words(c).slice(0, 2).join(' '))),
    'name prefixes': queries(
      sample.map((c) =>
        words(c)
          .slice(0, 2)
          .reverse()
          .map((x) => x.slice(0, 3))
          .join(' '),
      ),
    ),
    'name (1 word)': queries(sample.map((c) => words(c).at(-1) ?? '')),
    'calle número': queries(sample.map((c) => `${c.calle} ${c.numero}`)),
    'comuna calle número': queries(sample.map((c) => `${c.comuna} ${c.calle} ${c.numero}`)),
    phone: queries(sample.flatMap((c) => c.telefonos.slice(0, 1))),
    'comuna número': queries(sample.map((c) => `${c.comuna} ${c.numero}`)),
  };
  // The name index is loaded into memory after start (once per generation): wait for it, as an
  // agent's first search a few seconds after start does.
  await page.evaluate(
    (k) =>
      (
        window as unknown as { harness: { timeQueries(k: SearchKey[][]): Promise<unknown> } }
      ).harness.timeQueries(k),
    keys['name (2 words)']!.slice(0, 1),
  );

  const rounds: Record<string, LookupTimings[]> = {};
  for (let round = 0; round < 3; round++) {
    for (const [kind, list] of Object.entries(keys)) {
      const t = await page.evaluate(
        (k) =>
          (
            window as unknown as { harness: { timeQueries(k: SearchKey[][]): Promise<LookupTimings> } }
          ).harness.timeQueries(k),
        list,
      );
      (rounds[kind] ??= []).push(t);
    }
  }
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  console.log(
    `\nsearch at ${rows.toLocaleString('en')} customers (searchByKeys with every reading of the query; median of 3 rounds; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  console.log('  kind                    found          p50        p99        max   budget p99 ≤ 10 ms');
  for (const [kind, list] of Object.entries(rounds)) {
    const t = [...list].sort((a, b) => a.p99 - b.p99)[1]!;
    console.log(
      `  ${kind.padEnd(22)} ${`${t.found}/${t.count}`.padStart(9)}  ${ms(t.p50).padStart(9)}  ${ms(t.p99).padStart(9)}  ${ms(t.max).padStart(9)}   ${t.p99 <= 10 ? 'met' : 'NOT met'}  (p99 per round ${list.map((x) => x.p99.toFixed(1)).join(' / ')})`,
    );
  }
} finally {
  await browser.close();
  await app.close();
}
