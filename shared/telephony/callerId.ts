import { normalizeChileanPhone } from '../validation/phone';
import { canonicalRut } from '../validation/rut';
import type { SearchKey } from '../search/query';

/**
 * Who is calling, read from the headers of an incoming INVITE.
 *
 * The number comes from the first identity header that carries a valid phone number, in
 * order of trust: P-Asserted-Identity (asserted by the carrier), Remote-Party-ID (older
 * carriers), From (whatever the caller claims). A customer code or RUT that the IVR
 * collected (header `X-Customer-Id` by default) identifies the customer better than the
 * line he calls from, so it comes first in `lookup`.
 *
 * Never throws: malformed or absent headers give "Número desconocido".
 */

export const UNKNOWN_CALLER_LABEL = 'Número desconocido';
export const DEFAULT_IVR_HEADER = 'X-Customer-Id';

/** Header values by name, as a plain object (names are matched case-insensitively). */
export type SipHeaderValues = Readonly<Record<string, string | readonly string[] | null | undefined>>;

export type CallerIdSource = 'p-asserted-identity' | 'remote-party-id' | 'from';

export interface IvrIdentity {
  /** The header it came from. */
  header: string;
  /** Its value as received (trimmed, bounded), plain data. */
  raw: string;
  /** Readings valid as a RUT and/or a customer code; empty when the value is malformed. */
  keys: Array<Extract<SearchKey, { by: 'rut' | 'codigo' }>>;
}

export interface CallerId {
  /** What the agent reads: the E.164 number, or "Número desconocido". */
  label: string;
  /** E.164 ("+56912345678") or null. */
  number: string | null;
  numberSource: CallerIdSource | null;
  /** Display name as sent (it may contain markup: it is data, render it as text). */
  displayName: string | null;
  /** User part of the identity that was used, e.g. an internal extension "2000" (plain data). */
  rawUser: string | null;
  ivr: IvrIdentity | null;
  /**
   * Directory look-ups in order of precedence: the IVR readings, then the number.
   * Search them in order and stop at the first that finds someone. Empty: unknown caller.
   */
  lookup: SearchKey[];
}

export interface CallerIdOptions {
  /** SIP header carrying the IVR's customer code or RUT. */
  ivrHeader?: string;
}

/** Bound on any header value we look at: a hostile INVITE must not make us scan megabytes. */
const MAX_HEADER_LENGTH = 2048;
const MAX_DISPLAY_NAME_LENGTH = 200;
/** Compact header forms (RFC 3261 §7.3.3). */
const COMPACT_NAMES: Record<string, string> = { f: 'from' };

export function extractCallerId(headers: SipHeaderValues, options: CallerIdOptions = {}): CallerId {
  const ivr = readIvr(headers, options.ivrHeader ?? DEFAULT_IVR_HEADER);

  const sources: Array<[CallerIdSource, string]> = [
    ['p-asserted-identity', 'P-Asserted-Identity'],
    ['remote-party-id', 'Remote-Party-ID'],
    ['from', 'From'],
  ];

  let chosen: { source: CallerIdSource; identity: Identity; number: string } | null = null;
  const seen: Identity[] = [];
  for (const [source, name] of sources) {
    for (const value of headerValues(headers, name)) {
      for (const identity of parseIdentities(value)) {
        if (source === 'remote-party-id' && identity.privacyFull) continue;
        seen.push(identity);
        const number = identity.user === null ? null : safeNormalize(identity.user);
        if (!chosen && number) chosen = { source, identity, number };
      }
    }
  }

  const lookup: SearchKey[] = [...(ivr?.keys ?? [])];
  if (chosen) lookup.push({ by: 'phone', value: chosen.number });

  const shown = chosen?.identity ?? seen[0];
  return {
    label: chosen?.number ?? UNKNOWN_CALLER_LABEL,
    number: chosen?.number ?? null,
    numberSource: chosen?.source ?? null,
    // The chosen identity's name, else the first name any identity header gives.
    displayName:
      shown?.displayName ?? seen.find((identity) => identity.displayName !== null)?.displayName ?? null,
    rawUser: shown?.user ?? seen.find((identity) => identity.user !== null)?.user ?? null,
    ivr,
    lookup,
  };
}

interface Identity {
  displayName: string | null;
  user: string | null;
  privacyFull: boolean;
}

