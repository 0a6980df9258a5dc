import pino from 'pino';
import { buildApp } from './app';
import { calendarFor } from './cases/calendar';
import { sweepOverdueTickets } from './escalations/repo';
import { isLoopbackHost, loadConfig } from './config';
import { prepareDatabase } from './db/prepare';
import { openDb } from './db/open';
import { openPostgres } from './db/postgres';
import { MailWorker } from './mail/worker';
import { createSmtpTransport } from './mail/transport';
import { StartupRefusal } from './refusal';
import { demoAccountsWithKnownPasswords, seedDemo } from './seed';

/** Secrets never reach the log: headers, and any password field wherever it sits. */
const LOG_REDACTIONS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.*.password',
  'users[*].password',
];

/** `npm run server`: migrate, (seed), serve, send mail; stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, redact: LOG_REDACTIONS });
  const exposed = !isLoopbackHost(config.host);
  if (config.seedDemo && exposed) {
    throw new StartupRefusal(
      `SEED_DEMO está activo y HOST=${config.host} no es local: las cuentas demo tienen contraseñas publicadas. ` +
        'Quite SEED_DEMO o escuche en 127.0.0.1.',
    );
  }
  const db = await openDb(config);
  const applied = await prepareDatabase(db);
  log.info(
    { db: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined, applied },
    'database ready',
  );
  if (config.seedDemo) await seedDemo(db, log, config.seedDirectoryCsv);
  if (exposed) {
    const known = await demoAccountsWithKnownPasswords(db);
    if (known.length > 0) {
      await db.close();
      throw new StartupRefusal(
        `Las cuentas ${known.join(', ')} aún tienen su contraseña demo publicada y HOST=${config.host} las expondría a la red. ` +
          'Cámbielas (npm run server:admin -- set-password --username USUARIO) o desactívelas (disable-user --username USUARIO) y arranque de nuevo.',
      );
    }
  }

  const worker = new MailWorker(db, () => createSmtpTransport(config.smtpUrl), {
    from: config.mailFrom,
    sendTimeoutMs: config.mailSendTimeoutMs,
    leaseMs: config.mailLeaseMs,
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
  // PORT=0 binds any free port: say which, in the log and to a parent that spawned this server
  // with an IPC channel (the tests and benchmarks: no port is chosen first and bound later).
  const address = app.server.address();
  const boundPort = address && typeof address === 'object' ? address.port : config.port;
  log.info({ port: boundPort }, 'listening');
  process.send?.({ type: 'listening', port: boundPort });

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
  // A refusal the operator must act on is one clear line; anything else keeps its stack.
  if (error instanceof StartupRefusal) pino().fatal(error.message);
  else console.error(error);
  process.exit(1);
});
