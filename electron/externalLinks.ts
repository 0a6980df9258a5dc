import { isAllowedExternalUrl } from '../shared/security/externalLinks';
import type { Logger } from './logger';

export interface ExternalOpener {
  /** Opens the link in the system browser if the allow-list lets it; says whether it did. */
  open(url: string): boolean;
}

const shorten = (url: string) => (url.length > 200 ? `${url.slice(0, 200)}…` : url);

/**
 * External links leave the app only for sites the operator listed (companion.json
 * "externalLinks", https or loopback: operatorConfig.ts), only to the system browser. The check is
 * the renderer's too (shared/security/externalLinks.ts), so both explain and decide alike.
 */
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
