import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportedPort } from '../../support/listening';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

export interface ServerOptions {
  /** Where the (possibly dead) SMTP server is: a port nobody may listen on is fine. */
  smtpPort: number;
  env?: Record<string, string>;
}

/**
 * The real back office (`server/src/main.ts`) as a child process: embedded PGlite in a temp
 * folder, or PostgreSQL when TEST_DATABASE_URL is set (it must be an empty database: the demo
 * accounts are seeded into it). Can be killed with SIGKILL and started again on the same data.
 * It binds PORT=0 and reports the port it got, on every start: after a restart the port may differ
 * (read `url` / `port` again; the fault proxy asks for it on each request).
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'companion-sync-e2e-'));
  readonly log: string[] = [];
  starts = 0;
  private boundPort: number | null = null;

  constructor(private readonly options: ServerOptions) {}

  /** The port of the running server (of the last start). */
  get port(): number {
    if (this.boundPort === null) throw new Error('the server has not started');
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const databaseUrl = process.env.TEST_DATABASE_URL;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      DATABASE_URL: databaseUrl ?? '',
      SEED_DEMO: '1',
      // The same sample directory the app seeds, so the directory download keeps the customers.
      SEED_DIRECTORY_CSV: path.join(ROOT, 'assets/sample-directory.csv'),
      SMTP_URL: `smtp://127.0.0.1:${this.options.smtpPort}`,
      MAIL_POLL_MS: '200',
      MAIL_BACKOFF_BASE_MS: '100',
      MAIL_BACKOFF_MAX_MS: '1000',
      // A server killed between claiming a mail and marking it sent leaves it claimed until the
      // lease ends: short here (the local SMTP answers at once) so the tests' 60 s wait covers it.
      MAIL_SEND_TIMEOUT_MS: '10000',
      MAIL_LEASE_MS: '12000',
      RATE_LIMIT_MAX: '1000000',
      // Every workstation of the tests signs in from 127.0.0.1: the per-address limits are not under test here.
      LOGIN_RATE_LIMIT_MAX: '1000000',
      LOGIN_FAILURES_MAX: '1000000',
      LOGIN_SPRAY_MAX: '1000000',
      RATE_LIMIT_IP_MAX: '1000000',
      AUTH_FAILURES_MAX: '1000000',
      LOG_LEVEL: 'warn',
      ...this.options.env,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log.push(chunk.toString('utf8'));
      if (this.log.length > 200) this.log.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const port = await reportedPort(child, () => this.log.join('').slice(-2000), 180_000);
    this.boundPort = port;
    // Listening, and healthy: after a SIGKILL the database may still be recovering.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`server exited: ${this.log.join('').slice(-2000)}`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) {
          this.starts += 1;
          return;
        }
      } catch {
        // not answering yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server did not get healthy: ${this.log.join('').slice(-2000)}`);
  }

  /** SIGKILL: no graceful shutdown, in-flight transactions die with the process. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
