/**
 * npx tsx scripts/first-paint-budget.ts [--max BYTES]
 *
 * The agent desk's first-paint JavaScript: builds web mode (the renderer the Electron window also
 * loads) into a private folder and adds up every JS file the browser must fetch and run before the
 * desk can paint — the entry chunk of index.html and everything it imports statically, transitively
 * (the same set index.html lists as <script>/<link rel="modulepreload">; both are read and must
 * agree): React and the desk's frame (renderer/main.tsx, app/DeskFrame.tsx). Chunks loaded later
 * (import(): the desk itself right after the frame, the board, sip.js when the line starts, the
 * directory engine's fallback) and the directory worker (its own thread) are listed apart. Bytes are the files as served (minified, not compressed).
 *
 * Fails (exit 1) above --max (default: the goal, 500 kB). `npm test` runs it with the
 * ceiling the desk has reached so far (test/run-all.sh), so it can only go down; lower it with
 * every cut until it is the goal.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';

const GOAL_BYTES = 500_000;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  assets?: string[];
}

const { values } = parseArgs({ options: { max: { type: 'string' } } });
const max = values.max ? Number(values.max) : GOAL_BYTES;
if (!Number.isFinite(max) || max <= 0) throw new Error(`--max must be a number of bytes, not ${values.max}`);

const root = resolve(import.meta.dirname, '..');
const outDir = mkdtempSync(join(tmpdir(), 'companion-first-paint-'));
try {
  await build({
    configFile: resolve(root, 'vite.web.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 10_000 },
  });
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const size = (file: string) => statSync(join(outDir, file)).size;

  // The entry and its static imports, transitively: all of it runs before main.tsx does.
  const firstPaint = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || firstPaint.has(chunk.file)) return;
    firstPaint.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  if (firstPaint.size === 0) throw new Error('index.html is not an entry of the build manifest');

  // What the page itself asks for before anything runs must be the same set.
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const requested = new Set(
    [
      ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?([^"]+\.js)"/g),
    ].map((m) => m[1]!),
  );
  if (!requested.has(manifest['index.html']!.file))
    throw new Error('index.html does not load its entry chunk?');
  const missing = [...requested].filter((file) => !firstPaint.has(file));
  if (missing.length > 0)
    throw new Error(`index.html loads JS outside the manifest walk: ${missing.join(', ')}`);

  const later = new Set<string>();
  for (const chunk of Object.values(manifest))
    if (chunk.file.endsWith('.js') && !firstPaint.has(chunk.file) && !chunk.isEntry) later.add(chunk.file);
  const workers = (manifest['index.html']?.assets ?? []).filter((file) => file.endsWith('.js'));

  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const total = [...firstPaint].reduce((sum, file) => sum + size(file), 0);
  console.log("agent desk's first-paint JavaScript (entry + static imports, minified, uncompressed):");
  for (const file of firstPaint)
    console.log(`  ${file.padEnd(44)} ${size(file).toLocaleString('en').padStart(9)} B`);
  console.log(`  ${'total'.padEnd(44)} ${total.toLocaleString('en').padStart(9)} B (${kB(total)})`);
  console.log('loaded after the first paint (import()):');
  for (const file of later)
    console.log(`  ${file.padEnd(44)} ${size(file).toLocaleString('en').padStart(9)} B`);
  for (const file of workers)
    console.log(`  ${file.padEnd(44)} ${size(file).toLocaleString('en').padStart(9)} B (worker, own thread)`);
  console.log(`goal ≤ ${kB(GOAL_BYTES)}: ${total <= GOAL_BYTES ? 'met' : 'NOT met'}`);
  if (total > max) {
    console.error(`first-paint JavaScript ${kB(total)} is over the budget of ${kB(max)}`);
    process.exitCode = 1;
  } else if (max !== GOAL_BYTES) {
    console.log(`within this check's ceiling of ${kB(max)}`);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
