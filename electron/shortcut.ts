import type { Logger } from './logger';

/** Brings the pop-up to the front from any program. */
export const DEFAULT_POP_SHORTCUT = 'Control+Alt+Space';

const MODIFIERS = new Map([
  ['command', 'Command'],
  ['cmd', 'Command'],
  ['control', 'Control'],
  ['ctrl', 'Control'],
  ['commandorcontrol', 'CommandOrControl'],
  ['cmdorctrl', 'CommandOrControl'],
  ['alt', 'Alt'],
  ['option', 'Alt'],
  ['altgr', 'AltGr'],
  ['shift', 'Shift'],
  ['super', 'Super'],
  ['meta', 'Meta'],
] as const);
/** Modifiers that make a global shortcut safe: without one, a plain key would be stolen from every program. */
const STRONG = new Set(['Command', 'Control', 'CommandOrControl', 'Alt', 'AltGr', 'Super', 'Meta']);

const NAMED_KEYS = new Map(
  [
    'Space',
    'Tab',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'Plus',
    'PrintScreen',
    'Pause',
  ].map((k) => [k.toLowerCase(), k]),
);

/** The accelerator written the way Electron expects it, or a Spanish reason it cannot be used. */
export function parseAccelerator(
  raw: string,
): { ok: true; accelerator: string } | { ok: false; problem: string } {
  const parts = raw.split('+').map((p) => p.trim());
  if (raw.trim() === '' || parts.some((p) => p === ''))
    return { ok: false, problem: 'Escriba el atajo como Control+Alt+Space.' };
  const key = parts[parts.length - 1]!;
  const modifiers: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const modifier = MODIFIERS.get(part.toLowerCase() as never);
    if (!modifier)
      return { ok: false, problem: `"${part}" no es una tecla modificadora (Control, Alt, Shift).` };
    if (!modifiers.includes(modifier)) modifiers.push(modifier);
  }
  let normalizedKey: string;
  if (/^[a-z0-9]$/i.test(key)) normalizedKey = key.toUpperCase();
  else if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(key)) normalizedKey = key.toUpperCase();
  else if (NAMED_KEYS.has(key.toLowerCase())) normalizedKey = NAMED_KEYS.get(key.toLowerCase())!;
  else return { ok: false, problem: `"${key}" no es una tecla que Companion pueda usar como atajo.` };
  const isFunctionKey = /^F\d+$/.test(normalizedKey);
  if (!isFunctionKey && !modifiers.some((m) => STRONG.has(m))) {
    return {
      ok: false,
      problem: 'El atajo necesita Control o Alt, para no quitarle teclas a otros programas.',
    };
  }
  return { ok: true, accelerator: [...modifiers, normalizedKey].join('+') };
}

export interface GlobalShortcutPort {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface ShortcutBinding {
  /** Binds the accelerator (replacing the previous one); null, or why it is not active. */
  bind(accelerator: string): string | null;
  current(): string | null;
  unbindAll(): void;
}

export function createShortcutBinding(deps: {
  globalShortcut: GlobalShortcutPort;
  onPress: () => void;
  logger: Logger;
}): ShortcutBinding {
  let active: string | null = null;
  return {
    bind(raw) {
      const parsed = parseAccelerator(raw);
      if (!parsed.ok) return parsed.problem;
      if (parsed.accelerator === active) return null;
      if (active) deps.globalShortcut.unregister(active);
      active = null;
      let registered = false;
      try {
        registered = deps.globalShortcut.register(parsed.accelerator, deps.onPress);
      } catch {
        registered = false;
      }
      if (!registered) {
        deps.logger.warn('global shortcut not registered', { accelerator: parsed.accelerator });
        return `El atajo ${parsed.accelerator} lo está usando otro programa; elija otro en Configuración.`;
      }
      active = parsed.accelerator;
      deps.logger.info('global shortcut registered', { accelerator: active });
      return null;
    },
    current: () => active,
    unbindAll() {
      if (active) deps.globalShortcut.unregister(active);
      active = null;
    },
  };
}
