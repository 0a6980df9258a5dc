/**
 * Removes secrets from text meant for support (the diagnostic): values of secret-looking keys in
 * JSON or key=value form, bearer tokens, JWTs, passwords in URLs, and any exact value the caller
 * knows to be secret (the stored SIP password and back-office token). Patterns alone cannot catch a
 * password typed into a free-text field, which is why the known values are scrubbed too.
 */
export const REDACTED = '[oculto]';

const SECRET_KEY = String.raw`[\w.-]*(?:pass(?:word)?|passwd|pwd|clave|contrase(?:ñ|n)a|secret|token|authorization|cookie|api[-_]?key|credential|session[-_]?id)[\w.-]*`;

/** "password": "x" and "token":null-free JSON values (quoted string, number or bare word). */
const JSON_PAIR = new RegExp(String.raw`("${SECRET_KEY}"\s*:\s*)("(?:[^"\\]|\\.)*"|[^\s,}\]]+)`, 'gi');
/** password=x, token: x, Authorization: Digest … (up to the end of the field). */
const PLAIN_PAIR = new RegExp(String.raw`(\b${SECRET_KEY}\s*[=:]\s*)(?!\[oculto\])([^\s,;&"'}]+)`, 'gi');
const BEARER = /\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** scheme://user:password@host */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+):[^@\s/]+@/gi;

/** Known secrets shorter than this are not scrubbed: they would erase ordinary words and digits. */
const MIN_KNOWN_SECRET_LENGTH = 4;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  const known = [...new Set(knownSecrets)]
    .filter((secret) => secret.length >= MIN_KNOWN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of known) {
    out = out.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
    // The same value as it appears inside JSON or a URL.
    const jsonForm = JSON.stringify(secret).slice(1, -1);
    if (jsonForm !== secret) out = out.replace(new RegExp(escapeRegExp(jsonForm), 'g'), REDACTED);
    const urlForm = encodeURIComponent(secret);
    if (urlForm !== secret) out = out.replace(new RegExp(escapeRegExp(urlForm), 'g'), REDACTED);
  }
  return out
    .replace(JSON_PAIR, (_m, key: string, value: string) =>
      value === 'null' || value === 'false' || value === 'true' ? `${key}${value}` : `${key}"${REDACTED}"`,
    )
    .replace(URL_USERINFO, `$1:${REDACTED}@`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(PLAIN_PAIR, `$1${REDACTED}`);
}
