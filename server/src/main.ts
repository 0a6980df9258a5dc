import pino from 'pino';
import { buildApp } from './app';
import { calendarFor } from './cases/calendar';
import { sweepOverdueTickets } from './escalations/repo';
import { loadConfig } from './config';
import { migrate } from './db/migrate';
import { openDb } from './db/open';
import { openPostgres } from './db/postgres';
import { MailWorker } from './mail/worker';
import { createSmtpTransport } from './mail/transport';
import { seedDemo } from './seed';

/** `npm run server`: migrate, (seed), serve, send mail; stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password'],
  });
  const db = await openDb(config);
  const applied = await migrate(db);
  log.info(
    { db: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined, applied },
    'database ready',
  );
  if (config.seedDemo) await seedDemo(db, log, config.seedDirectoryCsv);

  const worker = new MailWorker(db, createSmtpTransport(config.smtpUrl), {
    from: config.mailFrom,
    batch: config.mailBatch,
    pollMs: config.mailPollMs,
    backoffBaseMs: config.mailBackoffBaseMs,
    backoffMaxMs: config.mailBackoffMaxMs,
    log: log.child({ component: 'mail' }),
  });
  // The board may read from a replica (server/README.md, "Board"); everything else uses `db`.
  const boardDb = config.boardDatabaseUrl ? openPostgres(config.boardDatabaseUrl, 5) : undefined;
  const app = await buildApp({ db, config, logger: log, kickMail: () => worker.kick(), boardDb });
  if (config.mailWorker) worker.start();
  // Z4 tickets that went overdue join the escalations inbox even when nobody opens it.
  const calendar = calendarFor(config.timeZone);
  const sweep = setInterval(() => {
    const now = new Date();
    sweepOverdueTickets(db, calendar.dayOf(now), now).catch((error: unknown) =>
      log.error(
        { err: error instanceof Error ? error.message : String(error) },
        'overdue ticket sweep failed',
      ),
    );
  }, 10 * 60_000);
  sweep.unref();
  await app.listen({ host: config.host, port: config.port });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    // A stuck client must not keep the process alive forever.
    const force = setTimeout(() => {
      log.error('shutdown timed out, exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    clearInterval(sweep);
    await app.close();
    await worker.stop();
    await boardDb?.close();
    await db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
