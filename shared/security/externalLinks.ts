/**
 * External links leave the app only for sites the operator listed, to the system browser. An
 * entry allows its origin and path prefix ("https://intranet.empresa.cl/ayuda" allows /ayuda and
 * /ayuda/…, not /ayudante). https by default; plain http only where the operator listed that very
 * http origin (the contact centre's wiki is http on an internal host, seed 001).
 */
export function isAllowedExternalUrl(raw: string, allowList: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return false;
  return allowList.some((entry) => {
    let allowed: URL;
    try {
      allowed = new URL(entry.trim());
    } catch {
      return false;
    }
    if (allowed.protocol !== url.protocol || allowed.origin !== url.origin) return false;
    const prefix = allowed.pathname.endsWith('/') ? allowed.pathname : `${allowed.pathname}/`;
    return url.pathname === allowed.pathname || url.pathname.startsWith(prefix);
  });
}

/** "https://a.cl/x, http://wiki/ " → the entries (operator settings are written by hand). */
export function parseAllowList(raw: string | undefined | null): string[] {
  return (raw ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** What the agent reads when a link is not on the operator's list. */
export const LINK_NOT_ALLOWED =
  'El administrador no autorizó abrir este enlace desde Companion: cópielo y ábralo usted.';
