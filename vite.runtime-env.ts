import type { Connect, Plugin } from 'vite';

/** Path the web-mode renderer reads its environment defaults from (served by `npm run web`). */
export const RUNTIME_ENV_PATH = '/companion-env.json';

const KEYS = {
  sipWs: 'COMPANION_SIP_WS',
  sipUri: 'COMPANION_SIP_URI',
  sipPassword: 'COMPANION_SIP_PASSWORD',
  telecobranzasNumber: 'COMPANION_TELECOBRANZAS',
  serverUrl: 'COMPANION_SERVER_URL',
  user: 'COMPANION_USER',
  password: 'COMPANION_PASSWORD',
  externalLinks: 'COMPANION_EXTERNAL_LINKS',
  demo: 'COMPANION_DEMO',
} as const;

/**
 * Only the app's own pages may read the defaults (they can hold the line's and the central's
 * passwords): a browser says where a request comes from in Sec-Fetch-Site, and a cross-origin
 * fetch also carries Origin. A request with neither is not from a web page.
 */
export function fromOwnOrigin(headers: Record<string, string | string[] | undefined>): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  try {
    return typeof origin === 'string' && new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/**
 * Web mode takes its defaults from environment variables at serve time, not at build time: the
 * same build serves a kiosk or a test with its own line, and no secret is baked into the bundle.
 */
export function runtimeEnvPlugin(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    if (req.url?.split('?')[0] !== RUNTIME_ENV_PATH) return next();
    if (!fromOwnOrigin(req.headers)) {
      res.statusCode = 403;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ message: 'Solo la aplicación Companion puede leer su configuración.' }));
      return;
    }
    const body = Object.fromEntries(
      Object.entries(KEYS)
        .map(([key, name]) => [key, process.env[name]])
        .filter(([, value]) => typeof value === 'string' && value !== ''),
    );
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.end(JSON.stringify(body));
  };
  return {
    name: 'companion-runtime-env',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

/**
 * Whether a build ships the demo sample (renderer/app/demoMode.ts): COMPANION_DEMO=1 or 0 at build
 * time forces it on or off; otherwise the build's own default (web: 'auto', Electron: 'off').
 */
export function demoDataBuild(fallback: 'auto' | 'off'): 'on' | 'auto' | 'off' {
  const asked = process.env.COMPANION_DEMO;
  return asked === '1' ? 'on' : asked === '0' ? 'off' : fallback;
}
