import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, createPgDatabase, describeEachBackend } from '../../test/db';
import { auth, count, form, mailWorker, startApp, type Started } from '../../test/harness';
import { RecordingSmtp, freePort } from '../../test/smtp';
import { migrate } from '../db/migrate';
import { openPostgres } from '../db/postgres';
import { createUser } from '../auth/users';
import { MailWorker } from './worker';

// The retry schedule itself is shared/backoff.ts's (tested there: shared/backoff.test.ts).

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeEachBackend('mail outbox', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open());
  });
  afterAll(() => s.close());

  const post = (forms: unknown[]) =>
    s.app.inject({ method: 'POST', url: '/forms/batch', headers: auth(s.team.agent), payload: { forms } });

  it('keeps the mail while SMTP is down and sends it once when it is back', async () => {
    const port = await freePort();
    const f = form('sinConsumo');
    expect((await post([f])).statusCode).toBe(200);

    const worker = mailWorker(s.db, `smtp://127.0.0.1:${port}`, {
      pollMs: 10,
      backoffBaseMs: 30,
      backoffMaxMs: 60,
    });
    worker.start();
    // Several failed attempts, the mail still pending with the error recorded.
    await until(
      async () =>
        (
          await s.db.query<{ attempts: number }>('SELECT attempts FROM mail_outbox WHERE form_id = $1', [
            f.id,
          ])
        ).rows[0]!.attempts >= 3,
    );
    const { rows } = await s.db.query<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM mail_outbox WHERE form_id = $1',
      [f.id],
    );
    expect(rows[0]).toMatchObject({ status: 'pending' });
    expect(rows[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);

    const smtp = new RecordingSmtp(port);
    await smtp.start();
    try {
      await until(async () => smtp.mails.length > 0);
      // Give the worker time to (wrongly) send again before checking it did not.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await worker.stop();
      expect(smtp.mails.filter((m) => m.text.includes(f.id))).toHaveLength(1);
      expect(
        await count(s.db, `SELECT 1 FROM mail_outbox WHERE form_id = $1 AND status = 'sent'`, [f.id]),
      ).toBe(1);
    } finally {
      await worker.stop();
      await smtp.stop();
    }
  });

  it('holds no database connection while SMTP stalls: /healthz and intake answer during the send', async () => {
    const smtp = new RecordingSmtp();
    await smtp.start();
    smtp.hold();
    const f = form('certificacion');
    expect((await post([f])).statusCode).toBe(200);
    const worker = mailWorker(s.db, smtp.url, { sendTimeoutMs: 120_000 });
    worker.start();
    try {
      // The worker is in the middle of its SMTP conversation, and the server will not answer…
      await smtp.connected();
      // …yet the embedded database's only connection is free: before, this waited for SMTP.
      const health = await s.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      expect((await post([form('certificacion')])).json().accepted).toBe(1);
      const { rows } = await s.db.query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM mail_outbox WHERE form_id = $1',
        [f.id],
      );
      expect(rows[0]).toEqual({ status: 'pending', attempts: 1 });
      smtp.release();
      await until(async () => smtp.mails.some((m) => m.text.includes(f.id)));
      await until(
        async () =>
          (await count(s.db, `SELECT 1 FROM mail_outbox WHERE form_id = $1 AND status = 'sent'`, [f.id])) ===
          1,
      );
    } finally {
      await worker.stop();
      await smtp.stop();
    }
    expect(smtp.mails.filter((m) => m.text.includes(f.id))).toHaveLength(1);
  });

  it('caps each send: a server that never answers fails the attempt, and the mail goes once it does', async () => {
    const smtp = new RecordingSmtp();
    await smtp.start();
    smtp.hold();
    const f = form('tanqueRetirado');
    expect((await post([f])).statusCode).toBe(200);
    const worker = mailWorker(s.db, smtp.url, { sendTimeoutMs: 300, backoffBaseMs: 20, backoffMaxMs: 50 });
    worker.start();
    try {
      await until(async () => {
        const { rows } = await s.db.query<{ last_error: string | null }>(
          'SELECT last_error FROM mail_outbox WHERE form_id = $1',
          [f.id],
        );
        return /no terminó el envío en 0,3 s/.test(rows[0]!.last_error ?? '');
      });
      smtp.release();
      await until(async () => smtp.mails.some((m) => m.text.includes(f.id)));
      await until(
        async () =>
          (await count(s.db, `SELECT 1 FROM mail_outbox WHERE form_id = $1 AND status = 'sent'`, [f.id])) ===
          1,
      );
      // A held connection the worker gave up on must not deliver later: only the one mail.
      await worker.stop();
      expect(smtp.mails.filter((m) => m.text.includes(f.id))).toHaveLength(1);
    } finally {
      await worker.stop();
      await smtp.stop();
    }
  });

  it('a claim whose worker died comes back after its lease, and the late worker cannot overwrite it', async () => {
    const f = form('sinConsumo');
    expect((await post([f])).statusCode).toBe(200);
    // Worker A claims the row and "hangs" in SMTP (a transport that answers only when told).
    let answer: (() => void) | null = null;
    const hung = new MailWorker(
      s.db,
      {
        sendMail: (() => new Promise<void>((resolve) => (answer = resolve))) as never,
      },
      { from: 'x@test', batch: 10, pollMs: 10, backoffBaseMs: 10, backoffMaxMs: 10, leaseMs: 400 },
    );
    const aRound = hung.runOnce();
    await until(async () => answer !== null);
    const smtp = new RecordingSmtp();
    await smtp.start();
    const b = mailWorker(s.db, smtp.url, { leaseMs: 400 });
    try {
      // While A's lease runs, B finds nothing due for that form.
      await b.runOnce();
      expect(smtp.mails.filter((m) => m.text.includes(f.id))).toHaveLength(0);
      // After it, B takes the row over and sends it.
      await until(async () => {
        await b.runOnce();
        return smtp.mails.some((m) => m.text.includes(f.id));
      });
      // A wakes up: its mark is fenced off by the attempt count, the row stays B's.
      answer!();
      expect((await aRound).sent).toBe(1);
      const { rows } = await s.db.query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM mail_outbox WHERE form_id = $1',
        [f.id],
      );
      expect(rows[0]).toEqual({ status: 'sent', attempts: 2 });
    } finally {
      await b.stop();
      await smtp.stop();
    }
  });

  it('two workers at once send each mail exactly once', async () => {
    const forms = Array.from({ length: 60 }, () => form('certificacion'));
    expect((await post(forms)).json().accepted).toBe(60);
    const smtp = new RecordingSmtp();
    await smtp.start();
    // On PostgreSQL each claim holds its own pooled connection, so the two really overlap.
    const a = mailWorker(s.db, smtp.url, { batch: 5 });
    const b = mailWorker(s.db, smtp.url, { batch: 5 });
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    await Promise.all([a.stop(), b.stop()]);
    await smtp.stop();
    const ids = forms.map((f) => f.id);
    const received = smtp.mails.filter((m) => ids.some((id) => m.text.includes(id)));
    expect(received).toHaveLength(60);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(60);
    expect(await count(s.db, `SELECT 1 FROM mail_outbox WHERE status = 'pending'`)).toBe(0);
  });
});

