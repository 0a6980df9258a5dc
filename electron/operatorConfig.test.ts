import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPERATOR_CONFIG, loadOperatorConfig, operatorConfigPath } from './operatorConfig';

vi.mock('electron', () => ({}));

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'companion-operator-'));
  file = path.join(dir, 'companion.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('operator config', () => {
  it('lives in ProgramData on Windows, and COMPANION_CONFIG overrides it', () => {
    expect(operatorConfigPath({ ProgramData: 'C:\\ProgramData' }, 'win32')).toBe(
      'C:\\ProgramData\\Companion\\companion.json',
    );
    expect(operatorConfigPath({ COMPANION_CONFIG: file }, 'win32')).toBe(file);
  });

  it('means updates off and no external links when there is no file', async () => {
    expect(await loadOperatorConfig(file)).toEqual({ config: DEFAULT_OPERATOR_CONFIG, problem: null });
  });

  it('reads the update URL, links and shortcut (a UTF-8 BOM from Notepad included)', async () => {
    await writeFile(
      file,
      '\uFEFF' +
        JSON.stringify({
          updateUrl: 'https://updates.empresa.cl/companion/',
          externalLinks: ['https://www.sec.cl/'],
          popShortcut: 'Control+Alt+Space',
        }),
    );
    expect(await loadOperatorConfig(file)).toEqual({
      config: {
        updateUrl: 'https://updates.empresa.cl/companion/',
        externalLinks: ['https://www.sec.cl/'],
        popShortcut: 'Control+Alt+Space',
      },
      problem: null,
    });
  });

  it.each([
    ['not JSON', '{updateUrl: x}', /no es JSON válido/],
    ['plain http update URL', JSON.stringify({ updateUrl: 'http://updates.empresa.cl/' }), /updateUrl/],
    ['credentials in the URL', JSON.stringify({ updateUrl: 'https://u:p@updates.empresa.cl/' }), /updateUrl/],
    ['http link', JSON.stringify({ externalLinks: ['http://www.sec.cl/'] }), /externalLinks/],
  ])('refuses a file with %s: nothing of it applies', async (_name, text, problem) => {
    await writeFile(file, text);
    const loaded = await loadOperatorConfig(file);
    expect(loaded.config).toEqual(DEFAULT_OPERATOR_CONFIG);
    expect(loaded.problem).toMatch(problem);
  });

  it('allows plain http for an update server on this machine (tests, pilots)', async () => {
    await writeFile(file, JSON.stringify({ updateUrl: 'http://127.0.0.1:8080/' }));
    expect((await loadOperatorConfig(file)).config.updateUrl).toBe('http://127.0.0.1:8080/');
  });
});
