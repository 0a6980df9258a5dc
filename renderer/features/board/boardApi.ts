import type { z } from 'zod';
import {
  agentsWidgetSchema,
  boardOptionsSchema,
  callsWidgetSchema,
  drillResponseSchema,
  formsWidgetSchema,
  ticketsWidgetSchema,
  type AgentsWidget,
  type BoardFilters,
  type BoardOptions,
  type BoardWidgetName,
  type CallsWidget,
  type DrillCell,
  type DrillResponse,
  type DrillSource,
  type FormsWidget,
  type TicketsWidget,
} from '../../../shared/board/api';
import { getJson, type ApiOptions, type ApiResult } from '../sync/backOfficeApi';

export interface WidgetData {
  calls: CallsWidget;
  forms: FormsWidget;
  tickets: TicketsWidget;
  agents: AgentsWidget;
}

const WIDGET_SCHEMAS: { [W in BoardWidgetName]: z.ZodType<WidgetData[W]> } = {
  calls: callsWidgetSchema,
  forms: formsWidgetSchema,
  tickets: ticketsWidgetSchema,
  agents: agentsWidgetSchema,
};

export interface Credentials {
  serverUrl: string;
  token: string;
}

/** The board's view of the back office (a port: tests give it a fake). */
export interface BoardApi {
  options(): Promise<ApiResult<BoardOptions>>;
  widget<W extends BoardWidgetName>(name: W, filters: BoardFilters): Promise<ApiResult<WidgetData[W]>>;
  rows(
    source: DrillSource,
    filters: BoardFilters,
    cell: DrillCell,
    cursor: string | null,
  ): Promise<ApiResult<DrillResponse>>;
  credentials(): Promise<Credentials | null>;
}

/** Query string of filters and a cell: only what is set. */
export function boardQuery(values: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const NO_SESSION: ApiResult<never> = {
  ok: false,
  failure: { kind: 'unauthorized', message: 'Inicie sesión en la central para ver el tablero.' },
};

export function createBoardApi(deps: {
  credentials: () => Promise<Credentials | null>;
  options: ApiOptions;
}): BoardApi {
  const get = async <T>(path: string, schema: z.ZodType<T>): Promise<ApiResult<T>> => {
    const credentials = await deps.credentials();
    if (!credentials) return NO_SESSION;
    return getJson(credentials.serverUrl, path, credentials.token, schema, deps.options);
  };
  return {
    options: () => get('/board/options', boardOptionsSchema),
    widget: (name, filters) => get(`/board/widgets/${name}${boardQuery(filters)}`, WIDGET_SCHEMAS[name]),
    rows: (source, filters, cell, cursor) =>
      get(`/board/rows/${source}${boardQuery({ ...filters, ...cell, cursor })}`, drillResponseSchema),
    credentials: deps.credentials,
  };
}
