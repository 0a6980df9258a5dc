import { buildDiagnostic, type DiagnosticFacts } from '../../../shared/diagnostics/diagnostic';
import type { AppInfo, RendererBridge } from '../../../shared/ipc/contract';
import type { LineState } from '../../../shared/telephony/lineState';
import type { CallSnapshot } from '../../../shared/telephony/callState';
import { trayLineLabel } from './popCard';

/** What the main window knows for "Copiar diagnóstico" (main adds version, settings and its log). */
export function diagnosticFacts(
  input: {
    line: LineState;
    lineSettings: { sipWs: string; sipUri: string };
    calls: readonly CallSnapshot[];
  } & Pick<DiagnosticFacts, 'queue' | 'directory' | 'backOffice' | 'userAgent'>,
): DiagnosticFacts {
  return {
    line: {
      status: input.line.status,
      label: trayLineLabel(input.line),
      server: input.lineSettings.sipWs || null,
      extension: input.lineSettings.sipUri || null,
    },
    liveCalls: input.calls.filter((c) => c.phase !== 'ended').length,
    queue: input.queue,
    directory: input.directory,
    backOffice: input.backOffice,
    userAgent: input.userAgent.slice(0, 500),
  };
}

export interface DiagnosticPorts {
  /** Electron: main builds it with its log and puts it on the clipboard. */
  desktop: Pick<RendererBridge, 'diagnosticCopy'> | null;
  /** Web mode: built here from the page's recent log lines. */
  appInfo(): Promise<AppInfo>;
  recentLogLines(): string[];
  /** The stored SIP password and token, scrubbed from the text by value. */
  knownSecrets(): Promise<string[]>;
  writeClipboard(text: string): Promise<void>;
}

/** "Copiar diagnóstico": returns the text that is now on the clipboard. */
export async function copyDiagnostic(facts: DiagnosticFacts, ports: DiagnosticPorts): Promise<string> {
  if (ports.desktop) return ports.desktop.diagnosticCopy(facts);
  const info = await ports.appInfo();
  const text = buildDiagnostic({
    now: new Date(),
    app: { version: info.version, platform: info.platform, electron: info.electron, os: null },
    facts,
    logLines: ports.recentLogLines(),
    knownSecrets: await ports.knownSecrets().catch(() => []),
  });
  await ports.writeClipboard(text);
  return text;
}
