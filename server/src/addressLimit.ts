import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Fixed-window counters per key (a client address), in this process's memory. Bounded: past
 * `maxKeys` the expired windows go, and if that is not enough, all of them (a flood from very many
 * addresses then starts over, rather than growing the process without end).
 */
export class WindowCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one event for `key`; the milliseconds until its window ends once past `max`, else 0. */
  hit(key: string): number {
    const window = this.current(key, true)!;
    window.count += 1;
    return window.count > this.max ? window.resetAt - this.now() : 0;
  }

  /** Milliseconds until `key` may go on, without counting (0: it may). */
  blockedFor(key: string): number {
    const window = this.current(key, false);
    return window && window.count >= this.max ? window.resetAt - this.now() : 0;
  }

  private current(key: string, create: boolean) {
    const now = this.now();
    let window = this.windows.get(key);
    if (window && window.resetAt <= now) {
      this.windows.delete(key);
      window = undefined;
    }
    if (!window && create) {
      if (this.windows.size >= this.maxKeys) {
        for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
        if (this.windows.size >= this.maxKeys) this.windows.clear();
      }
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    return window;
  }
}

export function tooMany(reply: FastifyReply, retryMs: number) {
  const seconds = Math.max(1, Math.ceil(retryMs / 1000));
  reply.header('retry-after', String(seconds));
  return reply.code(429).send({
    statusCode: 429,
    error: 'Too Many Requests',
    message: `Demasiadas solicitudes: espere ${seconds} s e intente nuevamente.`,
  });
}

/**
 * The first `onRequest` hook, before CORS answers and before any token is looked up: a flood from
 * one address is turned away without touching the database, whatever token it carries. Must be
 * registered before the authentication hook (hooks run in registration order).
 */
export function registerAddressLimit(app: FastifyInstance, requests: WindowCounter): void {
  app.addHook('onRequest', async (request, reply) => {
    const wait = requests.hit(request.ip);
    if (wait > 0) return tooMany(reply, wait);
  });
}
