/**
 * What a database error means for the HTTP answer. Both drivers (pg and PGlite) report the
 * SQLSTATE in `code`; network failures reaching PostgreSQL carry Node's errno codes.
 *
 * - `input`: the data sent cannot be stored (class 22 "data exception": a NUL byte, an invalid
 *   escape, a number out of range; 54000 "program limit exceeded": a value too large for an
 *   index). The schemas are meant to catch all of these first; this is the net under them, so
 *   client input never becomes a 500.
 * - `unavailable`: the database cannot be reached or refuses work right now (class 08
 *   connection, 53 resources, 57P0x shutdown/starting): a 503 the client retries later.
 */
export type DbErrorKind = 'input' | 'unavailable' | null;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

export function classifyDbError(error: unknown): DbErrorKind {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^22[0-9A-Z]{3}$/.test(code) || code === '54000') return 'input';
    if (/^(08|53)[0-9A-Z]{3}$/.test(code) || /^57P0[1-4]$/.test(code)) return 'unavailable';
    if (NETWORK_CODES.has(code)) return 'unavailable';
  }
  const message = (error as { message?: unknown }).message;
  // node-postgres' own words when the server goes away mid-query or the pool cannot connect.
  if (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
      message,
    )
  )
    return 'unavailable';
  return null;
}
