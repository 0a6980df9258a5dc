import { TELECOBRANZAS_NUMBER } from '../../../shared/blocks/catalog';
import { DEFAULT_IVR_HEADER } from '../../../shared/telephony/callerId';
import type { Platform } from '../../platform';

/** The agent's line as configured on this workstation. The password is kept apart, as a secret. */
export interface LineSettings {
  sipWs: string;
  sipUri: string;
  telecobranzasNumber: string;
  ivrHeader: string;
  /** Another telephony client answers; Companion only pops (never answers). */
  companionMode: boolean;
}

const STORAGE_KEY = 'companion.line';
const PASSWORD_SECRET = 'sip.password';

export const DEFAULT_LINE_SETTINGS: LineSettings = {
  sipWs: '',
  sipUri: '',
  telecobranzasNumber: TELECOBRANZAS_NUMBER,
  ivrHeader: DEFAULT_IVR_HEADER,
  companionMode: false,
};

export interface LoadedLineSettings {
  settings: LineSettings;
  password: string;
}

/** Where the line's settings live: the settings in localStorage, the password as a platform secret. */
export class LineSettingsStore {
  constructor(
    private readonly platform: Pick<Platform, 'envDefaults' | 'secretGet' | 'secretSet' | 'log'>,
    private readonly storage: Storage = window.localStorage,
  ) {}

  /** Saved settings win over the operator's environment defaults, which win over built-in ones. */
  async load(): Promise<LoadedLineSettings> {
    const env = await this.platform.envDefaults();
    let saved: Partial<LineSettings> = {};
    try {
      saved = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? '{}') as Partial<LineSettings>;
    } catch {
      this.platform.log('warn', 'line settings unreadable, using defaults');
    }
    const settings: LineSettings = {
      ...DEFAULT_LINE_SETTINGS,
      ...(env.sipWs ? { sipWs: env.sipWs } : {}),
      ...(env.sipUri ? { sipUri: env.sipUri } : {}),
      ...(env.telecobranzasNumber ? { telecobranzasNumber: env.telecobranzasNumber } : {}),
      ...saved,
    };
    const password = (await this.platform.secretGet(PASSWORD_SECRET)) ?? env.sipPassword ?? '';
    return { settings, password };
  }

  async save(settings: LineSettings, password: string | null): Promise<void> {
    this.storage.setItem(STORAGE_KEY, JSON.stringify(settings));
    if (password !== null) await this.platform.secretSet(PASSWORD_SECRET, password);
  }
}

/** Spanish reason the settings cannot start a line, or null when they can. */
export function lineSettingsProblem(settings: LineSettings, password: string): string | null {
  if (!settings.sipWs && !settings.sipUri) return 'Línea sin configurar.';
  if (!/^wss?:\/\/[^\s]+$/i.test(settings.sipWs))
    return 'El servidor WebSocket debe empezar con wss:// (o ws:// en pruebas).';
  if (!/^sips?:[^@\s]+@[^\s]+$/i.test(settings.sipUri))
    return 'La URI SIP debe tener la forma sip:anexo@dominio.';
  if (!password) return 'Falta la contraseña de la línea.';
  if (!/^\d{3,15}$/.test(settings.telecobranzasNumber))
    return 'El número de Telecobranzas debe tener solo dígitos.';
  return null;
}
