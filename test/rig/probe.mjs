// Readiness probes for the rig, waiting up to a deadline:
//   node probe.mjs <timeout-ms> sip-udp <host> <port>   SIP OPTIONS gets a final reply
//   node probe.mjs <timeout-ms> ng <host> <port>        rtpengine control "ping" gets "pong"
//   node probe.mjs <timeout-ms> tcp <host> <port>       a TCP connection is accepted
// Exits 0 when the probe succeeds, 1 on timeout.
import dgram from 'node:dgram';
import net from 'node:net';
import { randomBytes } from 'node:crypto';

const [timeoutArg, kind, host, portArg] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutArg);
const port = Number(portArg);

function udpOnce(payload, accept) {
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    const done = (ok) => {
      clearTimeout(timer);
      sock.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    sock.on('message', (msg) => done(accept(msg.toString())));
    sock.on('error', () => done(false));
    sock.bind(0, '127.0.0.1', () => sock.send(payload, port, host));
  });
}

function sipOptions() {
  const tag = randomBytes(4).toString('hex');
  const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
  return [
    `OPTIONS sip:${host}:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:9;branch=${branch};rport`,
    'Max-Forwards: 5',
    `From: <sip:probe@${host}>;tag=${tag}`,
    `To: <sip:${host}:${port}>`,
    `Call-ID: probe-${tag}@127.0.0.1`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

function tcpOnce() {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(300, () => done(false));
    sock.on('connect', () => done(true));
    sock.on('error', () => done(false));
  });
}

async function once() {
  if (kind === 'sip-udp') return udpOnce(sipOptions(), (m) => /^SIP\/2\.0 [2-6]\d\d/.test(m));
  if (kind === 'ng') return udpOnce('probe1 d7:command4:pinge', (m) => m.includes('pong'));
  if (kind === 'tcp') return tcpOnce();
  throw new Error(`unknown probe ${kind}`);
}

while (Date.now() < deadline) {
  if (await once()) process.exit(0);
  await new Promise((r) => setTimeout(r, 100));
}
process.exit(1);