// Skipped without PostgreSQL (SKIP LOCKED across processes needs a real server; npm run test:server starts one).
describe.skipIf(!PG_URL)('mail outbox across processes [postgres]', () => {
  it('workers on separate connection pools (as separate processes) never send one mail twice', async () => {
    const { url, drop } = await createPgDatabase();
    const dbs = [openPostgres(url, 4), openPostgres(url, 4), openPostgres(url, 4)];
    const smtp = new RecordingSmtp();
    try {
      await migrate(dbs[0]!);
      const user = await createUser(dbs[0]!, { username: 'ana', password: 'clave-de-ana', role: 'agent' });
      // 300 queued mails straight in the outbox, as intake would leave them.
      await dbs[0]!.query(
        `INSERT INTO mail_outbox (route_key, message_id, recipients, subject, body)
         SELECT 'TC', '<m' || g || '@test>', ARRAY['tc@test.cl'], 'Asunto ' || g, 'Cuerpo ' || g FROM generate_series(1, 300) g`,
      );
      expect(user.id).toBeGreaterThan(0);
      await smtp.start();
      // Three "processes", two workers each, all draining at the same time.
      const workers = dbs.flatMap((db) => [
        mailWorker(db, smtp.url, { batch: 7 }),
        mailWorker(db, smtp.url, { batch: 3 }),
      ]);
      await Promise.all(workers.map((w) => w.drain()));
      await Promise.all(workers.map((w) => w.stop()));
      const ids = smtp.mails.map((m) => m.messageId);
      expect(ids).toHaveLength(300);
      expect(new Set(ids).size).toBe(300);
      expect(await count(dbs[0]!, `SELECT 1 FROM mail_outbox WHERE status = 'sent'`)).toBe(300);
    } finally {
      await smtp.stop();
      for (const db of dbs) await db.close();
      await drop();
    }
  });
});
