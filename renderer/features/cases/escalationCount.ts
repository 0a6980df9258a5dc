/** Live-channel handlers, as the board's GET /board/events listener calls them. */
export interface LiveHandlers {
  onChange(sources: string[]): void;
  onState(state: 'connecting' | 'live' | 'offline'): void;
}

export interface EscalationCountDeps {
  /** How many escalations this account sees open (GET /escalations' counts.open). */
  fetchOpen(): Promise<number>;
  /** The board's live channel (server-sent events); returns the function that stops it. */
  listen(handlers: LiveHandlers): () => void;
}

/**
 * The number of open escalations next to the «Escalamientos» menu entry, kept live: read when the
 * board's event stream connects (and after every reconnection, which may have missed changes) and
 * whenever the server announces an escalation change (migration 009). Runs only while an account
 * that sees the inbox is signed in (the composition root starts and stops it); null: not known.
 */
export class EscalationCount {
  private count: number | null = null;
  private stopListening: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  /** Bumped by start/stop: an answer for an earlier session is dropped. */
  private generation = 0;

  constructor(private readonly deps: EscalationCountDeps) {}

  current = (): number | null => this.count;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get running(): boolean {
    return this.stopListening !== null;
  }

  start(): void {
    if (this.stopListening) return;
    this.generation += 1;
    this.stopListening = this.deps.listen({
      onChange: (sources) => {
        if (sources.includes('escalations')) void this.refresh();
      },
      onState: (state) => {
        if (state === 'live') void this.refresh();
      },
    });
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
    this.generation += 1;
    this.set(null);
  }

  private async refresh(): Promise<void> {
    const generation = this.generation;
    try {
      const open = await this.deps.fetchOpen();
      if (generation === this.generation) this.set(open);
    } catch {
      // Offline or refused: the last count stays until the next change or reconnection.
    }
  }

  private set(count: number | null): void {
    if (count === this.count) return;
    this.count = count;
    for (const listener of this.listeners) listener();
  }
}
