import type { Logger } from './logger';

/**
 * External links leave the app only for sites the operator listed (companion.json
 * "externalLinks"), only over https, and only to the system browser.
 */
export function isAllowedExternalUrl(raw: string, allowList: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return allowList.some((entry) => {
    let allowed: URL;
    try {
      allowed = new URL(entry);
    } catch {
      return false;
    }
    if (allowed.protocol !== 'https:' || allowed.origin !== url.origin) return false;
    // "https://intranet.empresa.cl/ayuda" allows /ayuda and /ayuda/…, not /ayudante.
    const prefix = allowed.pathname.endsWith('/') ? allowed.pathname : `${allowed.pathname}/`;
    return url.pathname === allowed.pathname || url.pathname.startsWith(prefix);
  });
}

export interface ExternalOpener {
  /** Opens the link in the system browser if the allow-list lets it; says whether it did. */
  open(url: string): boolean;
}

const shorten = (url: string) => (url.length > 200 ? `${url.slice(0, 200)}…` : url);

export function createExternalOpener(deps: {
  allowList: () => readonly string[];
  /** The system browser (shell.openExternal): only ever called after the allow-list check below. */
  openInBrowser: (url: string) => Promise<void>;
  logger: Logger;
}): ExternalOpener {
  return {
    open(url) {
      if (!isAllowedExternalUrl(url, deps.allowList())) {
        deps.logger.warn('external link blocked', { url: shorten(url) });
        return false;
      }
      deps.logger.info('link opened in system browser', { url: shorten(url) });
      deps.openInBrowser(url).catch((error: unknown) => {
        deps.logger.warn('could not open link in system browser', {
          url: shorten(url),
          error: String(error),
        });
      });
      return true;
    },
  };
}
