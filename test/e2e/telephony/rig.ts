import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The rig scripts and scenarios, and the ports the telephony e2e runs on (apart from a dev rig on 5060). */
export const RIG_HOME = resolve(import.meta.dirname, '../../rig');

export const E2E_RIG_ENV = {
  RIG_SIP_PORT: process.env.RIG_SIP_PORT ?? '5160',
  RIG_WS_PORT: process.env.RIG_WS_PORT ?? '8160',
  RIG_NG_PORT: process.env.RIG_NG_PORT ?? '22260',
  RIG_RTP_MIN: process.env.RIG_RTP_MIN ?? '32000',
  RIG_RTP_MAX: process.env.RIG_RTP_MAX ?? '32199',
};

export const rigSipPort = Number(E2E_RIG_ENV.RIG_SIP_PORT);
export const rigWsUrl = `ws://127.0.0.1:${E2E_RIG_ENV.RIG_WS_PORT}`;
export const rigDir =
  process.env.RIG_DIR ?? join(process.env.TMPDIR ?? '/tmp', `companion-rig-${E2E_RIG_ENV.RIG_SIP_PORT}`);

function rigScript(script: string, args: string[]): string {
  return execFileSync('bash', [join(RIG_HOME, script), ...args], {
    env: { ...process.env, ...E2E_RIG_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function startRig(...components: Array<'rtpengine' | 'kamailio'>): string {
  try {
    return rigScript('start.sh', components);
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string };
    throw new Error(`rig did not start:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export function stopRig(...components: Array<'rtpengine' | 'kamailio'>): void {
  rigScript('stop.sh', components);
}

/** SIGKILL Kamailio (its whole process group): a PBX crash as the agent's line sees it. */
export function crashKamailio(): void {
  rigScript('stop.sh', ['--kill', 'kamailio']);
}

export function kamailioLog(): string {
  try {
    return readFileSync(join(rigDir, 'kamailio.log'), 'utf8');
  } catch {
    return '';
  }
}

function users(): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(join(RIG_HOME, 'users.txt'), 'utf8').split('\n')) {
    const [user, password] = line.trim().split(/\s+/);
    if (user && password && !user.startsWith('#')) map.set(user, password);
  }
  return map;
}

export function passwordOf(user: string): string {
  const password = users().get(user);
  if (!password) throw new Error(`no password for ${user} in users.txt`);
  return password;
}

const running = new Set<ChildProcess>();

/** Ends every sipp this process started and that is still running (test teardown). */
export function killSippCalls(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

// sipp binds its sockets with SO_REUSEADDR, and without -p it takes 5060: two sipp processes (of two
// test processes, or a sipp and a rig) given the same port share it and steal each other's requests
// (a REFER then times out). So each sipp gets ports the kernel has just handed out as free.
const FREE_UDP_PORTS = `
const dgram = require('node:dgram');
const n = Number(process.argv[1]);
const sockets = Array.from({ length: n }, () => dgram.createSocket('udp4'));
let bound = 0;
for (const s of sockets) s.bind(0, '127.0.0.1', () => {
  if (++bound < n) return;
  console.log(sockets.map((x) => x.address().port).join(' '));
  for (const x of sockets) x.close();
});`;

/** Free local UDP ports for the next sipp: its SIP port and its RTP port. */
export function nextSippPorts(): { sip: number; media: number } {
  const out = execFileSync(process.execPath, ['-e', FREE_UDP_PORTS, '2'], { encoding: 'utf8' });
  const [sip, media] = out.trim().split(' ').map(Number);
  if (!sip || !media) throw new Error(`no free UDP ports: ${out}`);
  return { sip, media };
}

export interface SippCallOptions {
  /** Callee (default the agent, 1001). */
  to?: string;
  fromUser: string;
  fromName?: string;
  /** Up to 3 full header lines ("P-Asserted-Identity: <sip:...>"). */
  headers?: string[];
  /** Scenario file in test/rig/sipp (default call-agent.xml). */
  scenario?: string;
  /** Extra -key values the scenario needs. */
  keys?: Record<string, string>;
  timeoutMs?: number;
}

export interface SippRun {
  /** Resolves when sipp exits: code 0 means the call went as the scenario expects. */
  done: Promise<{ code: number | null; output: string }>;
  kill(): void;
}

/** A customer calls through the trunk with the caller id the test chooses (plain RTP). */
export function sippCall(options: SippCallOptions): SippRun {
  const { sip, media } = nextSippPorts();
  const headers = [...(options.headers ?? [])];
  while (headers.length < 3) headers.push(`X-Rig-Pad: ${headers.length}`);
  const work = mkdtempSync(join(tmpdir(), 'sipp-'));
  const args = [
    '-sf',
    join(RIG_HOME, 'sipp', options.scenario ?? 'call-agent.xml'),
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
    '-key',
    'from_user',
    options.fromUser,
    '-key',
    'from_name',
    options.fromName ?? '',
    '-key',
    'extra1',
    headers[0]!,
    '-key',
    'extra2',
    headers[1]!,
    '-key',
    'extra3',
    headers[2]!,
    '-m',
    '1',
    '-nostdin',
    // sipp quits by itself even if this test process dies first.
    '-timeout',
    `${Math.ceil((options.timeoutMs ?? 60_000) / 1000)}s`,
    '-trace_err',
    '-trace_logs',
    ...Object.entries(options.keys ?? {}).flatMap(([key, value]) => ['-key', key, value]),
    `127.0.0.1:${rigSipPort}`,
  ];
  return runSipp(args, { cwd: work, timeoutMs: options.timeoutMs ?? 60_000 });
}

/** Runs sipp in `cwd` (removed afterwards); its error and <log> files join the output. */
export function runSipp(args: string[], options: { cwd: string; timeoutMs: number }): SippRun {
  const work = options.cwd;
  const child = spawn('sipp', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  running.add(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs + 5000);
  const done = new Promise<{ code: number | null; output: string }>((resolveDone) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      running.delete(child);
      for (const file of readdirSync(work).filter(
        (f) => f.endsWith('_errors.log') || f.endsWith('_logs.log'),
      )) {
        output += readFileSync(join(work, file), 'utf8');
      }
      rmSync(work, { recursive: true, force: true });
      resolveDone({ code, output });
    });
  });
  return { done, kill: () => child.kill('SIGKILL') };
}
