import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, auditProblems, suppressions, type AuditReport } from './electronegativity';

const finding = (severity: string) => ({
  id: 'X_CHECK',
  severity,
  confidence: 'FIRM',
  file: 'electron/x.ts',
  line: 1,
  column: 0,
  description: 'd',
  manualReview: false,
});
const report = (over: Partial<AuditReport>): AuditReport => ({
  refused: [],
  files: 3,
  findings: [],
  errors: [],
  ...over,
});

describe('auditProblems', () => {
  it('passes low and informational findings, fails high and medium ones', () => {
    expect(auditProblems(report({ findings: [finding('LOW'), finding('INFORMATIONAL')] }))).toEqual([]);
    expect(auditProblems(report({ findings: [finding('MEDIUM')] }))).toHaveLength(1);
    expect(auditProblems(report({ findings: [finding('HIGH')] }))[0]).toMatch(
      /^HIGH X_CHECK at electron\/x.ts:1:0/,
    );
  });

  it('fails on a file it could not read, and on an empty audit', () => {
    expect(
      auditProblems(report({ errors: [{ file: 'a.ts', message: 'Unexpected token', tolerable: false }] })),
    ).toHaveLength(1);
    expect(auditProblems(report({ errors: [{ file: 'a.ts', message: 'w', tolerable: true }] }))).toEqual([]);
    expect(auditProblems(report({ files: 0 }))).toEqual(['no file was audited']);
  });
});

describe('the audit itself (Electronegativity, offline)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'companion-audit-'));
    await mkdir(path.join(root, 'electron'));
    await writeFile(
      path.join(root, 'package.json'),
      JSON.stringify({ devDependencies: { electron: '45.5.0' } }),
    );
    // A window whose flags live in a helper the auditor cannot read: what the issue found.
    await writeFile(
      path.join(root, 'electron', 'window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'const prefs = () => ({ contextIsolation: true });',
        'export const open = () => new BrowserWindow({ webPreferences: prefs() });',
        "export const link = (url: string) => require('electron').shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK",
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds the planted window, lists the switched-off check, and reaches no one', async () => {
    const result = await audit(root, ['electron']);
    const blocking = auditProblems(result);
    expect(blocking.some((p) => p.includes('CONTEXT_ISOLATION_JS_CHECK'))).toBe(true);
    expect(blocking.some((p) => p.includes('SANDBOX_JS_CHECK'))).toBe(true);
    expect(result.findings.some((f) => f.id === 'OPEN_EXTERNAL_JS_CHECK')).toBe(false);
    expect(await suppressions(root, ['electron'])).toEqual([
      expect.stringMatching(/^electron\/window.ts:4: .*eng-disable OPEN_EXTERNAL_JS_CHECK/),
    ]);
    // The tool's translation download was refused, not sent.
    expect(result.refused.length).toBeGreaterThan(0);
  }, 60_000);
});
