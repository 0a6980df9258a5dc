// Electron entry (built to out/main/main.js): everything is composed in bootstrap.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './bootstrap';

startApp({ mainDir: path.dirname(fileURLToPath(import.meta.url)), env: process.env, argv: process.argv });
