import type { DrillCell, DrillSource } from '../../../shared/api/board';
import { formatInt } from './format';

/** The rows behind a number: where they live and which cell they are. */
export interface DrillRequest {
  source: DrillSource;
  cell: DrillCell;
  /** What the dialog says it lists, in Spanish. */
  title: string;
}

export interface BoardColumn<Row> {
  id: string;
  header: string;
  /** What sorts and what the export writes: a number stays a number. */
  value: (row: Row) => string | number | null;
  /** What the screen shows when it is not the plain value (durations, percentages). */
  display?: (row: Row) => string;
  numeric?: boolean;
  /** The rows behind this number (a button that opens them). */
  drill?: (row: Row) => DrillRequest | null;
  sensitive?: 'rut' | 'phone';
}

/** The text a cell shows: the export writes the same (numbers as numbers). */
export function cellText<Row>(column: BoardColumn<Row>, row: Row): string {
  if (column.display) return column.display(row);
  const value = column.value(row);
  if (value === null) return '—';
  return typeof value === 'number' ? formatInt(value) : value;
}

/** What the export writes for a cell: the number for plain numbers, else the text shown. */
export function exportValue<Row>(column: BoardColumn<Row>, row: Row): string | number | null {
  const value = column.value(row);
  if (column.display || typeof value !== 'number') return column.display ? column.display(row) : value;
  return value;
}
