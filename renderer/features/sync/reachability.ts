import type { ApiResult } from '../../backoffice/client';

/** What this window knows about the back office. */
export type Reachability = 'unconfigured' | 'unknown' | 'online' | 'offline' | 'server-error';

export interface ReachabilityDeps {
  serverUrl(): string | null;
  probe(serverUrl: string): Promise<ApiResult<unknown>>;
  intervalMs: number;
  onChange(state: Reachability, detail: string | null): void;
  /** After each probe (the leader uses it as its periodic "anything to send?" tick). */
  onProbe?(state: Reachability): void;
}

/**
 * `navigator.onLine` only says when the machine is surely offline; "online" may mean a captive
 * portal or a dead VPN. So: trust `offline` events at once, and decide "online" only from an
 * answer of the back office itself (/healthz every few seconds, and at once on `online`).
 */
export class ReachabilityMonitor {
  private state: Reachability = 'unknown';
  private timer: ReturnType<typeof setInterval> | null = null;
  private probing: Promise<void> | null = null;
  private readonly onOnline = () => void this.probeNow();
  private readonly onOffline = () => this.set('offline', 'El equipo no tiene red.');
  // A hidden window's timers are throttled (a probe a minute at best): check on coming back.
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') void this.probeNow();
  };

  constructor(private readonly deps: ReachabilityDeps) {}

  get current(): Reachability {
    return this.state;
  }

  start(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisible);
    this.timer = setInterval(() => void this.probeNow(), this.deps.intervalMs);
    void this.probeNow();
  }

  stop(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisible);
    if (this.timer) clearInterval(this.timer);
  }

  /** What a real request just showed (the sender's own successes and failures count too). */
  report(ok: boolean, detail: string | null = null): void {
    if (ok) this.set('online', null);
    else void this.probeNow(detail);
  }

  probeNow(failureDetail: string | null = null): Promise<void> {
    if (this.probing) return this.probing;
    this.probing = this.probe(failureDetail).finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private async probe(failureDetail: string | null): Promise<void> {
    const url = this.deps.serverUrl();
    if (!url) {
      this.set('unconfigured', null);
    } else if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.set('offline', 'El equipo no tiene red.');
    } else {
      const result = await this.deps.probe(url);
      if (result.ok) this.set('online', null);
      else if (
        result.failure.kind === 'server' ||
        result.failure.kind === 'refused' ||
        result.failure.kind === 'unauthorized'
      ) {
        this.set('server-error', result.failure.message);
      } else this.set('offline', failureDetail ?? result.failure.message);
    }
    this.deps.onProbe?.(this.state);
  }

  private set(state: Reachability, detail: string | null): void {
    if (state === this.state) return;
    this.state = state;
    this.deps.onChange(state, detail);
  }
}
