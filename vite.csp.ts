import type { Connect, Plugin } from 'vite';
import {
  CONTENT_SECURITY_POLICY,
  DEV_SERVER_CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
} from './shared/security/csp.ts';

/**
 * The response headers of web mode: the whole CSP (frame-ancestors included, which a meta tag
 * cannot carry), no framing, no sniffing, no referrer. `policy` is the dev server's when serving
 * with hot reload.
 */
export function securityHeaders(policy: string): Connect.NextHandleFunction {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
}

/** Writes the one CSP (shared/security/csp.ts) into index.html's meta tag and the response headers. */
export function cspMetaPlugin(): Plugin {
  let policy = META_CONTENT_SECURITY_POLICY;
  return {
    name: 'companion-csp-meta',
    configResolved(config) {
      if (config.command === 'serve' && !config.isProduction) policy = DEV_SERVER_CONTENT_SECURITY_POLICY;
    },
    transformIndexHtml(html) {
      return html.replace('%COMPANION_CSP%', policy);
    },
    configureServer: (server) =>
      void server.middlewares.use(securityHeaders(DEV_SERVER_CONTENT_SECURITY_POLICY)),
    configurePreviewServer: (server) => void server.middlewares.use(securityHeaders(CONTENT_SECURITY_POLICY)),
  };
}
