import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Reachability } from './reachability';
import type { SenderStatus } from './syncController';

export interface SyncState {
  /** The back office this window talks to (signed in, or the kiosk default); null: standalone. */
  serverUrl: string | null;
  reachability: Reachability;
  reachabilityDetail: string | null;
  /** This window runs the sender (the others only show the shared queue). */
  leader: boolean;
  sender: SenderStatus | null;
  /** The call log's upload (same sender, its own status); only in the leader window. */
  callSender: SenderStatus | null;
}

const initialState: SyncState = {
  serverUrl: null,
  reachability: 'unknown',
  reachabilityDetail: null,
  leader: false,
  sender: null,
  callSender: null,
};

const syncSlice = createSlice({
  name: 'sync',
  initialState,
  reducers: {
    reachabilityChanged(state, action: PayloadAction<{ state: Reachability; detail: string | null }>) {
      state.reachability = action.payload.state;
      state.reachabilityDetail = action.payload.detail;
    },
    serverUrlChanged(state, action: PayloadAction<string | null>) {
      state.serverUrl = action.payload;
    },
    becameLeader(state) {
      state.leader = true;
    },
    senderStatusChanged(state, action: PayloadAction<SenderStatus>) {
      state.sender = action.payload;
    },
    callSenderStatusChanged(state, action: PayloadAction<SenderStatus>) {
      state.callSender = action.payload;
    },
  },
});

export const {
  reachabilityChanged,
  serverUrlChanged,
  becameLeader,
  senderStatusChanged,
  callSenderStatusChanged,
} = syncSlice.actions;
export default syncSlice.reducer;
