import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export const BACK_OFFICE_PATH = '/backoffice';

export interface AppServerOptions {
  /** URL prefix → built directory ("/" → dist of the web mode, "/harness/" → the lookup page). */
  roots: Record<string, string>;
  /** Where /backoffice/* goes; null: nothing listens (as when the back office is down). */
  backOffice(): string | null;
  /** Served as /companion-env.json (the web mode's run-time defaults); `serverUrl` is filled in. */
  env: Record<string, string>;
}

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The web-mode app and the back office behind one origin: a static server plus a streaming
 * reverse proxy under /backoffice. The back office sends no CORS headers, so a browser page on
 * another port cannot read its answers; a same-origin proxy is how a web deployment would serve it.
 * When the back office is down the proxy drops the connection, as a dead server would.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const prefixes = Object.keys(options.roots).sort((a, b) => b.length - a.length);
  let origin = '';

  const serveStatic = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/companion-env.json') {
      res.writeHead(200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ...options.env, serverUrl: `${origin}${BACK_OFFICE_PATH}` }));
      return;
    }
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (!prefix) {
      res.writeHead(404).end();
      return;
    }
    const root = options.roots[prefix]!;
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      await stat(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  };

  const proxy = (req: IncomingMessage, res: ServerResponse) => {
    const target = options.backOffice();
    if (!target) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url!.slice(BACK_OFFICE_PATH.length) || '/', target);
    const upstream = httpRequest(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => req.socket.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    if (req.url?.startsWith(`${BACK_OFFICE_PATH}/`)) proxy(req, res);
    else void serveStatic(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  origin = `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
