import type { Transporter } from 'nodemailer';
import { backoffDelay } from '../../../shared/backoff';
import { cutText } from '../../../shared/text/storable';
import type { Db } from '../db/types';

function describeSendError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown })?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return `SMTP no terminó el envío en ${(timeoutMs / 1000).toLocaleString('es-CL')} s (envío cancelado)`;
  return error instanceof Error ? error.message : String(error);
}

export interface MailWorkerOptions {
  from: string;
  batch: number;
  pollMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Cap on one SMTP delivery, connection included: a stalling server fails the send, not the worker. */
  sendTimeoutMs?: number;
  /**
   * How long a claim keeps other workers off its rows. Longer than a batch of capped sends, so a
   * live worker's row is never claimed twice; a crashed worker's rows come back after it.
   */
  leaseMs?: number;
  log?: {
    info: (obj: object, msg: string) => void;
    warn: (obj: object, msg: string) => void;
    error: (obj: object, msg: string) => void;
  };
}

interface OutboxRow {
  id: number;
  message_id: string;
  recipients: string[];
  cc: string[];
  subject: string;
  body: string;
  /** After the claim: this claim's number, also its fencing token. */
  attempts: number;
}

export const DEFAULT_SEND_TIMEOUT_MS = 30_000;

type Transport = Pick<Transporter, 'sendMail'> & { close?: () => void };

/**
 * Drains the mail outbox: claim, commit, send, then mark — no database connection is held while
 * SMTP talks (the embedded database has only one, and /healthz and every request share it).
 *
 * 1. Claim: one statement takes due rows with `FOR UPDATE SKIP LOCKED` (other workers skip them,
 *    never wait), counts the attempt and moves `next_attempt_at` past a lease; it commits at once.
 *    Until the lease ends no other worker sees those rows.
 * 2. Send each, capped at `sendTimeoutMs` (an AbortSignal closes the SMTP connection).
 * 3. Mark: `sent`, or the error and the backoff — only if the claim is still ours (the attempt
 *    count fences a claim that outlived its lease).
 *
 * Each Message-ID goes out once, unless the process dies between the SMTP server's "250 OK" and
 * the mark: then the lease ends, the row is claimed again and sent again (at-least-once) with the
 * same Message-ID, so the duplicate can be recognised.
 */
export class MailWorker {
  private stopped = true;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private kicked = false;
  private transport: Transport | null = null;
  /** Aborted by stop(): a send in progress ends now instead of at its cap. */
  private stopping = new AbortController();

  constructor(
    private readonly db: Db,
    /** A transport, or a factory (one new transport after each close). */
    private readonly transportSource: Transport | (() => Transport),
    private readonly options: MailWorkerOptions,
  ) {}

  private get sendTimeoutMs(): number {
    return this.options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? this.options.batch * this.sendTimeoutMs + 60_000;
  }

  private currentTransport(): Transport {
    this.transport ??=
      typeof this.transportSource === 'function' ? this.transportSource() : this.transportSource;
    return this.transport;
  }

  /** Claims due rows and commits: from here until the lease ends they are this worker's. */
  private async claim(): Promise<OutboxRow[]> {
    const { rows } = await this.db.query<OutboxRow>(
      `UPDATE mail_outbox m
          SET attempts = m.attempts + 1,
              next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE m.id IN (SELECT id FROM mail_outbox
                        WHERE status = 'pending' AND next_attempt_at <= now()
                        ORDER BY next_attempt_at, id LIMIT $1
                        FOR UPDATE SKIP LOCKED)
      RETURNING m.id, m.message_id, m.recipients, m.cc, m.subject, m.body, m.attempts`,
      [this.options.batch, this.leaseMs],
    );
    return rows.sort((a, b) => a.id - b.id);
  }

  private async send(row: OutboxRow): Promise<void> {
    await this.currentTransport().sendMail({
      from: this.options.from,
      to: row.recipients,
      ...(row.cc.length > 0 ? { cc: row.cc } : {}),
      subject: row.subject,
      text: row.body,
      messageId: row.message_id,
      headers: { 'X-Companion-Outbox-Id': String(row.id) },
      signal: AbortSignal.any([AbortSignal.timeout(this.sendTimeoutMs), this.stopping.signal]),
    } as Parameters<Transport['sendMail']>[0]);
  }

  /** Claims and sends one batch. */
  async runOnce(): Promise<{ claimed: number; sent: number; failed: boolean }> {
    const rows = await this.claim();
    let sent = 0;
    let failed = false;
    for (const [index, row] of rows.entries()) {
      try {
        await this.send(row);
      } catch (error) {
        const message = this.stopping.signal.aborted
          ? 'envío interrumpido: el servidor se detuvo'
          : describeSendError(error, this.sendTimeoutMs);
        // The shared schedule, capped: SMTP down for hours means a retry every few minutes.
        const delay = backoffDelay(row.attempts - 1, {
          baseMs: this.options.backoffBaseMs,
          capMs: this.options.backoffMaxMs,
        });
        const { rowCount } = await this.db.query(
          `UPDATE mail_outbox SET last_error = $3,
                  next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
            WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
          [row.id, row.attempts, cutText(message, 500), delay],
        );
        if (rowCount === 0) this.lostClaim(row);
        this.options.log?.warn(
          { outboxId: row.id, attempts: row.attempts, retryInMs: delay, err: message },
          'mail not sent, will retry',
        );
        // The server is likely down: give the rest of the batch back for the next round.
        await this.release(rows.slice(index + 1));
        failed = true;
        break;
      }
      const { rowCount } = await this.db.query(
        `UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = NULL
          WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
        [row.id, row.attempts],
      );
      if (rowCount === 0) this.lostClaim(row);
      sent += 1;
    }
    return { claimed: rows.length, sent, failed };
  }

  /** Unsent rows of a claim go back as they were, due now. */
  private async release(rows: OutboxRow[]): Promise<void> {
    for (const row of rows) {
      await this.db.query(
        `UPDATE mail_outbox SET attempts = attempts - 1, next_attempt_at = now()
          WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
        [row.id, row.attempts],
      );
    }
  }

  private lostClaim(row: OutboxRow): void {
    this.options.log?.error(
      { outboxId: row.id, messageId: row.message_id, leaseMs: this.leaseMs },
      'mail claim outlived its lease: another worker may have sent it too (same Message-ID)',
    );
  }

  /** Sends until nothing is due (or `maxRounds`); for tests and the CLI. */
  async drain(maxRounds = 1000): Promise<void> {
    if (this.stopping.signal.aborted && !this.running) this.stopping = new AbortController();
    for (let round = 0; round < maxRounds; round += 1) {
      if ((await this.runOnce()).claimed === 0) return;
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = new AbortController();
    this.running = this.loop();
  }

  /** Something was queued: look now instead of at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Ends the send in progress (it is marked for a retry), then stops and closes SMTP connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.wake?.();
    await this.running;
    this.running = null;
    this.transport?.close?.();
    this.transport = null;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let busy = false;
      try {
        this.kicked = false;
        const round = await this.runOnce();
        busy = round.claimed >= this.options.batch && !round.failed;
      } catch (error) {
        this.options.log?.error(
          { err: error instanceof Error ? error.message : String(error) },
          'mail worker round failed',
        );
      }
      if (this.stopped) break;
      if (busy || this.kicked) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
