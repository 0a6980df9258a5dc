/**
 * Refer-To targets of transfers. A blind transfer may carry context in a header of the Refer-To
 * URI (RFC 3261 §19.1.1: `sip:26939901@pbx?X-Companion-Case=CASE-1`), which the transferee copies
 * into its new INVITE. An attended transfer carries Replaces (RFC 3891) naming the consult dialog
 * as the consult target sees it.
 */

/** Header of the Refer-To URI (and so of the INVITE the Telecobranzas desk gets) with the case id. */
export const CASE_HEADER = 'X-Companion-Case';

/** A case id longer than this is cut: it travels in every INVITE of the transfer. */
const MAX_CASE_ID_LENGTH = 64;

export interface DialogIds {
  callId: string;
  localTag: string;
  remoteTag: string;
}

/** `uri` with URI headers appended (values escaped). Headers already in `uri` are kept. */
export function withUriHeaders(uri: string, headers: Readonly<Record<string, string>>): string {
  const parts = Object.entries(headers)
    .filter(([name, value]) => /^[A-Za-z0-9-]+$/.test(name) && value !== '')
    .map(([name, value]) => `${name}=${escapeHeaderValue(value)}`);
  if (parts.length === 0) return uri;
  return `${uri}${uri.includes('?') ? '&' : '?'}${parts.join('&')}`;
}

/** Refer-To URI of a blind transfer, with the case id header when there is one. */
export function blindReferTarget(targetUri: string, options: { caseId?: string | null } = {}): string {
  const caseId = options.caseId?.trim().slice(0, MAX_CASE_ID_LENGTH);
  return caseId ? withUriHeaders(targetUri, { [CASE_HEADER]: caseId }) : targetUri;
}

/**
 * Refer-To URI of an attended transfer: the consult target's address with Replaces. Our dialog's
 * remote tag is the target's local tag, so it goes in to-tag (RFC 3891 §3).
 */
export function attendedReferTarget(targetUri: string, consult: DialogIds): string {
  return withUriHeaders(targetUri, {
    Replaces: `${consult.callId};to-tag=${consult.remoteTag};from-tag=${consult.localTag}`,
  });
}

/** The headers of a SIP URI (`?a=b&c=d`), unescaped; what a transferee adds to its new INVITE. */
export function uriHeaders(uri: string): Record<string, string> {
  const bare = uri.replace(/^<|>$/g, '');
  const query = bare.indexOf('?');
  if (query < 0) return {};
  const headers: Record<string, string> = {};
  for (const part of bare.slice(query + 1).split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    try {
      headers[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
    } catch {
      // A malformed escape: skip that header, keep the others.
    }
  }
  return headers;
}

/** The URI without its headers. */
export function uriWithoutHeaders(uri: string): string {
  const query = uri.indexOf('?');
  return query < 0 ? uri : uri.slice(0, query);
}

/**
 * hvalue = *( hnv-unreserved / unreserved / escaped ). encodeURIComponent leaves only unreserved
 * characters, so it is safe; it also escapes the "[]/?:+$" that hnv-unreserved would allow.
 */
function escapeHeaderValue(value: string): string {
  return encodeURIComponent(value);
}
