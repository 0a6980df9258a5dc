// The linter holds the walls between the layers (as Bulletproof React's config does):
// shared/ imports nothing of ours; renderer and electron meet only through shared/ipc.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'dist-web', 'release', 'coverage', '.tmp', 'server/data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: { ...globals.node } } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { import: importPlugin, 'react-hooks': reactHooks },
    settings: { 'import/resolver': { typescript: { project: './tsconfig.json' } } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './shared',
              from: ['./electron', './renderer', './server', './test', './scripts'],
              message: 'shared/ is pure domain code: it imports nothing of ours.',
            },
            {
              target: './renderer',
              from: ['./electron', './server'],
              message:
                'The renderer meets main only through shared/ipc (the contract) and its platform bridge.',
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
          ],
        },
      ],
    },
  },
  {
    // shared/ runs everywhere: no Electron, DOM or Node built-ins.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', 'fs', 'path', 'os', 'crypto', 'react', 'react-dom', 'dexie'],
              message: 'shared/ must stay pure.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'process'],
    },
  },
);
