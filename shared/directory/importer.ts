import Papa from 'papaparse';
import { UserFacingError } from '../errors/userFacing';
import type { Customer } from './customer';
import { parseDirectoryRecord, readDirectoryHeader, type HeaderMap, type RowIssue } from './row';

export interface ImportSummary {
  /** Data lines read (header not counted). */
  lines: number;
  imported: number;
  errors: RowIssue[];
  warnings: RowIssue[];
}

/**
 * Reads directory records one at a time, so a caller can stream a file of any size
 * (papaparse chunks in the browser, a Node stream on the server) through the same rules.
 * Line numbers count records: the header is line 1.
 */
export class DirectoryRecordReader {
  private header: HeaderMap | null = null;
  private line = 0;
  private readonly seen = new Map<string, number>();
  readonly summary: ImportSummary = { lines: 0, imported: 0, errors: [], warnings: [] };

  /** Returns the customer for a good data record, null otherwise (the reason is in `summary`). */
  accept(fields: string[]): Customer | null {
    this.line += 1;
    if (!this.header) {
      this.header = readDirectoryHeader(fields);
      return null;
    }
    if (fields.length === 1 && fields[0]?.trim() === '') return null; // blank line
    this.summary.lines += 1;
    const result = parseDirectoryRecord(fields, this.header, this.line);
    if (!result.ok) {
      this.summary.errors.push(result.error);
      return null;
    }
    const firstLine = this.seen.get(result.customer.codigo);
    if (firstLine !== undefined) {
      this.summary.errors.push({
        line: this.line,
        reason: `código de cliente ${result.customer.codigo} repetido (ya aparece en la línea ${firstLine}): se omitió`,
      });
      return null;
    }
    this.seen.set(result.customer.codigo, this.line);
    this.summary.warnings.push(...result.warnings);
    this.summary.imported += 1;
    return result.customer;
  }

  /** Throws a Spanish message when the file had no header at all. */
  finish(): ImportSummary {
    if (!this.header) throw new UserFacingError('El archivo está vacío: no tiene la fila de encabezado.');
    return this.summary;
  }
}

/** The directory files come comma- or semicolon-separated; the header line tells which. */
export function detectDelimiter(firstLine: string): ',' | ';' {
  const commas = (firstLine.match(/,/g) ?? []).length;
  const semicolons = (firstLine.match(/;/g) ?? []).length;
  return semicolons > commas ? ';' : ',';
}

/** Parses a whole CSV text (UTF-8, optional BOM, RFC 4180 quoting). For small files and tests. */
export function parseDirectoryCsv(text: string): { customers: Customer[]; summary: ImportSummary } {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const reader = new DirectoryRecordReader();
  const customers: Customer[] = [];
  const parsed = Papa.parse<string[]>(body, { delimiter: detectDelimiter(firstLine), skipEmptyLines: false });
  for (const fields of parsed.data) {
    const customer = reader.accept(fields);
    if (customer) customers.push(customer);
  }
  return { customers, summary: reader.finish() };
}
