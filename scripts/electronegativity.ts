// Electron security audit in `npm test`: runs Electronegativity (Doyensec) over electron/, renderer/
// and shared/ together (its global checks, e.g. "is there a navigation guard?", need the whole
// app), prints every finding, and fails on any HIGH or MEDIUM one or on a file it could not parse.
// Electronegativity itself exits 0 whatever it finds, which is why this script reads its report.
//
// Offline by construction: the tool fetches translations and Electron's release list from the
// internet; those requests are refused here before they leave the machine, and the release check
// (AvailableSecurityFixesGlobalCheck, which needs that list) is left out. The Electron version
// is the one package.json pins.
//
//   npx tsx scripts/electronegativity.ts [--root DIR] [dirs…]
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const AUDITED_DIRS = ['electron', 'renderer', 'shared'] as const;
/** Needs the network (the list of Electron releases); our version is pinned in package.json. */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'] as const;

export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  description: string;
  manualReview: boolean;
}

export interface ParseError {
  file: string;
  message: string;
  tolerable: boolean;
}

export interface AuditReport {
  /** Hosts the tool tried to reach and was refused. */
  refused: string[];
  files: number;
  findings: Finding[];
  errors: ParseError[];
}

const BLOCKING = new Set(['HIGH', 'MEDIUM']);

/** What fails the build: a HIGH or MEDIUM finding, a file not parsed, or nothing scanned at all. */
export function auditProblems(report: AuditReport): string[] {
  const problems = report.findings
    .filter((f) => BLOCKING.has(f.severity))
    .map((f) => `${f.severity} ${f.id} at ${f.file}:${f.line}:${f.column} — ${f.description}`);
  for (const error of report.errors.filter((e) => !e.tolerable)) {
    problems.push(`could not parse ${error.file}: ${error.message}`);
  }
  if (report.files === 0) problems.push('no file was audited');
  return problems;
}

/** The auditor's own calls home are refused at once (tests talk only to 127.0.0.1). */
function refuseOutboundRequests(): { refused: string[]; restore: () => void } {
  const refused: string[] = [];
  const originals = [http, https].map((mod) => ({ mod, request: mod.request, get: mod.get }));
  for (const mod of [http, https] as const) {
    const refuse = ((...args: unknown[]) => {
      const target = args.find((a) => typeof a === 'string' || a instanceof URL);
      const options = args.find((a) => a && typeof a === 'object' && !(a instanceof URL)) as
        { hostname?: string; host?: string } | undefined;
      const host = target ? new URL(String(target)).host : (options?.hostname ?? options?.host ?? '?');
      refused.push(host);
      throw new Error(`offline audit: request to ${host} refused`);
    }) as typeof http.request;
    Object.assign(mod, { request: refuse, get: refuse });
  }
  const restore = () => {
    for (const { mod, request, get } of originals) Object.assign(mod, { request, get });
  };
  return { refused, restore };
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && /\.(tsx?|jsx?|html|json)$/.test(e.name)).length;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  description: string;
  manualReview: boolean;
}

type Run = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: RawIssue[]; errors: ParseError[] }>;

/** Audits `dirs` of `root` as one app. */
export async function audit(root: string, dirs: readonly string[] = AUDITED_DIRS): Promise<AuditReport> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'companion-electronegativity-'));
  try {
    const input = path.join(workDir, 'app');
    for (const dir of dirs) await cp(path.join(root, dir), path.join(input, dir), { recursive: true });
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
    };
    const electronVersion = pkg.devDependencies?.electron?.replace(/^[\^~]/, '');
    if (!electronVersion) throw new Error('package.json does not pin electron');

    const { refused, restore } = refuseOutboundRequests();
    const require = createRequire(import.meta.url);
    const run = require('@doyensec/electronegativity') as Run;
    // The tool logs its own progress and the refused translation download; keep the report clean.
    const log = console.log;
    console.log = () => undefined;
    let result: Awaited<ReturnType<Run>>;
    try {
      result = await run(
        {
          input,
          output: undefined,
          isSarif: false,
          customScan: [],
          excludeFromScan: [...EXCLUDED_CHECKS],
          severitySet: undefined,
          confidenceSet: undefined,
          isRelative: true,
          isVerbose: false,
          electronUpgrade: undefined,
          electronVersionOverride: electronVersion,
          parserPlugins: [],
        },
        false,
      );
    } finally {
      console.log = log;
      restore();
    }
    return {
      refused,
      files: await countFiles(input),
      findings: result.issues.map((issue) => ({
        id: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file: path.isAbsolute(issue.file) ? path.relative(input, issue.file) : issue.file,
        line: issue.location.line,
        column: issue.location.column,
        description: issue.description,
        manualReview: issue.manualReview,
      })),
      errors: result.errors.map((e) => ({ ...e, file: path.relative(input, e.file) })),
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Lines that switch a check off ("eng-disable"): printed in every report so a reviewer sees them. */
export async function suppressions(root: string, dirs: readonly string[] = AUDITED_DIRS): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile() || !/\.(tsx?|jsx?|html)$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (/eng-disable\s+[A-Z_]/.test(line))
          found.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  return found;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rootFlag = args.indexOf('--root');
  const root =
    rootFlag >= 0 ? path.resolve(args[rootFlag + 1]!) : path.resolve(fileURLToPath(import.meta.url), '../..');
  const dirs = args.filter((a, i) => a !== '--root' && i !== rootFlag + 1);
  const audited = dirs.length > 0 ? dirs : [...AUDITED_DIRS];

  const report = await audit(root, audited);
  console.log(`Electronegativity over ${audited.join(', ')}: ${report.files} files`);
  for (const f of report.findings) {
    console.log(
      `  ${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id} ${f.file}:${f.line}:${f.column}${f.manualReview ? ' (review)' : ''}`,
    );
  }
  for (const e of report.errors)
    console.log(`  parse ${e.tolerable ? 'warning' : 'ERROR'} ${e.file}: ${e.message}`);
  if (report.refused.length > 0)
    console.log(`  (offline: refused requests to ${[...new Set(report.refused)].join(', ')})`);
  const disabled = await suppressions(root, audited);
  if (disabled.length > 0) {
    console.log('Checks switched off in the code (each says why):');
    for (const line of disabled) console.log(`  ${line}`);
  }
  const problems = auditProblems(report);
  if (problems.length > 0) {
    console.error(`Electronegativity: ${problems.length} problem(s) block the build:`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  const counts = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].map(
    (s) => `${report.findings.filter((f) => f.severity === s).length} ${s.toLowerCase()}`,
  );
  console.log(`Electronegativity: no high or medium finding (${counts.join(', ')}).`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
