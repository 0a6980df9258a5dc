import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextSippPorts, passwordOf, RIG_HOME, rigSipPort, runSipp, type SippRun } from './rig';

/**
 * N customers calling the agent, for the pop-up benchmark (`npm run bench:pop`) and load tests:
 * one sipp process places `count` calls at `ratePerSecond`, each presenting the next caller id
 * of `callers` (From and P-Asserted-Identity), ringing `ringMs`, then giving up (CANCEL).
 * Nobody has to answer; the page under test only pops.
 */
export interface SippLoadOptions {
  /** E.164 numbers, used in turn (cycled when `count` is larger). */
  callers: readonly string[];
  /** Calls to place (default: one per caller). */
  count?: number;
  /** New calls per second (default 2). */
  ratePerSecond?: number;
  /** How long each call rings before the customer gives up (default 2000 ms). */
  ringMs?: number;
  /** At most this many calls at once (default 10). */
  maxConcurrent?: number;
  /** Callee (default the agent, 1001). */
  to?: string;
  /** The rig's SIP port (default: the e2e rig's, 5160). */
  sipPort?: number;
}

export function placeSippCalls(options: SippLoadOptions): SippRun {
  if (options.callers.length === 0) throw new Error('placeSippCalls: no caller ids');
  const count = options.count ?? options.callers.length;
  const rate = options.ratePerSecond ?? 2;
  const ringMs = options.ringMs ?? 2000;
  const work = mkdtempSync(join(tmpdir(), 'sipp-load-'));
  // sipp injection file: a mode line, then one field per line (read in order).
  const callers = join(work, 'callers.csv');
  writeFileSync(callers, ['SEQUENTIAL', ...options.callers.map((number) => `${number};`)].join('\n') + '\n');
  const { sip, media } = nextSippPorts();
  const timeoutMs = Math.ceil((count / rate) * 1000 + ringMs + 30_000);
  const args = [
    '-sf',
    join(RIG_HOME, 'sipp', 'call-burst.xml'),
    '-inf',
    callers,
    '-i',
    '127.0.0.1',
    '-p',
    String(sip),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(media),
    '-s',
    options.to ?? '1001',
    '-au',
    'trunk',
    '-ap',
    passwordOf('trunk'),
    '-d',
    String(ringMs),
    '-m',
    String(count),
    '-r',
    String(rate),
    '-l',
    String(options.maxConcurrent ?? 10),
    '-nostdin',
    '-timeout',
    `${Math.ceil(timeoutMs / 1000)}s`,
    '-trace_err',
    `127.0.0.1:${options.sipPort ?? rigSipPort}`,
  ];
  return runSipp(args, { cwd: work, timeoutMs });
}
