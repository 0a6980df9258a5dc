import {
  BOARD_WIDGETS,
  type BoardFilters,
  type BoardOptions,
  type BoardWidgetName,
} from '../../../shared/api/board';
import type { ApiResult } from '../../backoffice/client';
import type { BoardApi, WidgetData } from './boardApi';
import type { BoardEventHandlers, LiveState } from './boardEvents';

export interface WidgetState<W extends BoardWidgetName = BoardWidgetName> {
  data: WidgetData[W] | null;
  loading: boolean;
  /** Why the last load failed (Spanish), while `data` may be older figures. */
  error: string | null;
  /** This machine's clock when `data` arrived (its age is measured against it). */
  receivedAt: number | null;
  /** `data` came from this workstation's copy, not from the central just now. */
  fromCache: boolean;
  /** The filters `data` is for (cacheKey). */
  key: string | null;
}

export interface BoardSnapshot {
  filters: BoardFilters;
  options: BoardOptions | null;
  optionsError: string | null;
  widgets: { [W in BoardWidgetName]: WidgetState<W> };
  live: LiveState;
}

/** The last figures per filters and widget, kept on this workstation for when the central is away. */
export interface BoardCache {
  load(key: string): Promise<{ data: unknown; receivedAt: number } | null>;
  save(key: string, value: { data: unknown; receivedAt: number }): Promise<void>;
}

export interface BoardServiceDeps {
  api: BoardApi;
  cache: BoardCache;
  listen: (handlers: BoardEventHandlers) => () => void;
  now?: () => number;
}

/** Which widgets a change of each source touches. */
const AFFECTED: Record<string, BoardWidgetName[]> = {
  calls: ['calls', 'agents'],
  forms: ['forms', 'agents'],
  tickets: ['tickets'],
  cases: ['cases', 'indicator'],
};

const FILTERS_KEY = 'filters';

const emptyWidget = (): WidgetState => ({
  data: null,
  loading: false,
  error: null,
  receivedAt: null,
  fromCache: false,
  key: null,
});

export function cacheKey(widget: BoardWidgetName, filters: BoardFilters): string {
  const sorted = Object.fromEntries(
    Object.entries(filters)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${widget}:${JSON.stringify(sorted)}`;
}

/**
 * The board's state and its refreshes: loads each widget for the filters, refreshes those a live
 * change touches (one request per widget at a time; a change during a load queues one more), and
 * when the central cannot answer shows this workstation's last figures with their age.
 */
export class BoardService {
  private snapshot: BoardSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly inFlight = new Map<BoardWidgetName, number>();
  private readonly again = new Set<BoardWidgetName>();
  private sequence = 0;
  private stopListening: (() => void) | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: BoardServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.snapshot = {
      filters: {},
      options: null,
      optionsError: null,
      widgets: Object.fromEntries(BOARD_WIDGETS.map((w) => [w, emptyWidget()])) as BoardSnapshot['widgets'],
      live: 'offline',
    };
  }

  getSnapshot = (): BoardSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(update: Partial<BoardSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...update };
    for (const listener of this.listeners) listener();
  }

  private setWidget<W extends BoardWidgetName>(name: W, update: Partial<WidgetState<W>>): void {
    this.set({
      widgets: { ...this.snapshot.widgets, [name]: { ...this.snapshot.widgets[name], ...update } },
    });
  }

  /** Loads options and every widget, and starts listening for changes. */
  async start(): Promise<void> {
    this.stopListening ??= this.deps.listen({
      onChange: (sources) => {
        const widgets = new Set(sources.flatMap((source) => AFFECTED[source] ?? []));
        for (const widget of widgets) void this.load(widget);
      },
      onState: (live) => this.set({ live }),
    });
    const options = await this.deps.api.options();
    if (options.ok) {
      const filters = { ...options.value.defaults, ...this.snapshot.filters };
      this.set({ options: options.value, optionsError: null, filters });
      await this.deps.cache.save(FILTERS_KEY, { data: filters, receivedAt: this.now() }).catch(() => {});
    } else {
      // Offline: the filters of last time, so the figures kept for them can be shown.
      const last = await this.deps.cache.load(FILTERS_KEY).catch(() => null);
      this.set({
        optionsError: options.failure.message,
        filters: { ...((last?.data as BoardFilters | undefined) ?? {}), ...this.snapshot.filters },
      });
    }
    await this.refresh();
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
  }

  async setFilters(filters: BoardFilters): Promise<void> {
    this.sequence += 1;
    this.set({ filters });
    await this.deps.cache.save(FILTERS_KEY, { data: filters, receivedAt: this.now() }).catch(() => {});
    await this.refresh();
  }

  refresh(widgets: readonly BoardWidgetName[] = BOARD_WIDGETS): Promise<void> {
    return Promise.all(widgets.map((widget) => this.load(widget))).then(() => undefined);
  }

  private async load<W extends BoardWidgetName>(name: W): Promise<void> {
    if (this.inFlight.get(name) === this.sequence) {
      this.again.add(name);
      return;
    }
    const sequence = this.sequence;
    const filters = this.snapshot.filters;
    this.inFlight.set(name, sequence);
    this.setWidget(name, { loading: true });
    const answer = (await this.deps.api.widget(name, filters)) as ApiResult<WidgetData[W]>;
    if (this.inFlight.get(name) === sequence) this.inFlight.delete(name);
    if (sequence !== this.sequence) return; // the filters changed meanwhile: a newer load owns the widget
    const key = cacheKey(name, filters);
    if (answer.ok) {
      const receivedAt = this.now();
      this.setWidget(name, {
        data: answer.value,
        loading: false,
        error: null,
        receivedAt,
        fromCache: false,
        key,
      });
      await this.deps.cache.save(key, { data: answer.value, receivedAt }).catch(() => {});
    } else {
      const current = this.snapshot.widgets[name];
      if (current.data && current.key === key) {
        this.setWidget(name, { loading: false, error: answer.failure.message });
      } else {
        const cached = await this.deps.cache.load(key).catch(() => null);
        this.setWidget(name, {
          loading: false,
          error: answer.failure.message,
          data: (cached?.data as WidgetData[W] | undefined) ?? null,
          receivedAt: cached?.receivedAt ?? null,
          fromCache: cached !== null,
          key: cached ? key : null,
        });
      }
    }
    if (this.again.delete(name)) await this.load(name);
  }
}
