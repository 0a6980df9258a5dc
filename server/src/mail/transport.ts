import nodemailer from 'nodemailer';

/**
 * SMTP via nodemailer from a URL (smtp://user:pass@host:port, smtps:// for TLS), pooled, with
 * short timeouts: a hung server delays one claim, it does not stall the worker.
 */
export function createSmtpTransport(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    // EHLO name fixed: no lookup of the machine's own name before every connection.
    name: process.env.SMTP_HELO_NAME ?? 'companion-server',
    // Reuse connections: one handshake per connection, not per mail.
    pool: true,
    maxConnections: 2,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 15000,
  });
}
