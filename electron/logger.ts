import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LogLevel } from '../shared/ipc/contract';

export type LogFields = Record<string, string | number | boolean | null>;

export interface Logger {
  write(level: LogLevel, msg: string, fields?: LogFields, source?: string): void;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** Resolves once every line so far has reached the file (tests, shutdown). */
  flush(): Promise<void>;
}

export interface LoggerOptions {
  /** JSON-lines file; null logs to stderr only. */
  filePath: string | null;
  stderr?: { write(chunk: string): unknown };
  now?: () => Date;
  /** Past this size the file is moved to `<name>.1<ext>` when the logger starts. */
  maxFileBytes?: number;
}

export function logFilePath(userDataDir: string): string {
  return path.join(userDataDir, 'logs', 'main.log');
}

/** Keeps an error's name and message (never its stack of user data) as flat fields. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.message, errorName: error.name };
  return { error: String(error) };
}

const RESERVED = ['time', 'level', 'source', 'msg'];

export function formatLine(
  time: Date,
  level: LogLevel,
  source: string,
  msg: string,
  fields: LogFields = {},
): string {
  const entry: Record<string, unknown> = { time: time.toISOString(), level, source, msg };
  for (const [key, value] of Object.entries(fields)) {
    // Caller fields never overwrite the envelope.
    entry[RESERVED.includes(key) ? `field.${key}` : key] = value;
  }
  // JSON.stringify escapes newlines, so one entry is always exactly one line.
  return `${JSON.stringify(entry)}\n`;
}

async function rotateIfLarge(filePath: string, maxBytes: number): Promise<void> {
  try {
    if ((await stat(filePath)).size <= maxBytes) return;
  } catch {
    return;
  }
  const ext = path.extname(filePath);
  await rename(filePath, `${filePath.slice(0, filePath.length - ext.length)}.1${ext}`);
}

export function createLogger(options: LoggerOptions): Logger {
  const stderr = options.stderr ?? process.stderr;
  const now = options.now ?? (() => new Date());
  const { filePath } = options;
  // Reported once; later appends still try, in case the disk recovers.
  let fileFailed = false;

  // Appends are chained so lines land in order; each append opens and closes the file, which
  // keeps no handle locked on Windows.
  let queue: Promise<void> = filePath
    ? mkdir(path.dirname(filePath), { recursive: true })
        .then(() => rotateIfLarge(filePath, options.maxFileBytes ?? 5 * 1024 * 1024))
        .catch(reportFileFailure)
    : Promise.resolve();

  function reportFileFailure(error: unknown): void {
    if (fileFailed) return;
    fileFailed = true;
    stderr.write(
      formatLine(now(), 'error', 'main', 'log file unavailable; logging to stderr only', {
        ...errorFields(error),
        file: filePath,
      }),
    );
  }

  function write(level: LogLevel, msg: string, fields?: LogFields, source = 'main'): void {
    const line = formatLine(now(), level, source, msg, fields);
    stderr.write(line);
    if (!filePath) return;
    queue = queue.then(() => appendFile(filePath, line, 'utf8').catch(reportFileFailure));
  }

  return {
    write,
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    flush: () => queue,
  };
}
