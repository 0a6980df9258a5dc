import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BOARD_WIDGETS,
  BOARD_WIDGET_ENDPOINTS,
  getBoardEvents,
  getBoardOptions,
  drillCellSchema,
  getBoardRows,
  type BoardChange,
  type BoardFilters,
  type DrillCell,
} from '../../../shared/api/board';
import { seesPersonalData } from '../../../shared/board/access';
import { KNOWN_BLOCK_CODES } from '../../../shared/blocks/codes';
import { FORMS, FORM_IDS } from '../../../shared/forms/fields';
import { PROCEDURES } from '../../../shared/procedures';
import { currentUser, sendError } from '../auth/plugin';
import type { Queryable } from '../db/types';
import type { RouteDeps } from '../http';
import { serve } from '../route';
import { ensureBusinessDays } from './calendar';
import { casesWidget, indicatorWidget } from './caseWidgets';
import { drill } from './drill';
import { BoardChanges } from './live';
import { BoardFilterError, defaultRange, resolveFilters } from './scope';
import { agentsWidget, callsWidget, formsWidget, ticketsWidget } from './widgets';

const widgets = {
  calls: callsWidget,
  forms: formsWidget,
  tickets: ticketsWidget,
  agents: agentsWidget,
  cases: casesWidget,
  indicator: indicatorWidget,
};

async function asOf(db: Queryable): Promise<Date> {
  const { rows } = await db.query<{ as_of: Date }>('SELECT board_as_of() AS as_of');
  return rows[0]!.as_of;
}

/** The supervisors' board: widgets, the rows behind each number, options and live changes. */
export const boardRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { db, now, config, calendar } = deps;
  const read = deps.boardDb ?? db;
  await ensureBusinessDays(db, calendar);
  const changes = new BoardChanges(config.boardLiveMinMs);
  await changes.start(db);
  const streams = new Set<PassThrough>();
  app.addHook('preClose', async () => {
    // Open event streams would hold the server open: end them, the boards reconnect elsewhere.
    for (const stream of streams) stream.end();
  });
  app.addHook('onClose', async () => changes.stop());

  const today = () => calendar.dayOf(now());
  const fail = (reply: Parameters<typeof sendError>[0], error: unknown) => {
    if (error instanceof BoardFilterError) return sendError(reply, error.statusCode, error.message);
    throw error;
  };

  serve(app, getBoardOptions, async (request) => {
    const user = currentUser(request);
    const teamOnly = user.role === 'supervisor';
    const teams = await read.query<{ team: string; name: string }>(
      `SELECT username AS team, display_name AS name FROM users
          WHERE role = 'supervisor' AND NOT disabled ${teamOnly ? 'AND id = $1' : ''} ORDER BY display_name`,
      teamOnly ? [user.id] : [],
    );
    const agents = await read.query<{ agent: string; name: string; team: string | null }>(
      `SELECT u.username AS agent, u.display_name AS name, s.username AS team
           FROM users u LEFT JOIN users s ON s.id = u.supervisor_id
          WHERE u.role = 'agent' ${teamOnly ? 'AND u.supervisor_id = $1' : ''} ORDER BY u.display_name`,
      teamOnly ? [user.id] : [],
    );
    const seen = await read.query<{ block: string }>(
      `SELECT DISTINCT unnest(block_set) AS block FROM board_calls WHERE period = 'm' AND day >= current_date - 400`,
    );
    const typologies = await read.query<{ id: number; asunto: string; item: string; subitem: string }>(
      'SELECT id, asunto, item, subitem FROM ticket_typologies ORDER BY asunto, item, subitem',
    );
    return {
      teams: teams.rows,
      agents: agents.rows,
      blocks: [...new Set([...KNOWN_BLOCK_CODES, ...seen.rows.map((row) => row.block)])].sort(),
      formTypes: FORM_IDS.map((id) => ({ formType: id, title: FORMS[id].title })),
      ticketTypes: typologies.rows.map((t) => ({
        id: t.id,
        label: `${t.asunto} / ${t.item} / ${t.subitem}`,
      })),
      procedures: Object.values(PROCEDURES).map((p) => ({ procedure: p.id, title: p.title })),
      teamLocked: teamOnly ? user.username : null,
      personalData: seesPersonalData(user.role),
      defaults: defaultRange(today()),
    };
  });

  for (const widget of BOARD_WIDGETS) {
    serve(app, BOARD_WIDGET_ENDPOINTS[widget], async (request, reply) => {
      try {
        const q = await resolveFilters(read, currentUser(request), request.query, today(), now());
        const at = await asOf(read);
        return await widgets[widget](read, q, at);
      } catch (error) {
        return fail(reply, error);
      }
    });
  }

  serve(app, getBoardRows, async (request, reply) => {
    const user = currentUser(request);
    // The query is the board's filters plus the cell's: split them by the cell schema's keys.
    const { cursor, limit, ...rest } = request.query;
    const cell: Record<string, unknown> = {};
    const filters: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest))
      (key in drillCellSchema.shape ? cell : filters)[key] = value;
    try {
      const q = await resolveFilters(read, user, filters as BoardFilters, today(), now());
      const at = await asOf(read);
      return await drill(
        read,
        q,
        {
          source: request.params.source,
          cell: cell as DrillCell,
          cursor: cursor ?? null,
          limit,
          personalData: seesPersonalData(user.role),
        },
        at,
      );
    } catch (error) {
      return fail(reply, error);
    }
  });

  serve(app, getBoardEvents, async (request, reply) => {
    const stream = new PassThrough();
    streams.add(stream);
    const send = <E extends 'ready' | 'changed'>(
      event: E,
      data: E extends 'changed' ? BoardChange : { at: string },
    ) => stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const unsubscribe = changes.subscribe((change) => send('changed', change));
    const heartbeat = setInterval(() => stream.write(': ping\n\n'), 15_000);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(stream);
    };
    stream.on('close', stop);
    // The board went away: drop the connection at once (nothing more will be written to it).
    request.raw.socket.on('close', () => {
      stop();
      stream.destroy();
    });
    stream.write('retry: 2000\n\n');
    send('ready', { at: now().toISOString() });
    reply.header('content-type', 'text/event-stream; charset=utf-8');
    reply.header('cache-control', 'no-store');
    reply.header('x-accel-buffering', 'no');
    // A stream is one long response: when it ends, so does its connection (never idle keep-alive).
    reply.header('connection', 'close');
    return reply.send(stream);
  });
};