function headerValues(headers: SipHeaderValues, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    const lower = key.trim().toLowerCase();
    if (lower !== wanted && COMPACT_NAMES[lower] !== wanted) continue;
    const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    for (const item of list) {
      if (typeof item === 'string' && item.trim() !== '') out.push(item.slice(0, MAX_HEADER_LENGTH));
    }
  }
  return out;
}

function readIvr(headers: SipHeaderValues, header: string): IvrIdentity | null {
  const raw = headerValues(headers, header)[0]?.trim();
  if (!raw) return null;
  const keys: IvrIdentity['keys'] = [];
  const rut = canonicalRut(raw);
  if (rut) keys.push({ by: 'rut', value: rut });
  if (/^[A-Za-z0-9-]{1,20}$/.test(raw)) keys.push({ by: 'codigo', value: raw.toUpperCase() });
  return { header, raw: raw.slice(0, MAX_DISPLAY_NAME_LENGTH), keys };
}

/**
 * Splits a header value into its comma-separated name-addr / addr-spec entries
 * (P-Asserted-Identity may carry a sip: and a tel: one) and reads each.
 */
function parseIdentities(value: string): Identity[] {
  return splitOutsideQuotesAndBrackets(value)
    .map(parseNameAddr)
    .filter((identity): identity is Identity => identity !== null);
}

function splitOutsideQuotesAndBrackets(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  let inBrackets = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && inQuotes && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
      continue;
    }
    if (ch === '"' && !inBrackets) inQuotes = !inQuotes;
    else if (ch === '<' && !inQuotes) inBrackets = true;
    else if (ch === '>' && !inQuotes) inBrackets = false;
    if (ch === ',' && !inQuotes && !inBrackets) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseNameAddr(entry: string): Identity | null {
  let displayName: string | null = null;
  let uri: string;
  let params = '';

  const quoted = /^"((?:[^"\\]|\\.)*)"\s*/.exec(entry);
  let rest = entry;
  if (quoted) {
    displayName = (quoted[1] ?? '').replace(/\\(.)/g, '$1');
    rest = entry.slice(quoted[0].length);
  }
  const open = rest.indexOf('<');
  const close = open >= 0 ? rest.indexOf('>', open) : -1;
  if (open >= 0 && close > open) {
    if (displayName === null && open > 0) displayName = rest.slice(0, open).trim() || null;
    uri = rest.slice(open + 1, close).trim();
    params = rest.slice(close + 1);
  } else if (open >= 0) {
    return null; // "<sip:..." never closed: malformed
  } else {
    // addr-spec without brackets: header params start at the first ';' after the URI.
    const semi = rest.indexOf(';');
    uri = (semi >= 0 ? rest.slice(0, semi) : rest).trim();
    params = semi >= 0 ? rest.slice(semi) : '';
  }

  return {
    displayName: cleanDisplayName(displayName),
    user: uriUser(uri),
    privacyFull: /;\s*privacy\s*=\s*"?(full|name|uri)/i.test(params),
  };
}

function cleanDisplayName(name: string | null): string | null {
  if (name === null) return null;
  // Control characters would only disturb the UI; markup stays, as text.
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return cleaned === '' ? null : cleaned.slice(0, MAX_DISPLAY_NAME_LENGTH);
}

/** User part of a sip:/sips:/tel: URI; null for anything else or an anonymous identity. */
function uriUser(uri: string): string | null {
  const scheme = /^(sips?|tel):/i.exec(uri);
  if (!scheme) return null;
  let body = uri.slice(scheme[0].length);
  if (scheme[1]?.toLowerCase() === 'tel') {
    body = body.split(';')[0] ?? '';
  } else {
    const at = body.lastIndexOf('@');
    if (at <= 0) return null;
    body = body.slice(0, at).split(';')[0] ?? '';
    body = body.split(':')[0] ?? ''; // user:password (deprecated)
  }
  let user: string;
  try {
    user = decodeURIComponent(body);
  } catch {
    return null;
  }
  user = user.trim();
  if (user === '' || /^anonymous$/i.test(user)) return null;
  return user.slice(0, 64);
}

function safeNormalize(user: string): string | null {
  try {
    return normalizeChileanPhone(user);
  } catch {
    return null;
  }
}
