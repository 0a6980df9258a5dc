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
} as const;

/**
 * Web mode takes its defaults from environment variables at serve time, not at build time: the
 * same build serves a kiosk or a test with its own line, and no secret is baked into the bundle.
 */
export function runtimeEnvPlugin(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    if (req.url !== RUNTIME_ENV_PATH) return next();
    const body = Object.fromEntries(
      Object.entries(KEYS)
        .map(([key, name]) => [key, process.env[name]])
        .filter(([, value]) => typeof value === 'string' && value !== ''),
    );
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(body));
  };
  return {
    name: 'companion-runtime-env',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}
