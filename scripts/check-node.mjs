#!/usr/bin/env node
// Stops a task early, with the reason, when this Node is older than the task needs.
//   node scripts/check-node.mjs            → package.json engines.node (web, server, tests)
//   node scripts/check-node.mjs --desktop  → what the Electron tooling declares (start, dev, dist:win)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const semver = require('semver');
const root = join(import.meta.dirname, '..');
const read = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));

const desktop = process.argv.includes('--desktop');
const range = desktop
  ? read('node_modules/electron/package.json').engines.node
  : read('package.json').engines.node;
if (!semver.satisfies(process.versions.node, range)) {
  const what = desktop
    ? 'The Electron desktop tasks (npm start, npm run dev, npm run dist:win) need'
    : 'Companion (npm ci, npm run web, npm run server, npm test) needs';
  console.error(
    `${what} Node ${range.replace(/\s+/g, '')}; this is Node ${process.versions.node}.` +
      (desktop
        ? ' Web mode, the server and the tests run on Node 20.19+ (see README, "Node versions").'
        : ''),
  );
  process.exit(1);
}
