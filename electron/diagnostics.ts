import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  buildDiagnostic,
  DIAGNOSTIC_LOG_LINES,
  type DiagnosticFacts,
  type DiagnosticInput,
} from '../shared/diagnostics/diagnostic';
import { errorFields, type Logger } from './logger';

/** The last `maxLines` lines of a log file (and of its rotated predecessor when it is short). */
export async function readLogTail(
  filePath: string,
  maxLines: number,
  maxBytes = 256 * 1024,
): Promise<string[]> {
  const ext = path.extname(filePath);
  const rotated = `${filePath.slice(0, filePath.length - ext.length)}.1${ext}`;
  const lines: string[] = [];
  for (const file of [filePath, rotated]) {
    const chunk = await readEnd(file, maxBytes);
    if (chunk === null) continue;
    const fileLines = chunk.split('\n').filter((line) => line.trim() !== '');
    // A cut at maxBytes leaves a partial first line: drop it.
    if (chunk.length >= maxBytes) fileLines.shift();
    lines.unshift(...fileLines);
    if (lines.length >= maxLines) break;
  }
  return lines.slice(-maxLines);
}

async function readEnd(filePath: string, maxBytes: number): Promise<string | null> {
  let size: number;
  try {
    size = (await stat(filePath)).size;
  } catch {
    return null;
  }
  const length = Math.min(size, maxBytes);
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

export interface DiagnosticService {
  /** Builds the diagnostic, writes it to the clipboard and returns it. */
  copy(facts: DiagnosticFacts): Promise<string>;
}

export function createDiagnosticService(deps: {
  app: () => DiagnosticInput['app'];
  desktop: () => NonNullable<DiagnosticInput['desktop']>;
  logFile: string;
  /** Everything secret this PC stores (decrypted only to be scrubbed from the text). */
  knownSecrets: () => Promise<string[]>;
  writeClipboard: (text: string) => void;
  logger: Logger;
  now?: () => Date;
}): DiagnosticService {
  return {
    async copy(facts) {
      await deps.logger.flush();
      const [logLines, knownSecrets] = await Promise.all([
        readLogTail(deps.logFile, DIAGNOSTIC_LOG_LINES).catch((error: unknown) => {
          deps.logger.warn('log not readable for diagnostic', errorFields(error));
          return ['(no se pudo leer el registro)'];
        }),
        deps.knownSecrets().catch(() => []),
      ]);
      const text = buildDiagnostic({
        now: deps.now?.() ?? new Date(),
        app: deps.app(),
        desktop: deps.desktop(),
        facts,
        logLines,
        knownSecrets,
      });
      deps.writeClipboard(text);
      deps.logger.info('diagnostic copied', { bytes: text.length });
      return text;
    },
  };
}
