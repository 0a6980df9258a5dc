import { TICKET_LEAVES, type TicketLeaf } from '../../../shared/requirements/typology';
import type { Db, Queryable } from '../db/types';

/**
 * Ticket types are the typology's ticket leaves (shared/requirements/typology.ts), kept in step at
 * every start: a leaf added becomes a type, a label corrected is updated under the same id, a leaf
 * removed is retired (its tickets keep it). Due days are the typology's placeholders until an
 * admin sets a value, which a later start never overwrites.
 */
export interface TicketType {
  id: string;
  asunto: string;
  item: string;
  subitem: string | null;
  /** What due dates use: the admin's value, else the typology's default. */
  dueBusinessDays: number;
  defaultDueBusinessDays: number;
  /** True while no admin has set the days: the default is a placeholder (see README). */
  placeholder: boolean;
  setBy: string | null;
  setAt: string | null;
  active: boolean;
}

interface TypeRow {
  row_id: number;
  leaf_id: string;
  asunto: string;
  item: string;
  subitem: string | null;
  default_due_days: number;
  due_days: number | null;
  set_by: string | null;
  set_at: Date | null;
  active: boolean;
}

const SELECT_TYPE = `SELECT y.id AS row_id, y.leaf_id, y.asunto, y.item, y.subitem, y.default_due_days, y.due_days,
  u.username AS set_by, y.due_days_set_at AS set_at, y.active
  FROM ticket_typologies y LEFT JOIN users u ON u.id = y.due_days_set_by`;

function toType(row: TypeRow): TicketType {
  return {
    id: row.leaf_id,
    asunto: row.asunto,
    item: row.item,
    subitem: row.subitem,
    dueBusinessDays: row.due_days ?? row.default_due_days,
    defaultDueBusinessDays: row.default_due_days,
    placeholder: row.due_days === null,
    setBy: row.set_by,
    setAt: row.set_at?.toISOString() ?? null,
    active: row.active,
  };
}

// Any constant: processes starting together sync one after the other.
const SYNC_LOCK = 74_201_010;

export async function syncTicketTypes(
  db: Db,
  leaves: readonly TicketLeaf[] = TICKET_LEAVES,
): Promise<{ active: number; retired: number }> {
  const input = leaves.map((leaf) => ({
    leaf_id: leaf.id,
    asunto: leaf.asunto,
    item: leaf.item,
    subitem: leaf.subitem,
    default_due_days: leaf.outcome.defaultDueBusinessDays,
  }));
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
    await tx.query(
      `INSERT INTO ticket_typologies (leaf_id, asunto, item, subitem, default_due_days, active)
       SELECT leaf_id, asunto, item, subitem, default_due_days, true
         FROM jsonb_to_recordset($1::jsonb) AS x(leaf_id text, asunto text, item text, subitem text, default_due_days int)
       ON CONFLICT (leaf_id) DO UPDATE SET asunto = EXCLUDED.asunto, item = EXCLUDED.item,
         subitem = EXCLUDED.subitem, default_due_days = EXCLUDED.default_due_days, active = true`,
      [JSON.stringify(input)],
    );
    const { rowCount } = await tx.query(
      `UPDATE ticket_typologies SET active = false
        WHERE active AND (leaf_id IS NULL OR NOT leaf_id = ANY (SELECT jsonb_array_elements_text($1::jsonb)))`,
      [JSON.stringify(input.map((x) => x.leaf_id))],
    );
    return { active: input.length, retired: rowCount };
  });
}

export async function listTicketTypes(db: Queryable): Promise<TicketType[]> {
  const { rows } = await db.query<TypeRow>(`${SELECT_TYPE} WHERE y.leaf_id IS NOT NULL ORDER BY y.id`);
  return rows.map(toType);
}

/** The type's row id and due days, for a new ticket; null when unknown or retired. */
export async function activeTicketType(
  db: Queryable,
  typeId: string,
): Promise<(TicketType & { rowId: number }) | null> {
  const { rows } = await db.query<TypeRow>(`${SELECT_TYPE} WHERE y.leaf_id = $1 AND y.active`, [typeId]);
  return rows[0] ? { ...toType(rows[0]), rowId: rows[0].row_id } : null;
}

/** Sets (or with null, clears back to the default) a type's due business days. */
export async function setTicketTypeDueDays(
  db: Queryable,
  typeId: string,
  days: number | null,
  userId: number | null,
): Promise<TicketType | null> {
  const { rowCount } = await db.query(
    `UPDATE ticket_typologies SET due_days = $2, due_days_set_by = $3, due_days_set_at = now() WHERE leaf_id = $1`,
    [typeId, days, userId],
  );
  if (rowCount === 0) return null;
  const { rows } = await db.query<TypeRow>(`${SELECT_TYPE} WHERE y.leaf_id = $1`, [typeId]);
  return rows[0] ? toType(rows[0]) : null;
}
