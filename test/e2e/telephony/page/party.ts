// Test-only page: another party of the call, a bare sip.js user agent driven by the test through
// window.party. It plays the Telecobranzas desk (26939901), the consult target (2000), a customer
// calling from a WebRTC phone (follows REFER as a transferee should), or the agent's other device.
import {
  Invitation,
  Inviter,
  Registerer,
  SessionState,
  SIPExtension,
  UserAgent,
  Web,
  type Referral,
  type Session,
} from 'sip.js';
import { uriHeaders } from '../../../../shared/telephony/referTo';

export interface PartyOptions {
  ws: string;
  uri: string;
  password: string;
  /** Digest user (default: the URI's user). */
  authUser?: string;
  register?: boolean;
  /** Answer every INVITE at once (desk, consult target). An INVITE with Replaces is always taken. */
  autoAnswer?: boolean;
}

export interface PartyCall {
  id: string;
  direction: 'incoming' | 'outgoing';
  state: string;
  /** Headers of the INVITE that created it (incoming), lower-cased names. */
  headers: Record<string, string>;
  /** It replaced another call of this party (INVITE with Replaces). */
  replaced: string | null;
  /** Created by following a REFER received on this call id. */
  referredFrom: string | null;
}

declare global {
  interface Window {
    party: {
      start(options: PartyOptions): Promise<void>;
      stop(): Promise<void>;
      calls: PartyCall[];
      /** Refer-To values of the REFERs received. */
      refers: string[];
      call(target: string, extraHeaders?: string[]): string;
      answer(id: string): Promise<void>;
      hangup(id: string): Promise<void>;
      audioPacketsReceived(id: string): Promise<number>;
    };
  }
}

const WATCHED_HEADERS = ['from', 'p-asserted-identity', 'x-companion-case', 'replaces', 'referred-by'];
const sessions = new Map<string, Session>();
let ua: UserAgent | null = null;
let registerer: Registerer | null = null;
let options: PartyOptions | null = null;

function record(session: Session, call: Omit<PartyCall, 'id' | 'state'>): void {
  const entry: PartyCall = { id: session.id, state: session.state, ...call };
  window.party.calls.push(entry);
  sessions.set(session.id, session);
  session.stateChange.addListener((state) => {
    entry.state = state;
    if (state === SessionState.Established) playRemote(session);
  });
  session.delegate = {
    ...session.delegate,
    onRefer: (referral) => void followRefer(session, referral),
  };
}

/** A transferee as RFC 3515 wants it: accept, call the Refer-To target (its URI headers become
 * INVITE headers), and once that call is up hang up the call that was transferred. */
async function followRefer(original: Session, referral: Referral): Promise<void> {
  const referTo = referral.referTo.uri.toString();
  window.party.refers.push(referTo);
  await referral.accept();
  const extraHeaders = Object.entries(uriHeaders(referTo))
    .filter(([name]) => name.toLowerCase() !== 'replaces') // sip.js adds Replaces itself
    .map(([name, value]) => `${name}: ${value}`);
  const inviter = referral.makeInviter({ extraHeaders });
  record(inviter, { direction: 'outgoing', headers: {}, replaced: null, referredFrom: original.id });
  inviter.stateChange.addListener((state) => {
    if (state === SessionState.Established && original.state === SessionState.Established) {
      void original.bye().catch(() => undefined);
    }
  });
  await inviter.invite();
}

function headersOf(invitation: Invitation): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of WATCHED_HEADERS) {
    const value = invitation.request.getHeader(name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

function playRemote(session: Session): void {
  const sdh = session.sessionDescriptionHandler;
  if (!(sdh instanceof Web.SessionDescriptionHandler) || !sdh.remoteMediaStream) return;
  const audio = new Audio();
  audio.autoplay = true;
  audio.srcObject = sdh.remoteMediaStream;
  void audio.play().catch(() => undefined);
}

window.party = {
  calls: [],
  refers: [],
  async start(opts) {
    options = opts;
    const uri = UserAgent.makeURI(opts.uri);
    if (!uri) throw new Error(`bad uri ${opts.uri}`);
    ua = new UserAgent({
      uri,
      authorizationUsername: opts.authUser ?? uri.user,
      authorizationPassword: opts.password,
      transportOptions: { server: opts.ws, connectionTimeout: 5 },
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 1000,
      },
      sipExtensionReplaces: SIPExtension.Supported,
      logLevel: 'warn',
      delegate: {
        onInvite: (invitation) => {
          const replaced = invitation.replacee?.id ?? null;
          record(invitation, {
            direction: 'incoming',
            headers: headersOf(invitation),
            replaced,
            referredFrom: null,
          });
          // Taking a call with Replaces ends the replaced one (sip.js sends its BYE).
          if (options?.autoAnswer || replaced) void invitation.accept().catch(() => undefined);
        },
      },
    });
    await ua.start();
    if (opts.register) {
      registerer = new Registerer(ua, { expires: 300 });
      await new Promise<void>((resolve, reject) => {
        void registerer!
          .register({
            requestDelegate: {
              onAccept: () => resolve(),
              onReject: (response) => reject(new Error(`REGISTER ${response.message.statusCode}`)),
            },
          })
          .catch(reject);
      });
    }
  },
  async stop() {
    for (const session of sessions.values()) {
      if (session.state === SessionState.Established) await session.bye().catch(() => undefined);
    }
    if (registerer) await registerer.unregister().catch(() => undefined);
    await ua?.stop();
  },
  call(target, extraHeaders = []) {
    if (!ua) throw new Error('not started');
    const uri = UserAgent.makeURI(target);
    if (!uri) throw new Error(`bad target ${target}`);
    const inviter = new Inviter(ua, uri, { extraHeaders });
    record(inviter, { direction: 'outgoing', headers: {}, replaced: null, referredFrom: null });
    void inviter.invite().catch(() => undefined);
    return inviter.id;
  },
  async answer(id) {
    const session = sessions.get(id);
    if (!(session instanceof Invitation)) throw new Error(`no incoming call ${id}`);
    await session.accept();
  },
  async hangup(id) {
    const session = sessions.get(id);
    if (!session) return;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter) await session.cancel();
    else if (session instanceof Invitation) await session.reject();
  },
  async audioPacketsReceived(id) {
    const sdh = sessions.get(id)?.sessionDescriptionHandler;
    if (!(sdh instanceof Web.SessionDescriptionHandler)) return 0;
    let packets = 0;
    (await sdh.peerConnection!.getStats()).forEach(
      (report: { type: string; kind?: string; packetsReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') packets += report.packetsReceived ?? 0;
      },
    );
    return packets;
  },
};
