// The linter holds the walls (as Bulletproof React's, VS Code's and Signal Desktop's configs do), each
// one proven by test/lint/walls.test.ts:
// - layers: shared/ imports nothing of ours; renderer and electron meet only through shared/ipc;
// - features: a renderer feature reaches another one only through its public index.ts;
// - no import cycles;
// - environments: browser globals only in renderer/, Node's only in server/, electron/, scripts/,
//   test/, neither in shared/;
// - shipped code never imports test/ or a testing/ folder (fakes).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const FEATURES_DIR = './renderer/features';
const features = readdirSync(new URL(FEATURES_DIR, import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

// Globals by environment: what both Node and browsers have (timers, URL, fetch, crypto…) is fine
// everywhere; the rest belongs to one side.
const everywhere = new Set([...Object.keys(globals['shared-node-browser']), ...Object.keys(globals.es2021)]);
const browserOnly = Object.keys(globals.browser).filter((name) => !everywhere.has(name));
const nodeOnly = Object.keys(globals.node).filter((name) => !everywhere.has(name));
// Node has these now, but shared/ code must not lean on storage or a host either way.
const hostOnly = ['localStorage', 'sessionStorage', 'navigator'];

const restrictGlobals = (names, where) => [
  'error',
  ...names.map((name) => ({ name, message: `${name} is not available ${where}.` })),
];

const NODE_BUILTINS = {
  regex: '^(node:|(fs|path|os|crypto|child_process|net|http|https|url|util|stream|worker_threads)(/|$))',
  message: 'Node built-ins belong to server/, electron/, scripts/ and test/.',
};
const PURE = { group: ['electron', 'react', 'react-dom', 'dexie'], message: 'shared/ must stay pure.' };
const TEST_FAKES = {
  regex: '(^|/)(test|testing)/',
  message: 'Shipped code never imports test/ or a testing/ folder (fakes are for tests).',
};

const restrictImports = (...patterns) => ['error', { patterns }];

const LAYER_ZONES = [
  {
    target: './shared',
    from: ['./electron', './renderer', './server', './test', './scripts'],
    message: 'shared/ is pure domain code: it imports nothing of ours.',
  },
  {
    target: './renderer',
    from: ['./electron', './server'],
    message: 'The renderer meets main only through shared/ipc (the contract) and its platform bridge.',
  },
  {
    target: './electron',
    from: ['./renderer', './server'],
    message: 'Main meets the renderer only through shared/ipc (the contract).',
  },
  {
    target: './server',
    from: ['./electron', './renderer'],
    message: 'The server shares only shared/ with the app.',
  },
];

// A feature's folder is private: others (features and the app alike) use its public index.ts.
const FEATURE_ZONES = [
  ...features.map((feature) => ({
    target: `${FEATURES_DIR}/${feature}`,
    from: features.filter((other) => other !== feature).map((other) => `${FEATURES_DIR}/${other}`),
    except: ['./index.ts'],
    message: "Import another feature through its public index.ts ('../<feature>').",
  })),
  {
    target: ['./renderer/app', './renderer/main.tsx', './renderer/components'],
    from: features.map((feature) => `${FEATURES_DIR}/${feature}`),
    except: ['./index.ts'],
    message: "Use a feature through its public index.ts (e.g. '../features/call').",
  },
];

const BROWSER_DRIVERS = ['scripts/bench-*.ts', '**/*.electron.test.ts'];
/** A benchmark's own browser page (bench:pop's floor: bare sip.js), built and served by the bench. */
const SCRIPT_PAGES = ['scripts/pop-floor/**'];
const SHIPPED = ['renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'server/src/**/*.ts', 'shared/**/*.ts'];
const TESTS = ['**/*.test.{ts,tsx}', '**/testing/**'];

export default tseslint.config(
  {
    ignores: ['node_modules', 'out', 'dist', 'dist-web', 'release', 'coverage', '.tmp', 'server/data'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: { ...globals.node } } },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { import: importPlugin, 'react-hooks': reactHooks },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      // eslint-plugin-import parses the imported files too (no-cycle follows them): with this parser.
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // disableScc: the component graph is built from the files on disk, so a cycle planted in the text
      // being linted (an editor's unsaved buffer, test/lint/walls.test.ts) would go unseen.
      'import/no-cycle': ['error', { ignoreExternal: true, disableScc: true }],
      'import/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
    },
  },
  // Environments. TypeScript sees one set of globals for the whole program, so the walls are here.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': restrictGlobals(nodeOnly, 'in the renderer (a browser page)'),
      'no-restricted-imports': restrictImports(NODE_BUILTINS),
    },
  },
  {
    files: ['server/**/*.ts', 'electron/**/*.ts', 'scripts/**/*.ts'],
    // Node scripts that drive a browser (Playwright): their page.evaluate() callbacks run in it.
    ignores: [...BROWSER_DRIVERS, ...SCRIPT_PAGES],
    rules: { 'no-restricted-globals': restrictGlobals(browserOnly, 'outside a browser page') },
  },
  {
    // shared/ runs everywhere (browser, worker, Node): no Electron, DOM, storage or Node built-ins.
    // Its tests run in Node (vitest) and may read what the code produced with Node's help.
    files: ['shared/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': restrictImports(NODE_BUILTINS, PURE),
      'no-restricted-globals': restrictGlobals(
        [...browserOnly, ...nodeOnly, ...hostOnly],
        'in shared/ (it runs in the browser, in Node and in the worker)',
      ),
    },
  },
  // Shipped code (tests and their fakes aside): the features' walls, and no test fakes. These
  // repeat the rules above with more in them, as a later flat-config block replaces a rule's options.
  {
    files: SHIPPED,
    ignores: TESTS,
    rules: {
      'import/no-restricted-paths': ['error', { zones: [...LAYER_ZONES, ...FEATURE_ZONES] }],
      'no-restricted-imports': restrictImports(TEST_FAKES),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrictImports(NODE_BUILTINS, TEST_FAKES) },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrictImports(NODE_BUILTINS, PURE, TEST_FAKES) },
  },
);
