import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVER_ROOT } from '../config';
import type { Queryable } from '../db/types';

const SAMPLE_TICKETS = path.join(SERVER_ROOT, '..', 'assets', 'sample-tickets.json');

/**
 * The demo's tickets (the same file the desk ships for its Z4 fixtures), so a desk signed in to a
 * demo back office sees the same open, overdue and closed «Problema de bloqueo» tickets.
 */
export async function seedSampleTickets(db: Queryable, file = SAMPLE_TICKETS): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO tickets (id, customer_code, typology_id, status, due_date, created_at, closed_at, answer)
     SELECT x.id, x."customerCode", y.id, x.status, x."dueDate"::date, x."createdAt", x."closedAt",
            x.resolution->>'answer'
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, "customerCode" text, "typeId" text, status text,
            "dueDate" text, "createdAt" timestamptz, "closedAt" timestamptz, resolution jsonb)
       JOIN ticket_typologies y ON y.leaf_id = x."typeId"
     ON CONFLICT (id) DO NOTHING`,
    [readFileSync(file, 'utf8')],
  );
  return rowCount;
}
