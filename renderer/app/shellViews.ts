import type { DiagnosticFacts } from '../../shared/diagnostics/diagnostic';
import { selectCalls } from '../features/call';
import { diagnosticFacts, type PopSource } from '../features/shell';
import type { RootState } from './store';

/** What the pop card is drawn from: the store, and the calls whose collections form is on screen. */
export function popSourceOf(state: RootState, collectionsFormCalls: readonly string[]): PopSource {
  return { calls: selectCalls(state), popup: state.popup, line: state.line.state, collectionsFormCalls };
}

/** "Copiar diagnóstico": what this window knows (main adds version, settings and its log). */
export function diagnosticFactsOf(
  state: RootState,
  queue: DiagnosticFacts['queue'],
  userAgent: string,
): DiagnosticFacts {
  return diagnosticFacts({
    line: state.line.state,
    lineSettings: state.settings.line,
    calls: selectCalls(state),
    queue,
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
    userAgent,
  });
}
