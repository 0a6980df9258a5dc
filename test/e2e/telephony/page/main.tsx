// Test-only page: the agent's line (SipLine + adapter + slices + components) without the rest
// of the app. Settings come from the query string; what the page saw is kept on window.
import { configureStore } from '@reduxjs/toolkit';
import { createRoot } from 'react-dom/client';
import { Provider, useSelector } from 'react-redux';
import type { CallLogEntry } from '../../../../shared/telephony/callLog';
import type { CallerId } from '../../../../shared/telephony/callerId';
import type { CallSnapshot } from '../../../../shared/telephony/callState';
import { TestServices, telephonyServices } from '../../../../renderer/app/testing/testServices';
import { CompanionDb } from '../../../../renderer/db/db';
import {
  callReducer as call,
  CallControls,
  CallRegistry,
  selectCalls,
} from '../../../../renderer/features/call';
import { CallLog, MissedCalls } from '../../../../renderer/features/calllog';
import { lineReducer as line, LineStatus, startTelephony } from '../../../../renderer/features/line';
import { SipLine } from '../../../../renderer/features/line/SipLine';

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
      /** Audio RTP packets received by the open peer connections (media really flows). */
      audioPacketsReceived: () => Promise<number>;
      /** Closes the line's WebSocket as a network failure would (an unexpected close). */
      dropConnection: () => void;
      /** While true, new WebSocket connections are refused (the line stays down). */
      refuseConnections: (refuse: boolean) => void;
      /** The ring <audio> element: playing? how loud? where in the tone? */
      ring: () => { playing: boolean; volume: number; time: number } | null;
      callLog: () => Promise<CallLogEntry[]>;
      setCustomer: (callId: string, codigo: string, blocks: string[]) => Promise<void>;
      /** Unregisters and stops the line (test teardown: no stale binding left in Kamailio). */
      stop: () => Promise<void>;
      /** Ends every call still up (after a failed test, so the next one starts clean). */
      hangupAll: () => Promise<number>;
    };
  }
}

const params = new URLSearchParams(location.search);
const store = configureStore({ reducer: { line, call } });
// Wired as renderer/app/services.ts wires the app's line.
const registry = new CallRegistry();
const callLog = new CallLog(new CompanionDb());

// Keep every peer connection sip.js creates, to read its statistics.
const peerConnections: RTCPeerConnection[] = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    peerConnections.push(this);
  }
} as typeof RTCPeerConnection;

// Keep the sockets sip.js opens (to drop the line from the test), and a switch that refuses new ones.
const sockets: WebSocket[] = [];
let refuse = false;
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    // Refused as when the network or the PBX is down: nothing listens on port 9.
    super(refuse ? 'ws://127.0.0.1:9' : url, protocols);
    sockets.push(this);
  }
} as typeof WebSocket;

window.telephonyTest = {
  incoming: [],
  ended: [],
  lineStates: [],
  audioPacketsReceived: async () => {
    let packets = 0;
    for (const pc of peerConnections.filter((c) => c.connectionState !== 'closed')) {
      (await pc.getStats()).forEach((report: { type: string; kind?: string; packetsReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') packets += report.packetsReceived ?? 0;
      });
    }
    return packets;
  },
  dropConnection: () => {
    // 4000: an application close code, which sip.js takes as an unexpected close (a loss).
    for (const ws of sockets.filter((s) => s.readyState === NativeWebSocket.OPEN)) ws.close(4000, 'test');
  },
  refuseConnections: (value) => {
    refuse = value;
  },
  ring: () => {
    const audio = document.querySelector<HTMLAudioElement>('audio[data-companion-ring]');
    return audio ? { playing: !audio.paused, volume: audio.volume, time: audio.currentTime } : null;
  },
  callLog: async () => {
    await callLog.settled();
    return callLog.recentCalls();
  },
  setCustomer: (callId, codigo, blocks) => callLog.setCallCustomer(callId, codigo, blocks),
  stop: () => handle.stop(),
  hangupAll: async () => {
    const calls = registry.live();
    await Promise.all(calls.map((c) => c.hangup()));
    return calls.length;
  },
};
store.subscribe(() => {
  const status = store.getState().line.state.status;
  const states = window.telephonyTest.lineStates;
  if (states[states.length - 1] !== status) states.push(status);
});

const handle = startTelephony(
  {
    server: params.get('ws') ?? 'ws://127.0.0.1:8080',
    uri: params.get('uri') ?? 'sip:1001@companion.test',
    password: params.get('password') ?? 'secret',
    ivrHeader: params.get('ivrHeader') ?? undefined,
    companionMode: params.get('companion') === '1',
    backoff: {
      baseMs: Number(params.get('backoffBaseMs') ?? 1000),
      capMs: Number(params.get('backoffCapMs') ?? 30000),
    },
    credentialsRetryMs: params.has('credentialsRetryMs')
      ? Number(params.get('credentialsRetryMs'))
      : undefined,
    transferNotifyTimeoutMs: params.has('transferNotifyTimeoutMs')
      ? Number(params.get('transferNotifyTimeoutMs'))
      : undefined,
  },
  {
    dispatch: store.dispatch,
    registry,
    callLog: (snapshot, telecobranzas) => callLog.recordCall(snapshot, telecobranzas),
    onIncomingCall: (callerId, callId) =>
      window.telephonyTest.incoming.push({ callId, callerId, at: performance.now(), wall: Date.now() }),
    onCallEnded: (snapshot) => window.telephonyTest.ended.push(snapshot),
    createLine: (config, delegate) => new SipLine(config, delegate),
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
          <CallControls callId={c.id} shortcut={false} caseId={params.get('caseId')} />
        </li>
      ))}
    </ul>
  );
}

createRoot(document.getElementById('root')!).render(
  <Provider store={store}>
    <TestServices services={{ ...telephonyServices(() => handle, registry), callLog }}>
      <LineStatus />
      <Calls />
      <MissedCalls />
    </TestServices>
  </Provider>,
);
