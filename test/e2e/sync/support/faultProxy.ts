import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy can do to one request between the app and the back office:
 * - drop: cut the connection before forwarding (the server never sees it);
 * - stall: hold the request past the app's timeout, never forward it;
 * - slow: forward at once, answer only after the app's timeout (the server HAS committed);
 * - 500 / 503: answer an error without forwarding;
 * - reset-request: forward half the request body, then cut both sides;
 * - reset-body: forward, then send the headers and half the answer and cut (committed);
 * - lost-ack: forward, wait for the whole answer, cut without a byte (committed).
 */
export const FAULTS = [
  'drop',
  'stall',
  'slow',
  '500',
  '503',
  'reset-request',
  'reset-body',
  'lost-ack',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface BatchRecord {
  ids: string[];
  fault: Fault | null;
  status: number | null;
  startedAt: number;
  endedAt: number | null;
}

export interface ProxyRequest {
  method: string;
  path: string;
  ids: string[];
}

/**
 * A small HTTP proxy in front of the real server, as the app's back office: it passes everything
 * through (CORS preflights and headers come from the server) and injects faults chosen per request.
 */
export class FaultProxy {
  private server: http.Server | null = null;
  /** Chooses a fault (or none) for each request; the default passes everything through. */
  plan: (request: ProxyRequest) => Fault | null = () => null;
  /** Every request to the server is refused (the network is down). */
  down = false;
  /** Called once the whole batch body has reached the server (e.g. to kill it mid-batch). */
  onBatchForwarded: ((request: ProxyRequest) => void) | null = null;
  /** Extra delay before answering a passed-through batch (to reload a page mid-flush). */
  answerDelayMs = 0;
  readonly faults = new Map<Fault, number>();
  readonly batches: BatchRecord[] = [];
  /** Same form in two requests in flight at once: two senders at work. Must stay empty. */
  readonly overlaps: string[] = [];
  private readonly inFlight = new Map<string, number>();
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(
    private readonly upstreamPort: () => number,
    /** The app's request timeout: "stall" and "slow" wait longer than this. */
    private readonly clientTimeoutMs: number,
  ) {}

  get totalFaults(): number {
    return [...this.faults.values()].reduce((a, b) => a + b, 0);
  }

  /** Binds a port of its own (0: no port is chosen first and bound later); see `port` / `url`. */
  async listen(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Only on the proxy's own error answers (as a reverse proxy configured for the app would). */
  private cors(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Vary', 'Origin');
  }

  private count(fault: Fault): void {
    this.faults.set(fault, (this.faults.get(fault) ?? 0) + 1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0]!;
    const isBatch = req.method === 'POST' && path === '/forms/batch';
    let ids: string[] = [];
    if (isBatch) {
      try {
        ids = (JSON.parse(body.toString('utf8')) as { forms: Array<{ id: string }> }).forms.map((f) => f.id);
      } catch {
        ids = [];
      }
    }
    const request: ProxyRequest = { method: req.method ?? 'GET', path, ids };
    const record: BatchRecord | null = isBatch
      ? { ids, fault: null, status: null, startedAt: Date.now(), endedAt: null }
      : null;
    if (record) {
      this.batches.push(record);
      for (const id of ids) {
        if (this.inFlight.has(id)) this.overlaps.push(id);
        this.inFlight.set(id, (this.inFlight.get(id) ?? 0) + 1);
      }
    }
    // In flight until the app's side of this request is over: marked the moment the proxy answers
    // or cuts (before the app can react), or when the app aborts it (timeout).
    let over = false;
    const done = () => {
      if (over || !record) return;
      over = true;
      record.endedAt = Date.now();
      for (const id of ids) {
        const n = (this.inFlight.get(id) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(id);
        else this.inFlight.set(id, n);
      }
    };
    res.once('close', done);

    const cut = (): void => {
      done();
      req.socket.destroy();
    };
    if (this.down) return cut();
    const fault = this.plan(request);
    if (record) record.fault = fault;
    if (fault) this.count(fault);

    switch (fault) {
      case 'drop':
        return cut();
      case 'stall':
        setTimeout(cut, this.clientTimeoutMs + 400);
        return;
      case '500':
      case '503':
        done();
        this.cors(req, res);
        res.writeHead(Number(fault), { 'content-type': fault === '503' ? 'text/html' : 'application/json' });
        res.end(
          fault === '503'
            ? '<html><body>Service Unavailable</body></html>'
            : JSON.stringify({
                statusCode: 500,
                error: 'Internal Server Error',
                message: 'Error interno (inyectado).',
              }),
        );
        return;
      default:
        break;
    }

    const upstream = http.request({
      host: '127.0.0.1',
      port: this.upstreamPort(),
      method: req.method,
      path: req.url,
      headers: {
        ...req.headers,
        host: `127.0.0.1:${this.upstreamPort()}`,
        'content-length': String(body.length),
      },
    });
    upstream.on('error', () => cut()); // server down or killed: the app sees a cut connection
    if (fault === 'reset-request') {
      upstream.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => {
        upstream.destroy();
        cut();
      }, 30);
      return;
    }
    upstream.end(body, () => {
      if (isBatch) this.onBatchForwarded?.(request);
    });
    upstream.on('response', (answer) => {
      const parts: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => parts.push(chunk));
      answer.on('error', () => cut());
      answer.on('end', () => {
        const payload = Buffer.concat(parts);
        if (record) record.status = answer.statusCode ?? null;
        const headers: http.OutgoingHttpHeaders = {
          ...answer.headers,
          'content-length': String(payload.length),
        };
        for (const hop of ['connection', 'keep-alive', 'transfer-encoding']) delete headers[hop];
        const send = () => {
          if (res.destroyed) return;
          done();
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(payload);
        };
        switch (fault) {
          case 'lost-ack':
            return cut();
          case 'reset-body':
            res.writeHead(answer.statusCode ?? 200, headers);
            res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => setTimeout(cut, 10));
            return;
          case 'slow':
            setTimeout(send, this.clientTimeoutMs + 400);
            return;
          default:
            if (isBatch && this.answerDelayMs > 0) setTimeout(send, this.answerDelayMs);
            else send();
        }
      });
    });
  }
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
