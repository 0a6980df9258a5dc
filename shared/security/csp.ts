/**
 * The app's Content-Security-Policy, written once: main sends it as a response header and the
 * renderer's index.html carries it in a meta tag (file:// pages get no response headers).
 * Back office and PBX addresses are configurable, so connect-src allows any TLS endpoint plus
 * plain ws/http only on this machine.
 */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'] as const;
const LOOPBACK_SCHEMES = ['ws', 'wss', 'http', 'https'] as const;

const loopbackSources = LOOPBACK_SCHEMES.flatMap((scheme) =>
  LOOPBACK_HOSTS.map((host) => `${scheme}://${host}:*`),
);

export const CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'media-src': ["'self'", 'blob:', 'mediastream:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", ...loopbackSources, 'wss:', 'https:'],
  'manifest-src': ["'self'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

/** Directives a browser ignores (with a console warning) when the policy comes from a meta tag. */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** `forMeta` drops header-only directives, for an index.html meta tag. */
export function serializeCsp(directives: CspDirectives, options: { forMeta?: boolean } = {}): string {
  return Object.entries(directives)
    .filter(([name]) => !(options.forMeta && HEADER_ONLY_DIRECTIVES.has(name)))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Full policy, for the Content-Security-Policy response header. */
export const CONTENT_SECURITY_POLICY = serializeCsp(CSP_DIRECTIVES);

/** Same policy minus header-only directives: what the built index.html's meta tag should carry. */
export const META_CONTENT_SECURITY_POLICY = serializeCsp(CSP_DIRECTIVES, { forMeta: true });

/**
 * Only for the Vite dev server (never a packaged app): Vite injects <style> tags for CSS and the
 * React plugin an inline refresh preamble, both of which the strict policy blocks.
 */
export const DEV_SERVER_CSP_DIRECTIVES: CspDirectives = {
  ...CSP_DIRECTIVES,
  'script-src': [...(CSP_DIRECTIVES['script-src'] ?? []), "'unsafe-inline'"],
  'style-src': [...(CSP_DIRECTIVES['style-src'] ?? []), "'unsafe-inline'"],
};

export const DEV_SERVER_CONTENT_SECURITY_POLICY = serializeCsp(DEV_SERVER_CSP_DIRECTIVES);
