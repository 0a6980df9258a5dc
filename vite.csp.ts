import type { Plugin } from 'vite';
import { DEV_SERVER_CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from './shared/security/csp.ts';

/** Writes the one CSP (shared/security/csp.ts) into index.html's meta tag. */
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
  };
}
