import type { Transporter } from 'nodemailer';
import { backoffDelay } from '../../../shared/backoff';
import type { Db } from '../db/types';

export interface MailWorkerOptions {
  from: string;
  batch: number;
  pollMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
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
  attempts: number;
}

/**
 * Drains the mail outbox. A claim is one transaction: it locks due rows with
 * `FOR UPDATE SKIP LOCKED` (other workers skip them, never wait), sends each, and marks it sent
 * or schedules the retry in that same transaction. While a row is being sent nobody else can
 * claim it, and once it is marked sent nobody ever will: each mail goes out once, unless the
 * process dies between the SMTP server's "250 OK" and the COMMIT — then the row is still pending
 * and is sent again (at-least-once), with the same Message-ID so the duplicate can be recognised.
 */
export class MailWorker {
  private stopped = true;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private kicked = false;

  constructor(
    private readonly db: Db,
    private readonly transport: Pick<Transporter, 'sendMail'> & { close?: () => void },
    private readonly options: MailWorkerOptions,
  ) {}

  /** Claims and sends one batch. */
  async runOnce(): Promise<{ claimed: number; sent: number; failed: boolean }> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<OutboxRow>(
        `SELECT id, message_id, recipients, cc, subject, body, attempts FROM mail_outbox
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.options.batch],
      );
      let sent = 0;
      let failed = false;
      for (const row of rows) {
        try {
          await this.transport.sendMail({
            from: this.options.from,
            to: row.recipients,
            ...(row.cc.length > 0 ? { cc: row.cc } : {}),
            subject: row.subject,
            text: row.body,
            messageId: row.message_id,
            headers: { 'X-Companion-Outbox-Id': String(row.id) },
          });
          await tx.query(
            `UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
            [row.id],
          );
          sent += 1;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // The shared schedule, capped: SMTP down for hours means a retry every few minutes.
          const delay = backoffDelay(row.attempts, {
            baseMs: this.options.backoffBaseMs,
            capMs: this.options.backoffMaxMs,
          });
          await tx.query(
            `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2,
                    next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1`,
            [row.id, message.slice(0, 500), delay],
          );
          this.options.log?.warn(
            { outboxId: row.id, attempts: row.attempts + 1, retryInMs: delay, err: message },
            'mail not sent, will retry',
          );
          // The server is likely down: leave the rest of the batch for the next round.
          failed = true;
          break;
        }
      }
      return { claimed: rows.length, sent, failed };
    });
  }

  /** Sends until nothing is due (or `maxRounds`); for tests and the CLI. */
  async drain(maxRounds = 1000): Promise<void> {
    for (let round = 0; round < maxRounds; round += 1) {
      if ((await this.runOnce()).claimed === 0) return;
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** Something was queued: look now instead of at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Finishes the claim in progress (its sends and COMMIT), then stops and closes SMTP connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.running = null;
    this.transport.close?.();
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
