import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, errorFields, logFilePath } from './logger';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'companion-logger-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sink() {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => chunks.push(chunk) };
}

const fixedNow = () => new Date('2026-11-26T12:00:00.000Z');

describe('createLogger', () => {
  it('writes one JSON object per line to userData/logs and to stderr', async () => {
    const file = logFilePath(dir);
    const stderr = sink();
    const logger = createLogger({ filePath: file, stderr, now: fixedNow });
    logger.warn('ipc rejected', { channel: 'companion:log', reason: 'bad\nsender' });
    logger.write('info', 'pedido enviado', { ticket: 42 }, 'renderer');
    await logger.flush();

    expect(file).toBe(path.join(dir, 'logs', 'main.log'));
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2026-11-26T12:00:00.000Z',
      level: 'warn',
      source: 'main',
      msg: 'ipc rejected',
      channel: 'companion:log',
      reason: 'bad\nsender',
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({
      level: 'info',
      source: 'renderer',
      msg: 'pedido enviado',
      ticket: 42,
    });
    expect(stderr.chunks.join('')).toBe(`${lines.join('\n')}\n`);
  });

  it('does not let caller fields overwrite the envelope', async () => {
    const stderr = sink();
    const logger = createLogger({ filePath: null, stderr, now: fixedNow });
    logger.error('real message', { level: 'debug', msg: 'fake', time: 'x' });
    const entry = JSON.parse(stderr.chunks[0]!);
    expect(entry).toMatchObject({ level: 'error', msg: 'real message', time: '2026-11-26T12:00:00.000Z' });
    expect(entry['field.msg']).toBe('fake');
  });

  it('rotates an oversized file on start', async () => {
    const file = logFilePath(dir);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'x'.repeat(100));
    const logger = createLogger({ filePath: file, stderr: sink(), now: fixedNow, maxFileBytes: 50 });
    logger.info('fresh');
    await logger.flush();
    expect(await readFile(path.join(dir, 'logs', 'main.1.log'), 'utf8')).toBe('x'.repeat(100));
    expect(JSON.parse(await readFile(file, 'utf8')).msg).toBe('fresh');
  });

  it('keeps logging to stderr when the file cannot be written', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    await writeFile(blocker, '');
    const stderr = sink();
    const logger = createLogger({ filePath: path.join(blocker, 'logs', 'main.log'), stderr, now: fixedNow });
    logger.info('still visible');
    await logger.flush();
    const entries = stderr.chunks.map((c) => JSON.parse(c));
    expect(entries.some((e) => e.msg === 'still visible')).toBe(true);
    expect(entries.filter((e) => e.msg.startsWith('log file unavailable'))).toHaveLength(1);
  });
});

describe('errorFields', () => {
  it('keeps name and message only', () => {
    expect(errorFields(new TypeError('boom'))).toEqual({ error: 'boom', errorName: 'TypeError' });
    expect(errorFields('plain')).toEqual({ error: 'plain' });
  });
});
