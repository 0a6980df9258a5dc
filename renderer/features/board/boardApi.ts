import {
  BOARD_WIDGET_ENDPOINTS,
  getBoardOptions,
  getBoardRows,
  type BoardFilters,
  type BoardOptions,
  type BoardWidgetName,
  type DrillCell,
  type DrillResponse,
  type DrillSource,
} from '../../../shared/api/board';
import type { AnswerBody, Endpoint, EndpointSpec, RequestInput } from '../../../shared/api/endpoint';
import type { ApiResult, BackOfficeClient } from '../../backoffice/client';

type WidgetEndpoints = typeof BOARD_WIDGET_ENDPOINTS;
export type WidgetData = { [W in BoardWidgetName]: AnswerBody<WidgetEndpoints[W]> };

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

const NO_SESSION: ApiResult<never> = {
  ok: false,
  failure: { kind: 'unauthorized', message: 'Inicie sesión en la central para ver el tablero.' },
};

/** Only what is set: an empty filter is no filter. */
function setOnly<T extends object>(values: T): T {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as T;
}

export function createBoardApi(deps: {
  backOffice: BackOfficeClient;
  credentials: () => Promise<Credentials | null>;
}): BoardApi {
  const call = async <S extends EndpointSpec>(
    definition: Endpoint<S>,
    input: RequestInput<S>,
  ): Promise<ApiResult<AnswerBody<S>>> => {
    const credentials = await deps.credentials();
    if (!credentials) return NO_SESSION;
    return deps.backOffice.call(credentials.serverUrl, credentials.token, definition, input);
  };
  return {
    options: () => call(getBoardOptions, {}),
    // Every widget takes the same filters; only its answer differs (WidgetData).
    widget: <W extends BoardWidgetName>(name: W, filters: BoardFilters) =>
      call(BOARD_WIDGET_ENDPOINTS[name] as WidgetEndpoints['calls'], { query: setOnly(filters) }) as Promise<
        ApiResult<WidgetData[W]>
      >,
    rows: (source, filters, cell, cursor) =>
      call(getBoardRows, {
        params: { source },
        query: setOnly({ ...filters, ...cell, cursor: cursor ?? undefined }),
      }),
    credentials: deps.credentials,
  };
}
