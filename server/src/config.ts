import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CORS_ORIGINS } from './cors';

/** Everything the server reads from the environment, parsed once with defaults that work on a fresh machine. */
export interface ServerConfig {
  host: string;
  port: number;
  /** postgres://… for production; null means embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Largest request body in bytes (413 above it). The directory import has its own limit. */
  bodyLimit: number;
  directoryImportLimit: number;
  maxBatch: number;
  tokenTtlHours: number;
  /** Absolute lifetime of a sign-in: refreshes never extend a session past it. */
  tokenMaxHours: number;
  /** How long a process trusts a token it has checked (0 = ask the database every time). */
  authCacheMs: number;
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Sign-in attempts per address and minute, any outcome (a floor behind one NAT signs in at once). */
  loginRateLimitMax: number;
  /** Failed sign-ins per address and username and minute: one user's typos lock out only that user there. */
  loginFailuresMax: number;
  /** Failed sign-ins per address and minute, whatever the username: the ceiling against password spraying. */
  loginSprayMax: number;
  /** Requests per client address and window, before authentication. */
  rateLimitIpMax: number;
  /** Requests with a missing, unknown or expired token per address and window; past it, 429 without a look-up. */
  authFailuresMax: number;
  /** Fastify's trustProxy: behind a load balancer, the client address comes from X-Forwarded-For. */
  trustProxy: boolean | string | number;
  smtpUrl: string;
  mailFrom: string;
  /** Domain used in Message-IDs (`<outbox-42@domain>`). */
  mailDomain: string;
  mailWorker: boolean;
  mailPollMs: number;
  mailBatch: number;
  mailBackoffBaseMs: number;
  mailBackoffMaxMs: number;
  /** Cap on one SMTP delivery (connection, every command, the data). */
  mailSendTimeoutMs: number;
  /**
   * How long a claimed mail stays this worker's: a worker killed between claim and mark leaves its
   * mail to others (or to itself after a restart) only once the lease ends.
   */
  mailLeaseMs: number;
  /** IANA zone that defines "today" for ticket due dates. */
  timeZone: string;
  /** Seed the demo accounts into an empty database (never while listening beyond loopback). */
  seedDemo: boolean;
  /** Directory loaded with the demo seed: the app's sample by default with PGlite ('' = none). */
  seedDirectoryCsv: string | null;
  logLevel: string;
  /** Origins allowed by CORS: the app's own pages by default (see cors.ts). */
  corsOrigins: string[];
  /** A read replica for the board's queries (postgres://…); null reads the main database. */
  boardDatabaseUrl: string | null;
  /** A board hears at most one live change per this many ms (bursts are folded). */
  boardLiveMinMs: number;
}

export const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The sample directory the app ships (assets/), the embedded default's directory. */
export const SAMPLE_DIRECTORY_CSV = path.resolve(SERVER_ROOT, '..', 'assets', 'sample-directory.csv');

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** TRUST_PROXY: unset/false, true, a hop count, or addresses/CIDRs of the proxies (comma-separated). */
function trustProxy(raw: string | undefined): boolean | string | number {
  const value = raw?.trim() ?? '';
  if (value === '' || ['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** A lease that can end while its own sends still run would let two workers send one mail. */
function mailLease(env: NodeJS.ProcessEnv): number {
  const busy = int(env, 'MAIL_BATCH', 1) * int(env, 'MAIL_SEND_TIMEOUT_MS', 30_000);
  const lease = int(env, 'MAIL_LEASE_MS', busy + 60_000);
  if (lease < busy + 1000)
    throw new Error(
      `MAIL_LEASE_MS must be at least MAIL_BATCH × MAIL_SEND_TIMEOUT_MS + 1000 (${busy + 1000}; got ${lease})`,
    );
  return lease;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number (got "${raw}")`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const host = env.HOST ?? '127.0.0.1';
  return {
    host,
    port: int(env, 'PORT', 8787),
    databaseUrl,
    dataDir: env.DATA_DIR ?? path.join(SERVER_ROOT, 'data'),
    bodyLimit: int(env, 'BODY_LIMIT', 1024 * 1024),
    directoryImportLimit: int(env, 'DIRECTORY_IMPORT_LIMIT', 1024 * 1024 * 1024),
    maxBatch: int(env, 'MAX_BATCH', 500),
    tokenTtlHours: int(env, 'TOKEN_TTL_HOURS', 12),
    tokenMaxHours: int(env, 'TOKEN_MAX_HOURS', 24),
    authCacheMs: int(env, 'AUTH_CACHE_MS', 5000),
    rateLimitMax: int(env, 'RATE_LIMIT_MAX', 600),
    rateLimitWindowMs: int(env, 'RATE_LIMIT_WINDOW_MS', 60_000),
    loginRateLimitMax: int(env, 'LOGIN_RATE_LIMIT_MAX', 300),
    loginFailuresMax: int(env, 'LOGIN_FAILURES_MAX', 5),
    loginSprayMax: int(env, 'LOGIN_SPRAY_MAX', 30),
    rateLimitIpMax: int(env, 'RATE_LIMIT_IP_MAX', 6000),
    authFailuresMax: int(env, 'AUTH_FAILURES_MAX', 120),
    trustProxy: trustProxy(env.TRUST_PROXY),
    smtpUrl: env.SMTP_URL ?? 'smtp://127.0.0.1:2525',
    mailFrom: env.MAIL_FROM ?? 'Companion <companion@backoffice.example>',
    mailDomain: env.MAIL_DOMAIN ?? 'companion.backoffice.example',
    mailWorker: bool(env, 'MAIL_WORKER', true),
    mailPollMs: int(env, 'MAIL_POLL_MS', 2000),
    // One mail per claim: a crash between SMTP's accept and the commit can resend at most that one mail.
    mailBatch: int(env, 'MAIL_BATCH', 1),
    mailBackoffBaseMs: int(env, 'MAIL_BACKOFF_BASE_MS', 5000),
    mailBackoffMaxMs: int(env, 'MAIL_BACKOFF_MAX_MS', 15 * 60_000),
    mailSendTimeoutMs: int(env, 'MAIL_SEND_TIMEOUT_MS', 30_000),
    mailLeaseMs: mailLease(env),
    timeZone: env.TZ_TICKETS ?? 'America/Santiago',
    // Known passwords: only for an embedded database served on this machine, unless asked.
    seedDemo: bool(env, 'SEED_DEMO', databaseUrl === null && isLoopbackHost(host)),
    // The embedded default starts with the same sample directory the app ships, so web + server
    // work end to end (and an app signing in never meets an empty directory by default).
    seedDirectoryCsv:
      env.SEED_DIRECTORY_CSV !== undefined
        ? env.SEED_DIRECTORY_CSV.trim() || null
        : databaseUrl === null
          ? SAMPLE_DIRECTORY_CSV
          : null,
    logLevel: env.LOG_LEVEL ?? 'info',
    corsOrigins: env.CORS_ORIGINS?.trim()
      ? env.CORS_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : DEFAULT_CORS_ORIGINS,
    boardDatabaseUrl: env.BOARD_DATABASE_URL?.trim() || null,
    boardLiveMinMs: int(env, 'BOARD_LIVE_MIN_MS', 1000),
  };
}
