import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  messageId: string;
  /** Every envelope recipient (To and Cc). */
  to: string[];
  /** The Cc header's addresses. */
  cc: string[];
  subject: string;
  text: string;
  raw: string;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return Buffer.from(body, 'latin1').toString('utf8');
}

/** Just enough MIME for the single-part text mails the server sends. */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return {
    messageId: headers.get('message-id') ?? '',
    to,
    cc: (headers.get('cc') ?? '')
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean),
    subject: decodeWords(headers.get('subject') ?? ''),
    text: decodeBody(raw.slice(split + 4), (headers.get('content-transfer-encoding') ?? '').toLowerCase()),
    raw,
  };
}

/** A real SMTP server in the test process that keeps what it receives. */
export class RecordingSmtp {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private connectionWaiters: Array<() => void> = [];
  /** Connections that reached the server (held or not). */
  connections = 0;

  constructor(public port = 0) {}

  /** From now on the server greets nobody: each new client waits, as on a stalled server. */
  hold(): void {
    this.gate ??= new Promise<void>((resolve) => (this.openGate = resolve));
  }

  /** Lets the held clients (and every later one) through. */
  release(): void {
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
  }

  /** Resolves once `count` connections have arrived in total. */
  connected(count = 1): Promise<void> {
    if (this.connections >= count) return Promise.resolve();
    return new Promise((resolve) =>
      this.connectionWaiters.push(() => this.connections >= count && resolve()),
    );
  }

  async start(): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disableReverseLookup: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        this.connections += 1;
        for (const waiter of this.connectionWaiters) waiter();
        const gate = this.gate;
        if (gate) void gate.then(() => callback());
        else callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.mails.push(
            parseMail(
              Buffer.concat(chunks).toString('latin1'),
              session.envelope.rcptTo.map((r) => r.address),
            ),
          );
          callback();
        });
      },
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    this.release();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }
}

/** A port nobody listens on (yet): for "SMTP is down". */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
