// The floor of bench:pop: the least a web page can do between an INVITE on its WebSocket and a
// painted pop — sip.js registered on the same extension as the app (Kamailio forks each call to
// both), no framework, no look-up: on INVITE it puts the caller's number in a dialog and rejects
// the call right after the frame that shows it. Settings come from the query string.
import { Registerer, UserAgent, type Invitation } from 'sip.js';

interface FloorMarks {
  invite: number[];
  painted: number[];
  registered: boolean;
  /** The bench's wait (no polling: a polling loop would keep frames coming). */
  onPainted?: () => void;
}
const marks: FloorMarks = { invite: [], painted: [], registered: false };
(window as unknown as { floorMarks: FloorMarks }).floorMarks = marks;

// The INVITE frame's arrival, before sip.js parses it (the app's page is timed the same way).
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.addEventListener('message', (event) => {
      if (typeof event.data === 'string' && event.data.startsWith('INVITE '))
        marks.invite.push(performance.now());
    });
  }
};

const params = new URLSearchParams(location.search);
const root = document.getElementById('root')!;

function pop(invitation: Invitation): void {
  const dialog = document.createElement('section');
  dialog.setAttribute('role', 'dialog');
  dialog.textContent = `Llamada de ${invitation.remoteIdentity.uri.user ?? ''}`;
  root.replaceChildren(dialog);
  requestAnimationFrame(() => {
    marks.painted.push(performance.now());
    marks.onPainted?.();
    // After the paint: the app's branch decides the call; this one steps aside.
    setTimeout(() => void invitation.reject({ statusCode: 486 }).catch(() => undefined), 0);
  });
}

const uri = UserAgent.makeURI(params.get('uri') ?? '')!;
const userAgent = new UserAgent({
  uri,
  authorizationUsername: uri.user,
  authorizationPassword: params.get('password') ?? '',
  transportOptions: { server: params.get('ws') ?? '' },
  logLevel: 'error',
  delegate: { onInvite: pop },
});
await userAgent.start();
const registerer = new Registerer(userAgent, { expires: 300 });
await registerer.register({
  requestDelegate: {
    onAccept: () => {
      marks.registered = true;
      document.documentElement.dataset.registered = 'true';
    },
  },
});
