import type { CallCommands } from '../call';

/** What queuing the collections form for a transfer came to. */
export type CollectionsFormQueued =
  | { ok: true; entryId: string }
  /** Nothing was queued: the form shows why (fields marked, or the save error). */
  | { ok: false; reason: 'invalid' | 'not-saved' };

type TransferOutcome = Awaited<ReturnType<CallCommands['transfer']>>;

const REFUSED: Record<Extract<CollectionsFormQueued, { ok: false }>['reason'], string> = {
  invalid: 'faltan datos del formulario de Telecobranzas; complételos en «Abrir ficha»',
  'not-saved': 'no se pudo guardar el formulario de Telecobranzas; revíselo en «Abrir ficha»',
};

/**
 * "Transferir a Telecobranzas" from outside the collections pop-up (the Electron pop window), done
 * as option 2 of that pop-up: when the agent has the call's collections form on screen, it is
 * validated and queued first and its id travels with the REFER as the case (X-Companion-Case), so
 * Telecobranzas gets the same case; a form that cannot be queued stops the transfer (what the
 * agent typed stays on screen). With no collections form on screen it is a plain blind transfer.
 *
 * The collections step (steps.tsx) offers its form while it is on screen during the call.
 */
export class CollectionsTransfer {
  private readonly forms = new Map<string, () => Promise<CollectionsFormQueued>>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly deps: {
      calls: Pick<CallCommands, 'transfer'>;
      /** The configured Telecobranzas number (Configuración). */
      telecobranzasNumber: () => string;
    },
  ) {}

  /** The collections form of this call is on screen; returns the function that withdraws it. */
  offer(callId: string, queue: () => Promise<CollectionsFormQueued>): () => void {
    this.forms.set(callId, queue);
    this.changed();
    return () => {
      if (this.forms.get(callId) !== queue) return;
      this.forms.delete(callId);
      this.changed();
    };
  }

  /** Calls whose collections form is on screen now. */
  callsWithForm(): string[] {
    return [...this.forms.keys()];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async transfer(callId: string): Promise<TransferOutcome> {
    const queue = this.forms.get(callId);
    let caseId: string | null = null;
    if (queue) {
      const queued = await queue();
      if (!queued.ok) return { ok: false, reason: REFUSED[queued.reason] };
      caseId = queued.entryId;
    }
    return this.deps.calls.transfer(callId, this.deps.telecobranzasNumber(), { caseId });
  }

  private changed() {
    for (const listener of [...this.listeners]) listener();
  }
}
