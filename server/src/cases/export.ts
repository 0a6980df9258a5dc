import { addDays, zonedInstant, type BusinessCalendar } from '../../../shared/calendar';
import { exportColumns, toXlsx } from '../../../shared/export';
import { PROCEDURES, caseNumber } from '../../../shared/procedures';
import type { Queryable } from '../db/types';

interface ZoningRow {
  id: number;
  subject: string;
  customer_code: string | null;
  customer_name: string;
  data: Record<string, string>;
  closed_at: Date;
  closed_by: string | null;
}

const COLUMNS = exportColumns<ZoningRow>([
  { header: 'Caso', value: (row) => caseNumber('anulacion', row.id), width: 12 },
  { header: 'Solicitud', value: (row) => row.subject, width: 14 },
  { header: 'Orden de trabajo', value: (row) => row.data.workOrder ?? '', width: 16 },
  { header: 'Código cliente', value: (row) => row.customer_code ?? '', width: 14 },
  { header: 'Cliente', value: (row) => row.customer_name, width: 30 },
  { header: 'Zonificación digitada', value: (row) => row.data.zoning ?? '', width: 40 },
  { header: 'Observación original', value: (row) => row.data.observation ?? '', width: 40 },
  { header: 'Digitada', value: (row) => row.closed_at, width: 17 },
  { header: 'Digitada por', value: (row) => row.closed_by ?? '', width: 22 },
]);

/** The month's first instant and the next month's, in the calendar's zone ('2026-03' → [1 Mar, 1 Apr)). */
export function monthRange(month: string, calendar: BusinessCalendar): { from: Date; to: Date } {
  const first = `${month}-01`;
  const next = addDays(first, 32).slice(0, 7);
  return {
    from: zonedInstant(first, 0, calendar.timeZone),
    to: zonedInstant(`${next}-01`, 0, calendar.timeZone),
  };
}

/**
 * Seed 003 step 21: the month's zonificación cases as a spreadsheet for Div. Facturación ("hoja
 * dinámica"), so the customer is not billed for them. One row per case ended «zonificada».
 */
export async function zoningWorkbook(
  db: Queryable,
  month: string,
  calendar: BusinessCalendar,
): Promise<{ bytes: Uint8Array; rows: number }> {
  const { from, to } = monthRange(month, calendar);
  const ends = Object.values(PROCEDURES.anulacion.endStates)
    .filter((end) => end.billingExport)
    .map((end) => end.id);
  const { rows } = await db.query<ZoningRow>(
    `SELECT c.id, c.subject, c.customer_code, c.customer_name, c.data, c.closed_at,
            (SELECT u.display_name FROM case_events e JOIN users u ON u.id = e.actor_id
              WHERE e.case_id = c.id AND e.kind = 'transition' ORDER BY e.id DESC LIMIT 1) AS closed_by
       FROM cases c
      WHERE c.procedure = 'anulacion' AND c.end_state = ANY($1::text[])
        AND c.closed_at >= $2::timestamptz AND c.closed_at < $3::timestamptz
      ORDER BY c.closed_at, c.id`,
    [ends, from.toISOString(), to.toISOString()],
  );
  const bytes = await toXlsx(COLUMNS, rows, {
    mask: false,
    sheet: `Zonificación ${month}`,
    timeZone: calendar.timeZone,
  });
  return { bytes, rows: rows.length };
}
