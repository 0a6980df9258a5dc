import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDesktopSettings, USER_SETTINGS_SCHEMA, userSettingsPath } from './desktopSettings';
import { openJsonStore } from './jsonStore';
import { createLogger } from './logger';
import { DEFAULT_OPERATOR_CONFIG, type LoadedOperatorConfig } from './operatorConfig';
import { createShortcutBinding } from './shortcut';
import { DEFAULT_DESKTOP_SETTINGS } from '../test/fixtures/desktop';

vi.mock('electron', () => ({}));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'companion-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function setup(options: { taken?: string[]; operator?: LoadedOperatorConfig } = {}) {
  const registered = new Set<string>();
  const shortcut = createShortcutBinding({
    globalShortcut: {
      register: (acc) => {
        if (options.taken?.includes(acc)) return false;
        registered.add(acc);
        return true;
      },
      unregister: (acc) => void registered.delete(acc),
    },
    onPress: () => undefined,
    logger: createLogger({ filePath: null, stderr: { write: () => true } }),
  });
  let loginItem = false;
  const onChange = vi.fn();
  const settings = createDesktopSettings({
    store: await openJsonStore(userSettingsPath(dir), USER_SETTINGS_SCHEMA, {}),
    operator: options.operator ?? { config: DEFAULT_OPERATOR_CONFIG, problem: null },
    shortcut,
    loginItem: { get: () => loginItem, set: (enabled) => (loginItem = enabled) },
    logger: createLogger({ filePath: null, stderr: { write: () => true } }),
    onChange,
  });
  settings.apply();
  return { settings, registered, onChange };
}

describe('desktop settings', () => {
  it('start with Ctrl+Alt+Space, no login start, updates off and no external links', async () => {
    const { settings, registered } = await setup();
    expect(settings.view()).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect([...registered]).toEqual(['Control+Alt+Space']);
  });

  it("use the operator's update URL, links and default shortcut", async () => {
    const { settings } = await setup({
      operator: {
        config: {
          updateUrl: 'https://u.empresa.cl/',
          externalLinks: ['https://www.sec.cl/'],
          popShortcut: 'Alt+F9',
        },
        problem: null,
      },
    });
    expect(settings.view()).toMatchObject({
      popShortcut: 'Alt+F9',
      updateUrl: 'https://u.empresa.cl/',
      externalLinks: ['https://www.sec.cl/'],
    });
  });

  it('change the shortcut and keep it across restarts', async () => {
    const first = await setup();
    await first.settings.update({ popShortcut: 'ctrl+alt+p' });
    expect(first.settings.view().popShortcut).toBe('Control+Alt+P');
    expect(first.onChange).toHaveBeenCalled();
    const again = await setup();
    expect(again.settings.view().popShortcut).toBe('Control+Alt+P');
    expect([...again.registered]).toEqual(['Control+Alt+P']);
  });

  it('refuse a shortcut another program holds and keep the working one', async () => {
    const { settings, registered } = await setup({ taken: ['Control+Alt+P'] });
    await expect(settings.update({ popShortcut: 'Control+Alt+P' })).rejects.toThrow(/otro programa/);
    expect([...registered]).toEqual(['Control+Alt+Space']);
    expect(settings.view().popShortcut).toBe('Control+Alt+Space');
    await expect(settings.update({ popShortcut: 'P' })).rejects.toThrow(/Control o Alt/);
  });

  it('say when the default shortcut is taken at start', async () => {
    const { settings } = await setup({ taken: ['Control+Alt+Space'] });
    expect(settings.view().popShortcutProblem).toMatch(/otro programa/);
  });

  it('turn start at login on and off', async () => {
    const { settings } = await setup();
    expect((await settings.update({ startAtLogin: true })).startAtLogin).toBe(true);
    expect((await settings.update({ startAtLogin: false })).startAtLogin).toBe(false);
  });

  it('refuse to overwrite a damaged settings file, and say so', async () => {
    await writeFile(userSettingsPath(dir), '{"popShortcut": 42');
    const { settings } = await setup();
    expect(settings.view().problem).toMatch(/no es JSON válido/);
    expect(settings.view().popShortcut).toBe('Control+Alt+Space');
    await expect(settings.update({ popShortcut: 'Control+Alt+P' })).rejects.toThrow(/dañado/);
    expect(await readFile(userSettingsPath(dir), 'utf8')).toBe('{"popShortcut": 42');
  });
});
