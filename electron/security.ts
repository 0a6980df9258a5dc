import { app, type Session, type WebContents } from 'electron';
import type { ExternalOpener } from './externalLinks';
import type { Logger } from './logger';

/** What our renderer may ask for: the microphone (SIP line) and writing to the clipboard. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['media', 'clipboard-sanitized-write']);

export interface SecurityOptions {
  /** True for URLs of our own renderer (see appUrl.ts). */
  isAppUrl: (url: string) => boolean;
  logger: Logger;
}

export interface GuardOptions extends SecurityOptions {
  /** The operator's allow-list decides which links reach the system browser. */
  external: ExternalOpener;
}

const shorten = (url: string) => (url.length > 200 ? `${url.slice(0, 200)}…` : url);

export interface PermissionQuery {
  permission: string;
  /** URL of the frame asking; undefined when not asked on behalf of a document. */
  requestingUrl: string | undefined;
  /** For 'media': the devices asked for. The softphone needs audio only. */
  mediaTypes?: readonly string[];
}

/** One rule for both the request and the check handler, so they can never disagree. */
export function isPermissionGranted(query: PermissionQuery, isAppUrl: (url: string) => boolean): boolean {
  if (!ALLOWED_PERMISSIONS.has(query.permission)) return false;
  if (!query.requestingUrl || !isAppUrl(query.requestingUrl)) return false;
  if (query.permission === 'media') {
    const types = query.mediaTypes ?? [];
    return types.length > 0 && types.every((type) => type === 'audio');
  }
  return true;
}

export function applyContentSecurityPolicy(ses: Session, policy: string): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [policy];
    callback({ responseHeaders });
  });
}

export function installPermissionHandlers(ses: Session, { isAppUrl, logger }: SecurityOptions): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const granted = isPermissionGranted(
      { permission, requestingUrl: details.requestingUrl, mediaTypes },
      isAppUrl,
    );
    if (!granted) {
      logger.warn('permission request denied', {
        permission,
        url: shorten(details.requestingUrl ?? ''),
        mediaTypes: mediaTypes?.join(',') ?? null,
      });
    }
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionGranted(
      {
        permission,
        requestingUrl: details.requestingUrl,
        mediaTypes: details.mediaType ? [details.mediaType] : undefined,
      },
      isAppUrl,
    ),
  );
  // USB/HID/serial devices: never.
  ses.setDevicePermissionHandler(() => false);
}

type NavigationEvent = { preventDefault(): void; url: string; isMainFrame: boolean };

export function hardenWebContents(contents: WebContents, { isAppUrl, logger, external }: GuardOptions): void {
  const blockForeign = (kind: string) => (event: NavigationEvent) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    logger.warn('navigation blocked', { kind, url: shorten(event.url), mainFrame: event.isMainFrame });
  };
  contents.on('will-navigate', blockForeign('will-navigate'));
  contents.on('will-redirect', blockForeign('will-redirect'));
  // will-navigate covers the main frame only; this one sees subframes too.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) blockForeign('will-frame-navigate')(event);
  });

  // No page ever opens a window: links the operator allowed go to the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    external.open(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    event.preventDefault();
    logger.warn('webview blocked', { src: shorten(params.src ?? '') });
  });
}

/** Before app ready: every web contents ever created gets the guards. */
export function installWebContentsGuards(options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}

/** After app ready: CSP header and permissions for the default session. */
export function installSessionSecurity(
  ses: Session,
  options: SecurityOptions & { contentSecurityPolicy: string },
): void {
  applyContentSecurityPolicy(ses, options.contentSecurityPolicy);
  installPermissionHandlers(ses, options);
}
