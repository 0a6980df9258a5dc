import { liveQuery } from 'dexie';
import { answerCall, rejectCall, transferCall } from '../features/call/callCommands';
import { selectCalls } from '../features/call/callSlice';
import { queueStats } from '../features/outbox/outboxRepo';
import {
  copyDiagnostic,
  createWebAttention,
  diagnosticFacts,
  startDesktopShell,
  type DesktopShell,
} from '../features/shell';
import { platform } from '../platform';
import type { AppStore } from './store';

/**
 * Starts the desktop shell for the main window: pop window and tray in Electron, notification and
 * tab title in web mode. (Issue 8's composition root takes this over when it lands.)
 */
export function startDesktopShellFor(store: AppStore): DesktopShell {
  return startDesktopShell({
    source: {
      get: () => {
        const state = store.getState();
        return { calls: selectCalls(state), popup: state.popup, line: state.line.state };
      },
      subscribe: (listener) => store.subscribe(listener),
    },
    queuedForms: {
      // Only the tray shows it: web mode has no tray and does not pay for a live count.
      subscribe: (listener) => {
        if (!platform.desktop) return () => undefined;
        const subscription = liveQuery(() => queueStats()).subscribe({
          next: (stats) => listener(stats.pending),
          error: (error: unknown) =>
            platform.log('warn', 'queue count for the tray failed', { error: String(error) }),
        });
        return () => subscription.unsubscribe();
      },
    },
    commands: {
      answer: answerCall,
      reject: rejectCall,
      transfer: (callId) => transferCall(callId),
    },
    desktop: platform.desktop,
    attention:
      platform.kind === 'web'
        ? createWebAttention({ document, window, Notification: globalThis.Notification })
        : null,
    log: (level, message, fields) => platform.log(level, message, fields),
  });
}

/** "Copiar diagnóstico" with what this window knows. */
export async function copyDiagnosticFor(store: AppStore): Promise<string> {
  const state = store.getState();
  const queue = await queueStats();
  const facts = diagnosticFacts({
    line: state.line.state,
    lineSettings: state.settings.line,
    calls: selectCalls(state),
    queue: { pending: queue.pending, rejected: queue.rejected, oldestPendingAt: queue.oldestPendingAt },
    directory: {
      customers: state.directory.customerCount,
      syncedAt: state.directory.info?.syncedAt ?? null,
      updatedAt: state.directory.info?.updatedAt ?? null,
      source: state.directory.info?.source ?? null,
    },
    backOffice: {
      url: state.sync.serverUrl,
      reachability: state.sync.reachability,
      signedIn: state.session.status === 'active',
    },
    userAgent: navigator.userAgent,
  });
  return copyDiagnostic(facts, {
    desktop: platform.desktop,
    appInfo: () => platform.appInfo(),
    recentLogLines: () => platform.recentLogLines(),
    knownSecrets: async () =>
      (
        await Promise.all([platform.secretGet('sip.password'), platform.secretGet('backoffice.token')])
      ).filter((v): v is string => !!v),
    writeClipboard: (text) => navigator.clipboard.writeText(text),
  });
}
