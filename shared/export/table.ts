/**
 * Tables to CSV and .xlsx, as the screen shows them. Two protections every export gets:
 * - formula injection: a text cell that a spreadsheet would run as a formula (= + - @, tab, CR at
 *   the start) is prefixed with an apostrophe, so it shows as typed and never runs;
 * - personal data: RUT and phone columns are masked unless the viewer's role may see them.
 */
import writeXlsxFile, { type Row as XlsxRow } from 'write-excel-file/universal';

export type CellValue = string | number | boolean | Date | null | undefined;

export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => CellValue;
  /** Personal data: masked unless `mask: false`. */
  sensitive?: 'rut' | 'phone';
  /** How dates show: a local day, or day and time (in `timeZone`). Default: datetime. */
  date?: 'day' | 'datetime';
  /** Column width in characters (.xlsx). */
  width?: number;
}

export interface ExportOptions {
  /** Mask RUT and phone columns (true unless the viewer's role may see them). */
  mask: boolean;
  /** Zone in which dates are written (default America/Santiago). */
  timeZone?: string;
}

/** Keeps the row type when columns are declared apart from their use. */
export function exportColumns<Row>(columns: ExportColumn<Row>[]): ExportColumn<Row>[] {
  return columns;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet would treat as a formula, made inert (OWASP CSV injection advice). */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** '12.345.678-5' → '**.***.678-5': enough to tell two customers apart on a call-back, no more. */
export function maskRut(rut: string): string {
  // Already masked (e.g. by the server for this role): masking again would lose the grouping.
  if (rut.includes('*')) return rut;
  const clean = rut.replace(/[^0-9kK]/g, '');
  if (clean.length < 2) return '*'.repeat(rut.length);
  const body = clean.slice(0, -1);
  const dv = clean.slice(-1).toUpperCase();
  const visible = body.slice(-3);
  const hidden = '*'.repeat(Math.max(0, body.length - visible.length));
  const digits = hidden + visible;
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return `${groups.join('.')}-${dv}`;
}

/** Every digit but the last four hidden: '+56 9 1234 5678' → '+** * **** 5678'. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  let seen = 0;
  return phone.replace(/\d/g, (digit) => (++seen > digits - 4 ? digit : '*'));
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function formatDate(value: Date, kind: 'day' | 'datetime', timeZone: string): string {
  const key = `${kind}|${timeZone}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(kind === 'datetime' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    dateFormatters.set(key, formatter);
  }
  return formatter.format(value);
}

/** One cell as text-or-number, after masking and neutralising. */
function exportValue<Row>(
  column: ExportColumn<Row>,
  row: Row,
  options: ExportOptions,
): string | number | boolean | null {
  const value = column.value(row);
  if (value === null || value === undefined) return null;
  if (value instanceof Date)
    return formatDate(value, column.date ?? 'datetime', options.timeZone ?? 'America/Santiago');
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  let text = value;
  if (options.mask && column.sensitive === 'rut') text = maskRut(text);
  if (options.mask && column.sensitive === 'phone') text = maskPhone(text);
  return neutralizeCell(text);
}

function csvField(value: string | number | boolean | null, delimiter: string): string {
  if (value === null) return '';
  const text = typeof value === 'boolean' ? (value ? 'SI' : 'NO') : String(value);
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV with a BOM (so Excel reads the accents) and CRLF line ends. The delimiter defaults
 * to ';', which Excel in es-CL expects (its decimal separator is the comma).
 */
export function toCsv<Row>(
  columns: ExportColumn<Row>[],
  rows: readonly Row[],
  options: ExportOptions & { delimiter?: ',' | ';'; bom?: boolean },
): string {
  const delimiter = options.delimiter ?? ';';
  const lines = [columns.map((column) => csvField(neutralizeCell(column.header), delimiter)).join(delimiter)];
  for (const row of rows) {
    lines.push(
      columns.map((column) => csvField(exportValue(column, row, options), delimiter)).join(delimiter),
    );
  }
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}

/** The same table as an .xlsx workbook (one sheet, bold header row, widths when given). */
export async function toXlsx<Row>(
  columns: ExportColumn<Row>[],
  rows: readonly Row[],
  options: ExportOptions & { sheet?: string },
): Promise<Uint8Array> {
  const header: XlsxRow = columns.map((column) => ({
    value: neutralizeCell(column.header),
    fontWeight: 'bold',
  }));
  const body: XlsxRow[] = rows.map((row) =>
    columns.map((column) => {
      const value = exportValue(column, row, options);
      if (value === null) return null;
      if (typeof value === 'number') return { value, type: Number };
      if (typeof value === 'boolean') return { value: value ? 'SI' : 'NO', type: String };
      return { value, type: String };
    }),
  );
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const sheet = (options.sheet ?? 'Datos').replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Datos';
  const blob = await writeXlsxFile([header, ...body], {
    sheet,
    columns: columns.map((column) => ({
      width: column.width ?? Math.max(10, Math.min(40, column.header.length + 2)),
    })),
  }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
