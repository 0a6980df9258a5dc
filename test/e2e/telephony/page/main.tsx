// Test-only page: the agent's line (SipLine + adapter + slices + components) without the rest
// of the app. Settings come from the query string; what the page saw is kept on window.
import { configureStore } from '@reduxjs/toolkit';
import { createRoot } from 'react-dom/client';
import { Provider, useSelector } from 'react-redux';
import type { CallerId } from '../../../../shared/telephony/callerId';
import type { CallSnapshot } from '../../../../shared/telephony/callState';
import { CallControls } from '../../../../renderer/features/call/CallControls';
import call, { selectCalls } from '../../../../renderer/features/call/callSlice';
import { LineStatus } from '../../../../renderer/features/line/LineStatus';
import line from '../../../../renderer/features/line/lineSlice';
import { startTelephony } from '../../../../renderer/features/line/telephonyAdapter';

export interface SeenCall {
  callId: string;
  callerId: CallerId;
  /** performance.now() when the adapter reported the INVITE. */
  at: number;
  /** Date.now() at the same moment, to compare with the test's clock. */
  wall: number;
}

declare global {
  interface Window {
    telephonyTest: {
      incoming: SeenCall[];
      ended: CallSnapshot[];
      lineStates: string[];
      /** Audio RTP packets received by the newest peer connection (media really flows). */
      audioPacketsReceived: () => Promise<number>;
    };
  }
}

const params = new URLSearchParams(location.search);
const store = configureStore({ reducer: { line, call } });
// Keep every peer connection sip.js creates, to read its statistics.
const peerConnections: RTCPeerConnection[] = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    peerConnections.push(this);
  }
} as typeof RTCPeerConnection;

window.telephonyTest = {
  incoming: [],
  ended: [],
  lineStates: [],
  audioPacketsReceived: async () => {
    const pc = peerConnections[peerConnections.length - 1];
    if (!pc) return 0;
    let packets = 0;
    (await pc.getStats()).forEach((report: { type: string; kind?: string; packetsReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') packets += report.packetsReceived ?? 0;
    });
    return packets;
  },
};
store.subscribe(() => {
  const status = store.getState().line.state.status;
  const states = window.telephonyTest.lineStates;
  if (states[states.length - 1] !== status) states.push(status);
});

startTelephony(
  {
    server: params.get('ws') ?? 'ws://127.0.0.1:8080',
    uri: params.get('uri') ?? 'sip:1001@companion.test',
    password: params.get('password') ?? 'secret',
    ivrHeader: params.get('ivrHeader') ?? undefined,
    backoff: {
      baseMs: Number(params.get('backoffBaseMs') ?? 1000),
      capMs: Number(params.get('backoffCapMs') ?? 30000),
    },
    credentialsRetryMs: params.has('credentialsRetryMs')
      ? Number(params.get('credentialsRetryMs'))
      : undefined,
  },
  {
    dispatch: store.dispatch,
    onIncomingCall: (callerId, callId) =>
      window.telephonyTest.incoming.push({ callId, callerId, at: performance.now(), wall: Date.now() }),
    onCallEnded: (snapshot) => window.telephonyTest.ended.push(snapshot),
  },
);

function Calls() {
  const calls = useSelector(selectCalls);
  return (
    <ul aria-label="Llamadas">
      {calls.map((c) => (
        <li key={c.id} data-call-id={c.id} data-caller={c.callerId.label}>
          <strong className="caller">{c.callerId.label}</strong>{' '}
          {c.callerId.displayName && <span className="display-name">{c.callerId.displayName}</span>}
          <CallControls callId={c.id} shortcut={false} />
        </li>
      ))}
    </ul>
  );
}

createRoot(document.getElementById('root')!).render(
  <Provider store={store}>
    <LineStatus />
    <Calls />
  </Provider>,
);
