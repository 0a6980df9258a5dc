import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';
import { createShortcutBinding, DEFAULT_POP_SHORTCUT, parseAccelerator } from './shortcut';

vi.mock('electron', () => ({}));

describe('parseAccelerator', () => {
  it('accepts and normalises what Electron understands', () => {
    expect(parseAccelerator(DEFAULT_POP_SHORTCUT)).toEqual({ ok: true, accelerator: 'Control+Alt+Space' });
    expect(parseAccelerator('ctrl + alt + space')).toEqual({ ok: true, accelerator: 'Control+Alt+Space' });
    expect(parseAccelerator('CmdOrCtrl+Shift+p')).toEqual({
      ok: true,
      accelerator: 'CommandOrControl+Shift+P',
    });
    expect(parseAccelerator('F9')).toEqual({ ok: true, accelerator: 'F9' });
  });

  it('refuses a plain key that would be stolen from every other program', () => {
    for (const raw of ['A', 'Shift+A', 'Space', 'Shift+Space']) {
      expect(parseAccelerator(raw)).toMatchObject({
        ok: false,
        problem: expect.stringMatching(/Control o Alt/),
      });
    }
  });

  it('explains malformed ones in Spanish', () => {
    expect(parseAccelerator('')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/Escriba el atajo/),
    });
    expect(parseAccelerator('Ctrl++')).toMatchObject({ ok: false });
    expect(parseAccelerator('Hyper+K')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/modificadora/),
    });
    expect(parseAccelerator('Ctrl+Ñ')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no es una tecla/),
    });
  });
});

describe('shortcut binding', () => {
  function setup(taken: string[] = []) {
    const registered = new Map<string, () => void>();
    const globalShortcut = {
      register: vi.fn((acc: string, cb: () => void) => {
        if (taken.includes(acc)) return false;
        registered.set(acc, cb);
        return true;
      }),
      unregister: vi.fn((acc: string) => void registered.delete(acc)),
    };
    const onPress = vi.fn();
    const binding = createShortcutBinding({
      globalShortcut,
      onPress,
      logger: createLogger({ filePath: null, stderr: { write: () => true } }),
    });
    return { binding, registered, onPress, globalShortcut };
  }

  it('registers the shortcut and calls back on press', () => {
    const { binding, registered, onPress } = setup();
    expect(binding.bind('Control+Alt+Space')).toBeNull();
    registered.get('Control+Alt+Space')!();
    expect(onPress).toHaveBeenCalled();
    expect(binding.current()).toBe('Control+Alt+Space');
  });

  it('replaces the previous one', () => {
    const { binding, registered } = setup();
    binding.bind('Control+Alt+Space');
    binding.bind('Control+Alt+P');
    expect([...registered.keys()]).toEqual(['Control+Alt+P']);
  });

  it('says when another program holds it', () => {
    const { binding } = setup(['Control+Alt+Space']);
    expect(binding.bind('Control+Alt+Space')).toMatch(/lo está usando otro programa/);
    expect(binding.current()).toBeNull();
  });

  it('lets everything go on quit', () => {
    const { binding, registered } = setup();
    binding.bind('Control+Alt+Space');
    binding.unbindAll();
    expect(registered.size).toBe(0);
  });
});
