import pino from 'pino';
import { buildApp } from './app';
import { loadConfig } from './config';
import { migrate } from './db/migrate';
import { DataDirError } from './db/dataDir';
import { openDb } from './db/open';
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

  const worker = new MailWorker(db, () => createSmtpTransport(config.smtpUrl), {
    from: config.mailFrom,
    sendTimeoutMs: config.mailSendTimeoutMs,
    batch: config.mailBatch,
    pollMs: config.mailPollMs,
    backoffBaseMs: config.mailBackoffBaseMs,
    backoffMaxMs: config.mailBackoffMaxMs,
    log: log.child({ component: 'mail' }),
  });
  const app = await buildApp({ db, config, logger: log, kickMail: () => worker.kick() });
  if (config.mailWorker) worker.start();
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
    await app.close();
    await worker.stop();
    await db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  // A refusal the operator must act on is one clear line; anything else keeps its stack.
  if (
    error instanceof DataDirError ||
    (error instanceof Error && /en uso por el proceso/.test(error.message))
  ) {
    pino().fatal(error.message);
  } else console.error(error);
  process.exit(1);
});
